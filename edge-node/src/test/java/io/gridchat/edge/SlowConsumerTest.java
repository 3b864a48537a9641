package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastOverloadException;
import com.hazelcast.map.IMap;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.UserSessions;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold server resources without using them: one that stops reading is cut off (close code 1013)
 * once its outbound queue passes limits.maxQueuedFrames, while a normal client in the same room keeps getting
 * every message on time; one that starts a handshake and goes silent is closed after
 * edge.handshakeTimeoutSeconds. And a grid that falls behind: past edge.maxGridCallsInFlight waiting calls, a
 * request is refused at once instead of queueing, and one the grid does not answer within edge.httpTimeoutSeconds
 * gets UNAVAILABLE as JSON.
 */
class SlowConsumerTest {
    private static final int MAX_QUEUED_FRAMES = 50;
    private static final int MOST_SENDS = 5_000;
    private static final int MAX_GRID_CALLS = 100;
    private static final int HTTP_TIMEOUT_SECONDS = 8;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(1, 1, Map.of("limits.maxQueuedFrames", Integer.toString(MAX_QUEUED_FRAMES),
                "edge.handshakeTimeoutSeconds", "2", "edge.maxGridCallsInFlight", Integer.toString(MAX_GRID_CALLS),
                "edge.httpTimeoutSeconds", Integer.toString(HTTP_TIMEOUT_SECONDS),
                "limits.apiCallsPerUser", "0")); // no rate-limit call before each API request: only the room's
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void when_a_client_stops_reading_then_it_is_disconnected_and_a_normal_client_keeps_receiving_on_time()
            throws IOException {
        ApiClient api = new ApiClient(platform.http(0));
        Account sender = api.register(ApiClient.uniqueName("talker"));
        Account reader = api.register(ApiClient.uniqueName("reader"));
        Account sleeper = api.register(ApiClient.uniqueName("sleeper"));
        String room = api.createRoom(sender, "busy", "group");
        try (WsClient joining = WsClient.connect(platform.ws(0, sleeper.token()))) {
            joining.ack("join", "room", room); // a group member gets the room's messages on every connection
        }
        String text = "x".repeat(4000);
        try (WsClient talker = WsClient.connect(platform.ws(0, sender.token()));
             WsClient normal = WsClient.connect(platform.ws(0, reader.token()));
             Socket neverReads = openWithoutReading(sleeper.token())) {
            talker.ack("join", "room", room);
            normal.ack("join", "room", room);
            assertThat(connectionsOf(sleeper.userId())).isEqualTo(1);

            long slowest = 0;
            int sent = 0;
            while (connectionsOf(sleeper.userId()) > 0 && sent < MOST_SENDS) {
                long seq = talker.ack("send", "room", room, "text", text).get("seq").asLong();
                long acked = System.nanoTime();
                assertThat(normal.awaitMessage(room).get("seq").asLong()).isEqualTo(seq);
                slowest = Math.max(slowest, System.nanoTime() - acked);
                sent++;
            }

            assertThat(connectionsOf(sleeper.userId())).as("cut off after %d messages", sent).isZero();
            assertThat(Duration.ofNanos(slowest)).as("slowest delivery to the normal client")
                    .isLessThan(Duration.ofSeconds(2));
            long after = talker.ack("send", "room", room, "text", "still here").get("seq").asLong();
            assertThat(normal.awaitMessage(room).get("seq").asLong()).isEqualTo(after);

            // The server's close frame waits behind the frames the client never read (in the server's send
            // buffer and the client's receive buffer), so only now that the client reads can it arrive.
            neverReads.setSoTimeout(15_000);
            DataInputStream in = new DataInputStream(new BufferedInputStream(neverReads.getInputStream()));
            assertThat(closeCodeAfterFrames(in)).as("close code: try again later").isEqualTo(1013);
            neverReads.getOutputStream().write(CLIENT_CLOSE_1013);
            assertThat(in.read()).as("the server ends the connection after the close handshake").isEqualTo(-1);
        }
    }

