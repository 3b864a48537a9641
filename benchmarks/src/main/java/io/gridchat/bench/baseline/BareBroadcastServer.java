package io.gridchat.bench.baseline;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The physical-limit baseline: a bare Jetty 12 WebSocket broadcast server speaking the frames of protocol v1
 * that the load generator uses, with in-memory rooms, no grid and no database. Jetty is set up as on the edge
 * node (same thread pool, idle timeout and frame writing), so the difference to gridchat is the grid.
 * {@code BareBroadcastServer [--host 127.0.0.1] [--port 9090]}; SIGTERM or Ctrl-C stops it. The main thread
 * only starts Jetty and waits.
 */
public final class BareBroadcastServer {
    private static final Logger LOG = LoggerFactory.getLogger(BareBroadcastServer.class);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_TEXT_BYTES = 4 * 16384;

    private BareBroadcastServer() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 9090;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: BareBroadcastServer [--host 127.0.0.1] [--port 9090]");
            }
        }
        Server server = start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping bare broadcast server");
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("Jetty stop failed", e);
            }
            stopped.countDown();
        }, "bare-shutdown"));
        stopped.await();
    }

    static Server start(String host, int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("bare-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        BareDirectory directory = new BareDirectory();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(MAX_TEXT_BYTES);
            container.setDefaultMaxSessionIdleTimeout(IDLE_TIMEOUT.toMillis());
        });
        context.addServlet(new ServletHolder("ws", new BareUpgradeServlet(directory)), "/ws");
        context.addServlet(new ServletHolder("api", new BareApiServlet(directory)), "/api/v1/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException("bare broadcast server did not start on " + host + ":" + port, e);
        }
        LOG.info("bare broadcast server listening on http://{}:{}", host, connector.getLocalPort());
        return server;
    }
}
