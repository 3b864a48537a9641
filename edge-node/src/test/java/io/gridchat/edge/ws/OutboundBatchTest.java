package io.gridchat.edge.ws;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frames that wait together go to a real Jetty socket as one batch: every frame but the last of a run is sent
 * as "more follow", an action waits for the frames before it (the last of them is sent on its own, so it is
 * written before the action runs), and the client receives every frame once, whole and in order, small ones
 * (gathered in Jetty's batch buffer) and large ones (written beside it) alike.
 */
class OutboundBatchTest {
    private static final int FRAMES = 600;
    private static final int ACTION_EVERY = 97;
    private static final int LARGE_EVERY = 50;
    private static Server server;
    private static ServerConnector connector;
    private static volatile Endpoint nextEndpoint;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
                container.addEndpoint(ServerEndpointConfig.Builder.create(Endpoint.class, "/burst")
                        .configurator(new ServerEndpointConfig.Configurator() {
                            @Override
                            public <T> T getEndpointInstance(Class<T> endpointClass) {
                                return endpointClass.cast(nextEndpoint);
                            }
                        }).build()));
        server.setHandler(context);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void when_frames_wait_together_then_they_are_sent_as_one_batch_and_arrive_whole_and_in_order()
            throws Exception {
        List<String> expected = new ArrayList<>();
        List<Boolean> moreFollow = new CopyOnWriteArrayList<>();
        List<Integer> actionsRan = new CopyOnWriteArrayList<>();
        List<Integer> sentWhenActionRan = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Session> opened = new CopyOnWriteArrayList<>();
        Outbound outbound = new Outbound(10_000, Long.MAX_VALUE, failures::add, () -> { }, null);
        for (int i = 0; i < FRAMES; i++) {
            String frame = i % LARGE_EVERY == 0 ? "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(5_000) + "\"}"
                    : "{\"n\":" + i + "}";
            expected.add(frame);
            outbound.send(frame);
            if (i % ACTION_EVERY == 0) {
                int after = i;
                outbound.afterWritten(() -> {
                    actionsRan.add(after);
                    sentWhenActionRan.add(moreFollow.size());
                });
            }
        }
        nextEndpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                opened.add(session);
                FrameSocket socket = FrameSocket.of(session);
                outbound.attach((frame, more, written) -> {
                    moreFollow.add(more);
                    socket.send(frame, more, written);
                });
            }
        };

        Collector client = new Collector(FRAMES);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/burst"), client)
                .get(10, TimeUnit.SECONDS);
        try {
            assertThat(client.all.await(20, TimeUnit.SECONDS)).as("all %d frames received", FRAMES).isTrue();
        } finally {
            socket.abort();
        }

        assertThat(opened).as("Jetty's own session: frames go through its batching core session")
                .singleElement().isInstanceOf(JakartaWebSocketSession.class);
        assertThat(client.frames).containsExactlyElementsOf(expected);
        assertThat(failures).isEmpty();
        List<Boolean> expectedFlags = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            expectedFlags.add(i % ACTION_EVERY != 0 && i < FRAMES - 1);
        }
        assertThat(moreFollow).as("more follow, except before an action and for the last frame")
                .containsExactlyElementsOf(expectedFlags);
        List<Integer> expectedActions = new ArrayList<>();
        for (int i = 0; i < FRAMES; i += ACTION_EVERY) {
            expectedActions.add(i);
        }
        assertThat(actionsRan).containsExactlyElementsOf(expectedActions);
        assertThat(sentWhenActionRan).as("each action ran once the frames before it were sent")
                .containsExactlyElementsOf(expectedActions.stream().map(i -> i + 1).toList());
    }

    /** Collects whole text messages (the JDK client may hand a large one over in parts). */
    private static final class Collector implements WebSocket.Listener {
        private final List<String> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final CountDownLatch all;

        Collector(int expected) {
            this.all = new CountDownLatch(expected);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
                all.countDown();
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
