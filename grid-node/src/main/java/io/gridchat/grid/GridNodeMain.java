package io.gridchat.grid;

import io.gridchat.config.ConfigLoader;
import io.gridchat.config.JvmDefaults;
import io.gridchat.config.GridchatConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one grid member from config/gridchat.yaml and the environment; SIGTERM shuts it down gracefully. */
public final class GridNodeMain {
    private static final Logger LOG = LoggerFactory.getLogger(GridNodeMain.class);

    private GridNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        JvmDefaults.apply();
        GridchatConfig config = ConfigLoader.load();
        GridNode node = GridNode.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping grid member: flushing write-behind queues");
            node.close();
            LOG.info("grid member stopped");
            stopped.countDown();
        }, "grid-shutdown"));
        stopped.await();
    }
}
