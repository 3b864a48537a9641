package io.gridchat.bench.micro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gridchat.config.ConfigLoader;
import io.gridchat.edge.Json;
import io.gridchat.model.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The edge's JSON work per frame, on the public path the edge itself uses ({@link Json}):
 * <ul>
 *   <li>{@code decodeSend}: a client {@code send} frame as FrameHandler.handle and Frame take it: the size check
 *   (UTF-8 length), {@code Json.MAPPER.readTree} and the typed access to type, id, room, text, clientMsgId;</li>
 *   <li>{@code encodeMessage}: the {@code message} event of InboxListener.messageFrame, built once per delivery
 *   and shared by every recipient connection on the node;</li>
 *   <li>{@code encodeSendAck}: the ack FrameHandler writes for an accepted send.</li>
 * </ul>
 * Frame, FrameHandler and messageFrame are package-private in edge-node, so their few lines are repeated here:
 * keep them in step. Texts are ASCII.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameCodecBenchmark {
    private static final String ROOM = "r0k3j5h2g7f9d1s4a";
    private static final String USER = "u8m2n4b6v1c3x5z7q";
    private static final String CLIENT_MSG_ID = "3f1c9a7e-5b2d-4e8f-9a61-0c7d2b4e6f80";
    private static final long SEQ = 4711;
    private static final String SENTENCE = "Meet in the library at six? Bring the notes on chapter seven, "
            + "I still don't get the proof of lemma 3. ";

    /** Code points of the message text; the protocol allows up to 4000. */
    @Param({"100", "1000"})
    public int textLength;

    private int maxFrameBytes;
    private String sendFrame;
    private ChatMessage message;

    @Setup
    public void prepare() {
        String text = SENTENCE.repeat(textLength / SENTENCE.length() + 1).substring(0, textLength);
        maxFrameBytes = ConfigLoader.load().limits().maxFrameBytes();
        sendFrame = Json.write(Json.object().put("type", "send").put("id", "17").put("room", ROOM)
                .put("text", text).put("clientMsgId", CLIENT_MSG_ID));
        message = new ChatMessage(ROOM, SEQ, ChatMessage.msgIdOf(ROOM, SEQ), USER, text, 1_700_000_000_000L,
                CLIENT_MSG_ID);
    }

    @Benchmark
    public void decodeSend(Blackhole blackhole) throws JsonProcessingException {
        if (sendFrame.length() > maxFrameBytes
                || sendFrame.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes) {
            throw new IllegalStateException("frame over " + maxFrameBytes + " bytes");
        }
        JsonNode body = Json.MAPPER.readTree(sendFrame);
        if (body == null || !body.isObject()) {
            throw new IllegalStateException("a frame must be a JSON object");
        }
        JsonNode id = body.get("id");
        if (id != null && !id.isTextual() && !id.isNumber()) {
            throw new IllegalStateException("id must be a string");
        }
        blackhole.consume(id);
        blackhole.consume(string(body, "type"));
        blackhole.consume(string(body, "room"));
        blackhole.consume(string(body, "text"));
        blackhole.consume(string(body, "clientMsgId"));
    }

    @Benchmark
    public String encodeMessage() {
        ObjectNode event = Json.object().put("type", "message");
        event.setAll(Json.message(message));
        return Json.write(event);
    }

    @Benchmark
    public String encodeSendAck() {
        ObjectNode ack = Json.object().put("type", "ack");
        ack.set("id", TextNode.valueOf("17"));
        return Json.write(ack.put("room", ROOM).put("msgId", message.msgId()).put("seq", SEQ)
                .put("ts", message.ts()));
    }

    private static String string(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalStateException(field + " must be a string");
        }
        return value.asText();
    }
}