    @Test
    void when_a_client_starts_a_handshake_and_goes_silent_then_the_server_closes_it() throws IOException {
        try (Socket halfOpen = new Socket("127.0.0.1", platform.edge(0).port())) {
            halfOpen.getOutputStream().write("GET /ws?token=".getBytes(StandardCharsets.US_ASCII));
            halfOpen.setSoTimeout(15_000);
            long started = System.nanoTime();
            int read = halfOpen.getInputStream().read();
            long waited = System.nanoTime() - started;
            assertThat(read).as("closed by the server, nothing sent").isEqualTo(-1);
            assertThat(Duration.ofNanos(waited)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
        }
    }

    @Test
    void when_the_grid_falls_behind_then_requests_past_the_in_flight_limit_get_unavailable_at_once()
            throws Exception {
        ApiClient api = new ApiClient(platform.http(0));
        Account owner = api.register(ApiClient.uniqueName("stall"));
        String room = api.createRoom(owner, "stalled", "group");
        HazelcastInstance member = platform.members().get(0).instance();
        int requests = 3 * MAX_GRID_CALLS;
        List<CompletableFuture<HttpResponse<String>>> waiting;
        try (PartitionStall stall = PartitionStall.hold(member, room)) {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            HttpRequest get = roomRequest(owner, room);
            for (int i = 0; i < requests; i++) {
                responses.add(HTTP.sendAsync(get, HttpResponse.BodyHandlers.ofString()));
            }
            // While the grid still holds them, the calls past the limit have been answered already.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    responses.stream().filter(CompletableFuture::isDone).count() >= requests - MAX_GRID_CALLS);
            List<HttpResponse<String>> refused = responses.stream().filter(CompletableFuture::isDone)
                    .map(CompletableFuture::join).toList();
            waiting = responses.stream().filter(response -> !response.isDone()).toList();
            assertThat(refused).allSatisfy(response -> {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(Json.MAPPER.readTree(response.body()).get("error").asText()).isEqualTo("UNAVAILABLE");
                assertThat(response.body()).doesNotContain("Exception");
            });
            // Requests stop at their share of the limit; the node's own calls take the rest, until refused too.
            List<CompletableFuture<?>> nodeCalls = new ArrayList<>();
            IMap<String, Room> rooms = platform.edge(0).services().grid().rooms();
            while (CallSlots.take(() -> rooms.getAsync(room), nodeCalls)) {
                assertThat(nodeCalls.size()).as("the limit is in force").isLessThanOrEqualTo(MAX_GRID_CALLS);
            }
            // The HTTP list would be refused by the token check before; the list's own query is refused too.
            Throwable refusedQuery = catchThrowable(() -> platform.edge(0).services().activeRooms().top(10)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertThat(Futures.rootOf(refusedQuery)).isInstanceOf(HazelcastOverloadException.class);
        }
        // Those within the limit waited and were answered; one arriving while the limit was still full was
        // refused like the others. The limit counts a waiting call and each callback waiting on it (Hazelcast
        // tracks both), so a request that reads the room in one call holds three slots: about a third of the
        // limit's requests wait, less the node's own reads.
        List<HttpResponse<String>> answered = waiting.stream().map(CompletableFuture::join).toList();
        assertThat(answered).allSatisfy(response -> assertThat(response.statusCode()).isIn(200, 503));
        assertThat(answered.stream().filter(response -> response.statusCode() == 200).count())
                .as("requests that waited for the grid and got the room")
                .isGreaterThanOrEqualTo(MAX_GRID_CALLS / 10);
        assertThat(api.call("GET", "/api/v1/rooms/" + room, owner.token(), null).status()).isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/rooms?active=true", owner.token(), null).status())
                .as("the list after a refused query").isEqualTo(200);
    }

    @Test
    void when_the_grid_does_not_answer_a_request_in_time_then_it_gets_unavailable_as_json_and_later_ones_are_answered()
            throws Exception {
        ApiClient api = new ApiClient(platform.http(0));
        Account owner = api.register(ApiClient.uniqueName("late"));
        String room = api.createRoom(owner, "late", "group");
        HttpRequest get = roomRequest(owner, room);
        HttpResponse<String> timedOut;
        Duration waited;
        try (PartitionStall stall = PartitionStall.hold(platform.members().get(0).instance(), room)) {
            long started = System.nanoTime();
            timedOut = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
            waited = Duration.ofNanos(System.nanoTime() - started);
        }
        assertThat(timedOut.statusCode()).as("not the container's 500: %s", timedOut.body()).isEqualTo(503);
        assertThat(timedOut.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(Json.MAPPER.readTree(timedOut.body()).get("error").asText()).isEqualTo("UNAVAILABLE");
        assertThat(waited).isBetween(Duration.ofSeconds(HTTP_TIMEOUT_SECONDS - 1),
                Duration.ofSeconds(HTTP_TIMEOUT_SECONDS * 3L));
        // The stalled call's late answer is dropped without harm; the grid answers the next request.
        HttpResponse<String> answered = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(answered.body()).get("roomId").asText()).isEqualTo(room);
    }

    /** {@code GET /api/v1/rooms/{room}} as {@code owner}, waiting as long as a stalled grid may take. */
    private static HttpRequest roomRequest(Account owner, String room) {
        return HttpRequest.newBuilder(platform.http(0).resolve("/api/v1/rooms/" + room))
                .header("Authorization", "Bearer " + owner.token()).timeout(Duration.ofSeconds(60)).build();
    }

    /** A client close frame (masked, with a zero mask) echoing 1013. */
    private static final byte[] CLIENT_CLOSE_1013 = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xF5};

    /** Skips the server's (unmasked) frames up to its close frame and returns that frame's status code. */
    private static int closeCodeAfterFrames(DataInputStream in) throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0F;
            long length = in.readUnsignedByte() & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (opcode == 0x8) {
                assertThat(length).as("a close frame with a status code").isGreaterThanOrEqualTo(2);
                int code = in.readUnsignedShort();
                in.skipNBytes(length - 2);
                return code;
            }
            in.skipNBytes(length);
        }
    }

    private static int connectionsOf(String userId) {
        UserSessions sessions = platform.members().get(0).instance().<String, UserSessions>getMap(MapNames.SESSIONS)
                .get(userId);
        return sessions == null ? 0 : sessions.connections().size();
    }

    /** A WebSocket upgrade over a plain socket with a tiny receive buffer; after the 101 it reads nothing. */
    private static Socket openWithoutReading(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", platform.edge(0).port()));
        String key = Base64.getEncoder().encodeToString("gridchat-slow-key".getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readHeaders(socket.getInputStream());
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new UncheckedIOException(new IOException("upgrade refused: " + status));
        }
        return socket;
    }

    /** Reads the response headers byte by byte (no buffering past them) and returns the status line. */
    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            headers.append((char) next);
        }
        return headers.toString().lines().findFirst().orElse("");
    }
}
