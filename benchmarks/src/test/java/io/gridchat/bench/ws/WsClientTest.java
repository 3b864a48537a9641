package io.gridchat.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generators' WebSocket client against a real Jetty 12 WebSocket server (the one the edge node runs on). */
class WsClientTest {
    private static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static Server server;
    private static int port;
    private WsClient client;

    /** Echoes text; a few commands make the server close, fragment or speak first. */
    @ServerEndpoint("/echo")
    public static final class EchoEndpoint {
        @OnMessage
        public void onMessage(Session session, String text) throws IOException {
            if (text.startsWith("close:")) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(text.substring(6))),
                        "asked to"));
            } else if (text.startsWith("fragments:")) {
                String[] parts = text.substring(10).split(",");
                for (int i = 0; i < parts.length; i++) {
                    session.getBasicRemote().sendText(parts[i], i == parts.length - 1);
                }
            } else if (text.startsWith("ping:")) {
                session.getBasicRemote().sendPing(ByteBuffer.wrap(text.substring(5).getBytes(StandardCharsets.UTF_8)));
            } else if (text.startsWith("repeat:")) {
                int times = Integer.parseInt(text.substring(7));
                session.getBasicRemote().sendText("x".repeat(times));
            } else {
                session.getBasicRemote().sendText(text);
            }
        }

        @OnMessage
        public void onPong(Session session, PongMessage pong) throws IOException {
            ByteBuffer data = pong.getApplicationData();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            session.getBasicRemote().sendText("pong:" + new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** What a connection heard, in order. */
    private static final class Recorder implements WsListener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public void onText(WsConnection connection, String text) {
            texts.add(text);
        }

        @Override
        public void onClose(WsConnection connection, int code, String reason) {
            closed.complete(code + " " + reason);
        }

        String next() throws InterruptedException {
            String text = texts.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a message within 10 s").isNotNull();
            return text;
        }

        /** The close code and reason the listener heard, waiting up to 10 s for them. */
        String closeHeard() throws Exception {
            return closed.get(10, TimeUnit.SECONDS);
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(2 * MAX_MESSAGE_BYTES);
            container.addEndpoint(EchoEndpoint.class);
        });
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    @BeforeEach
    void startClient() throws IOException {
        client = new WsClient("test-ws", 2, MAX_MESSAGE_BYTES, Duration.ofSeconds(10));
    }

    @AfterEach
    void stopClient() {
        client.close();
    }

    /** A connection to the echo endpoint whose listener is {@code recorder}. */
    private WsConnection openEcho(Recorder recorder) throws IOException {
        return client.connect(URI.create("ws://127.0.0.1:" + port + "/echo?token=a%20b"), recorder);
    }

    @Test
    void messagesOfEverySizeComeBackWholeAndInOrder() throws Exception {
        Recorder recorder = new Recorder();
        WsConnection connection = openEcho(recorder);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sent.add("{\"type\":\"send\",\"id\":\"s" + i + "\",\"text\":\"héllo 🌍 " + i + "\"}");
        }
        sent.add("m".repeat(125));
        sent.add("m".repeat(126));
        sent.add("ü".repeat(40_000)); // 80,000 bytes: a 16-bit length is not enough
        sent.forEach(text -> assertThat(connection.sendText(text)).isTrue());
        for (String text : sent) {
            assertThat(recorder.next()).isEqualTo(text);
        }
        assertThat(connection.sendText("repeat:300000")).isTrue(); // larger than the first read buffer
        assertThat(recorder.next()).hasSize(300_000);
    }

    @Test
    void fragmentsAreJoinedIntoOneMessage() throws Exception {
        Recorder recorder = new Recorder();
        WsConnection connection = openEcho(recorder);
        connection.sendText("fragments:one,two,three");
        assertThat(recorder.next()).isEqualTo("onetwothree");
    }

    @Test
    void pingsAreAnsweredWithTheirData() throws Exception {
        Recorder recorder = new Recorder();
        WsConnection connection = openEcho(recorder);
        connection.sendText("ping:are you there");
        assertThat(recorder.next()).isEqualTo("pong:are you there");
    }

    @Test
    void theServersCloseCodeReachesTheListener() throws Exception {
        Recorder recorder = new Recorder();
        WsConnection connection = openEcho(recorder);
        connection.sendText("close:1013");
        assertThat(recorder.closeHeard()).isEqualTo("1013 asked to");
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.sendText("after close")).isFalse();
    }

    @Test
    void closingHandsShakesWithTheServer() throws Exception {
        Recorder recorder = new Recorder();
        WsConnection connection = openEcho(recorder);
        connection.close();
        assertThat(recorder.closeHeard()).startsWith("1000");
    }

    @Test
    void aMessageOverTheLimitFailsItsConnection() throws Exception {
        Recorder recorder = new Recorder();
        WsConnection connection = openEcho(recorder);
        connection.sendText("repeat:" + (MAX_MESSAGE_BYTES + 1));
        assertThat(recorder.closeHeard()).startsWith("1006").contains("over the limit");
    }

    @Test
    void aRefusedUpgradeSaysWhatTheServerAnswered() {
        URI missing = URI.create("ws://127.0.0.1:" + port + "/nothing-here");
        assertThatThrownBy(() -> client.connect(missing, new Recorder()))
                .isInstanceOfSatisfying(WsRefusedException.class, e -> assertThat(e.status()).isEqualTo("404"));
    }

    @Test
    void stoppingTheClientClosesItsConnections() throws Exception {
        Recorder recorder = new Recorder();
        openEcho(recorder);
        client.close();
        assertThat(recorder.closeHeard()).startsWith("1006");
    }
}
