package io.gridchat.edge;

import io.gridchat.config.EdgeSettings;
import io.gridchat.edge.http.ApiServlet;
import io.gridchat.edge.http.HealthServlet;
import io.gridchat.edge.ws.SessionRegistry;
import io.gridchat.edge.ws.UpgradeServlet;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.LoggerFactory;

/** The Jetty 12 server of an edge node: WebSocket, API, health, metrics and the static web client. */
final class EdgeServer {
    /** Room for frames a bit over the limit, so they get a TOO_LARGE error frame instead of a close. */
    private static final int TEXT_BUFFER_FACTOR = 4;
    /** Connections waiting to be accepted; the JDK default of 50 overflows when clients reconnect in a burst. */
    private static final int ACCEPT_QUEUE = 1024;

    private final Server server;
    private final ServerConnector connector;

    private EdgeServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static EdgeServer start(EdgeSettings settings, EdgeServices services, SessionRegistry sessions) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("edge-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        // Before the upgrade the connector's idle timeout applies; after it, the WebSocket session's below.
        connector.setIdleTimeout(Duration.ofSeconds(settings.handshakeTimeoutSeconds()).toMillis());
        server.addConnector(connector);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(errors);
        context.setBaseResource(ResourceFactory.of(context).newClassLoaderResource("web/"));
        long maxText = (long) services.limits().maxFrameBytes() * TEXT_BUFFER_FACTOR;
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize((int) maxText);
            container.setDefaultMaxSessionIdleTimeout(Duration.ofSeconds(settings.idleTimeoutSeconds()).toMillis());
        });
        context.addServlet(new ServletHolder("ws", new UpgradeServlet(services, sessions)), "/ws");
        ServletHolder api = new ServletHolder("api", new ApiServlet(services, settings.httpTimeoutSeconds()));
        api.setAsyncSupported(true);
        context.addServlet(api, "/api/v1/*");
        context.addServlet(new ServletHolder("health", new HealthServlet(services.grid())), "/health/*");
        context.addServlet(new ServletHolder("metrics", new PrometheusMetricsServlet(services.metrics().registry())),
                "/metrics");
        ServletHolder web = new ServletHolder("web", DefaultServlet.class);
        web.setInitParameter("dirAllowed", "false");
        context.addServlet(web, "/");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException("Jetty did not start on " + settings.host() + ":" + settings.port(), e);
        }
        return new EdgeServer(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    void stop() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LoggerFactory.getLogger(EdgeServer.class).warn("Jetty stop failed", e);
        }
    }
}
