package io.gridchat.edge;

import io.gridchat.config.ConfigLoader;
import io.gridchat.config.JvmDefaults;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one edge node from config/gridchat.yaml and the environment; SIGTERM stops it gracefully. */
public final class EdgeNodeMain {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeNodeMain.class);

    private EdgeNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        JvmDefaults.apply();
        EdgeNode node = EdgeNode.start(ConfigLoader.load());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping edge node {}", node.edgeId());
            node.close();
            stopped.countDown();
        }, "edge-shutdown"));
        stopped.await();
    }
}
