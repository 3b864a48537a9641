package io.gridchat.grid;

import com.hazelcast.core.LifecycleEvent;
import io.gridchat.config.ConfigLoader;
import io.gridchat.config.JvmDefaults;
import io.gridchat.config.GridchatConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
        AtomicBoolean stopping = new AtomicBoolean();
        // Hazelcast's out-of-memory handler (or a fatal error) can stop the member under us; a JVM left running
        // outside the cluster looks alive to a supervisor, so exit and let it restart the member.
        node.instance().getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN && !stopping.get()) {
                LOG.error("the Hazelcast member stopped by itself (see above); exiting with status 1");
                new Thread(() -> System.exit(1), "grid-exit").start();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            LOG.info("stopping grid member: flushing write-behind queues");
            node.close();
            LOG.info("grid member stopped");
            stopped.countDown();
        }, "grid-shutdown"));
        stopped.await();
    }
}
