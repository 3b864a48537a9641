package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.edge.ApiClient.Response;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 100,000 bad inputs over real sockets: random, truncated, oversized, deeply nested and wrongly typed WebSocket
 * frames and HTTP bodies. Each gets an error reply with a client code (never INTERNAL, never a stack trace), the
 * connection stays open, another user in a room keeps receiving on time, and the heap is flat afterwards.
 */
@ExtendWith(SharedPlatform.class)
@Order(Integer.MAX_VALUE)
class FuzzTest {
    private static final int FRAMES = 95_000;
    private static final int HTTP_BODIES = 5_000;
    private static final int BATCH = 5_000;
    private static final Set<String> CLIENT_CODES = Set.of("BAD_REQUEST", "TOO_LARGE", "FORBIDDEN", "NOT_FOUND",
            "UNAUTHORIZED", "CONFLICT", "RATE_LIMITED");
    /** Every frame type with its required fields; the fuzzer always breaks a required one. */
    private static final List<List<String>> TEMPLATES = List.of(List.of("join", "room"), List.of("leave", "room"),
            List.of("send", "room", "text"), List.of("history", "room"), List.of("resume", "room", "afterSeq"),
            List.of("typing", "room", "on"), List.of("read", "room", "seq"), List.of("presence", "users"));

    private final Platform platform;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    FuzzTest(Platform platform) {
        this.platform = platform;
    }

    @Test
    void bad_frames_and_bodies_get_client_errors_and_harm_no_one() {
        ApiClient api = new ApiClient(platform.http(0));
        Account fuzzer = api.register(ApiClient.uniqueName("fuzz"));
        Account bob = api.register(ApiClient.uniqueName("bob"));
        Account carol = api.register(ApiClient.uniqueName("carol"));
        String room = api.createRoom(carol, "bystanders", "group");
        WsClient bobWs = sockets.connect(platform.ws(1, bob.token()));
        WsClient carolWs = sockets.connect(platform.ws(0, carol.token()));
        bobWs.ack("join", "room", room);
        carolWs.ack("join", "room", room);
        WsClient attack = sockets.connect(platform.ws(0, fuzzer.token()));
        long heapBefore = usedHeapAfterGc();

        for (int sent = 0; sent < FRAMES; sent += BATCH) {
            for (int i = 0; i < BATCH; i++) {
                attack.sendRaw(badFrame());
            }
            for (JsonNode reply : attack.next(BATCH)) {
                assertThat(reply.path("type").asText()).as("seed %d: %s", seed, reply).isEqualTo("error");
                assertThat(reply.path("code").asText()).as("seed %d: %s", seed, reply).isIn(CLIENT_CODES);
                assertThat(reply.path("message").asText()).doesNotContain("Exception").doesNotContain("\tat ");
            }
            long before = System.currentTimeMillis();
            carolWs.ack("send", "room", room, "text", "still here " + sent);
            assertThat(bobWs.awaitMessage(room).get("text").asText()).isEqualTo("still here " + sent);
            assertThat(System.currentTimeMillis() - before).as("the bystander is served on time").isLessThan(2_000);
        }
        assertThat(attack.isClosed()).as("bad frames never cost the connection").isFalse();
        assertThat(attack.request("ping").path("type").asText()).isEqualTo("pong");

        for (int i = 0; i < HTTP_BODIES; i++) {
            String path = HTTP_PATHS.get(random.nextInt(HTTP_PATHS.size()));
            Response response = api.call("POST", path, random.nextBoolean() ? fuzzer.token() : null, badBody());
            assertThat(response.status()).as("seed %d: POST %s -> %s", seed, path, response.body())
                    .isBetween(400, 499);
            assertThat(response.body().path("error").asText()).isIn(CLIENT_CODES);
            assertThat(response.body().path("message").asText()).doesNotContain("Exception");
        }

        long heapAfter = usedHeapAfterGc();
        assertThat(heapAfter - heapBefore).as("heap growth over 100,000 bad inputs").isLessThan(96L << 20);
    }

    private static final List<String> HTTP_PATHS = List.of("/api/v1/auth/register", "/api/v1/auth/login",
            "/api/v1/rooms", "/api/v1/friends/requests", "/api/v1/dm/not%20an%20id", "/api/v1/rooms/x/messages");

    private String badFrame() {
        return switch (random.nextInt(7)) {
            case 0 -> randomText(1 + random.nextInt(200));
            case 1 -> truncated(validLooking());
            case 2 -> wronglyTyped();
            case 3 -> "{\"type\":\"x" + random.nextInt(1000) + "\",\"id\":\"" + random.nextInt() + "\"}";
            case 4 -> oversized();
            case 5 -> "[".repeat(40 + random.nextInt(200)) + "]".repeat(random.nextInt(3));
            default -> random.nextBoolean() ? "null" : String.valueOf(random.nextLong());
        };
    }

    private String badBody() {
        return switch (random.nextInt(5)) {
            case 0 -> randomText(random.nextInt(300));
            case 1 -> truncated("{\"username\":\"user" + random.nextInt() + "\",\"password\":\"secret-password\"}");
            case 2 -> "{\"username\":" + random.nextInt() + ",\"password\":[1,2],\"name\":{},\"kind\":7,\"toUserId\":false}";
            case 3 -> "{\"name\":\"" + "n".repeat(70_000) + "\"}";
            default -> "[".repeat(100);
        };
    }

    private String validLooking() {
        List<String> template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        ObjectNode frame = Json.object().put("type", template.get(0)).put("id", "f" + random.nextInt(1000));
        frame.put("room", "room" + random.nextInt(100)).put("text", "hello").put("afterSeq", 1).put("seq", 1)
                .put("on", true).putArray("users").add("u1");
        return Json.write(frame);
    }

    /** A template frame whose required field holds a wrong type. */
    private String wronglyTyped() {
        List<String> template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        ObjectNode frame = Json.object().put("type", template.get(0));
        frame.put("room", "r1").put("text", "hi").put("afterSeq", 0).put("seq", 0).put("on", false);
        frame.putArray("users").add("u1");
        String broken = template.get(1 + random.nextInt(template.size() - 1));
        switch (random.nextInt(5)) {
            case 0 -> frame.put(broken, random.nextInt());
            case 1 -> frame.putArray(broken).add(random.nextDouble());
            case 2 -> frame.putObject(broken).put("x", 1);
            case 3 -> frame.put(broken, broken.equals("text") ? "x".repeat(4_001) : "bad id with spaces!");
            default -> frame.remove(broken);
        }
        return Json.write(frame);
    }

    private String oversized() {
        int size = 16_385 + random.nextInt(40_000);
        return "{\"type\":\"send\",\"room\":\"r1\",\"text\":\"" + "x".repeat(size) + "\"}";
    }

    private String truncated(String text) {
        return text.substring(0, 1 + random.nextInt(text.length() - 1));
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append(kind < 6 ? (char) (32 + random.nextInt(95)) : kind < 8 ? "{}[]\":,"
                    .charAt(random.nextInt(7)) : (char) (0x00A0 + random.nextInt(0x2000)));
        }
        return text.toString();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
