package io.gridchat.bench.micro;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.config.ConfigLoader;
import io.gridchat.model.MapNames;
import io.gridchat.model.RateWindow;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.SendResult;
import io.gridchat.model.processor.AppendMessage;
import io.gridchat.model.processor.CreateRoom;
import io.gridchat.model.processor.TakePermit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The send: {@code executeOnKey(roomId, new AppendMessage(user, clientMsgId, text))} on room-logs, as the edge
 * calls it, against members built by {@link BenchGrid} (production map settings, write-behind into a no-op store).
 * <p>
 * One call is the caller's invocation plus, on the room's partition thread: the membership check (members), the
 * dedupe look-up and, for a new clientMsgId, its insert with TTL (dedupe), the message's set (record store,
 * write-behind queue offer, event journal append), the eviction of seq - recentMessages and the counter's update.
 * Here the caller is a member in the same JVM; an edge node adds a client round trip over TCP. With
 * {@code -p members=2} the synchronous backups (message, dedupe, 16-byte counter) are included and the room's
 * partition may live on the other member. Every send goes to one room, so one partition thread: with more JMH
 * threads ({@code -t 4}) throughput levels off at what one partition thread does, the ceiling of a single room.
 * <p>
 * clientMsgId: {@code none} (no dedupe work), {@code unique} (a new id per send: dedupe miss plus insert) or
 * {@code repeated} (always the same, already accepted id: the DUPLICATE answer, nothing stored).
 * <p>
 * messageLimit: {@code off} (the send alone) or {@code on} (first a {@link TakePermit} on the sender's key in
 * rate-limits, as the edge does before each send, with a limit never reached, then the send): the difference is
 * what the message limit costs a send, here without the client round trip an edge node adds to each call.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "java.se",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"})
public class SendProcessorBenchmark {
    private static final int FIRST_PORT = 15801;
    private static final String ROOM = "rjmh0000000000000";
    private static final String USER = "ujmh0000000000000";
    private static final String REPEATED_ID = "repeated-client-msg-id";
    /** The sender's key in rate-limits, as the edge node's message limit names it. */
    private static final String LIMIT_KEY = "messages:" + USER;
    /** About the length of a chat line. */
    private static final String TEXT = "Has anyone solved exercise 4b yet? I keep getting a negative determinant "
            + "and I don't see why.";

    @Param({"none", "unique", "repeated"})
    public String clientMsgId;

    @Param({"1"})
    public int members;

    @Param({"off", "on"})
    public String messageLimit;

    private final AtomicLong nextId = new AtomicLong();
    private BenchGrid grid;
    private IMap<String, RoomLog> roomLogs;
    private IMap<String, RateWindow> rateLimits;
    private boolean limited;

    @Setup(Level.Trial)
    public void startGrid() throws InterruptedException {
        grid = BenchGrid.start(members, FIRST_PORT, ConfigLoader.load().grid());
        HazelcastInstance member = grid.member(0);
        Room room = new Room(ROOM, "jmh", RoomKind.GROUP, "", 0, USER, System.currentTimeMillis());
        member.<String, Room>getMap(MapNames.ROOMS).executeOnKey(ROOM, new CreateRoom(room));
        roomLogs = member.getMap(MapNames.ROOM_LOGS);
        rateLimits = member.getMap(MapNames.RATE_LIMITS);
        limited = switch (messageLimit) {
            case "off" -> false;
            case "on" -> true;
            default -> throw new IllegalArgumentException("messageLimit must be off or on: " + messageLimit);
        };
        SendOutcome expected = "repeated".equals(clientMsgId) ? SendOutcome.DUPLICATE : SendOutcome.ACCEPTED;
        if ("repeated".equals(clientMsgId)) {
            send();
        }
        SendOutcome outcome = send().outcome();
        if (outcome != expected) {
            throw new IllegalStateException("probe send answered " + outcome + ", expected " + expected);
        }
    }

    /** Production forgets clientMsgIds after dedupeTtlSeconds; clearing keeps the map from growing over a run. */
    @TearDown(Level.Iteration)
    public void forgetClientMsgIds() {
        if ("unique".equals(clientMsgId)) {
            grid.member(0).getMap(MapNames.DEDUPE).clear();
        }
    }

    @TearDown(Level.Trial)
    public void stopGrid() {
        grid.close();
    }

    @Benchmark
    public SendResult send() {
        if (limited && !rateLimits.executeOnKey(LIMIT_KEY, new TakePermit(Integer.MAX_VALUE, 60_000)).allowed()) {
            throw new IllegalStateException("the message limit refused a send");
        }
        return roomLogs.executeOnKey(ROOM, new AppendMessage(USER, nextClientMsgId(), TEXT));
    }

    private String nextClientMsgId() {
        return switch (clientMsgId) {
            case "none" -> null;
            case "unique" -> "c" + nextId.incrementAndGet();
            case "repeated" -> REPEATED_ID;
            default -> throw new IllegalArgumentException("clientMsgId must be none, unique or repeated: "
                    + clientMsgId);
        };
    }
}
