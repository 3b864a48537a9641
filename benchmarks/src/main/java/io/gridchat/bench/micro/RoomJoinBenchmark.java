package io.gridchat.bench.micro;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.config.ConfigLoader;
import io.gridchat.edge.messages.MessageService;
import io.gridchat.model.JoinOutcome;
import io.gridchat.model.JoinResult;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.processor.CreateRoom;
import io.gridchat.model.processor.JoinRoom;
import io.gridchat.model.processor.LeaveRoom;
import java.util.concurrent.TimeUnit;
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
 * A room join and the leave that follows it, as the edge calls them for a WebSocket's {@code join} and
 * {@code leave}: {@code executeOnKey(roomId, new JoinRoom(user, edge, connection, 50))} then
 * {@code executeOnKey(roomId, new LeaveRoom(user))} on rooms, against a member built by {@link BenchGrid}
 * (production map settings). Each room is a study room whose owner is its one member, as in the room benchmark
 * ({@code room-ops.sh}); the joins go round the rooms, one user per room at a time. Run with {@code -prof gc} for
 * the bytes a join and leave allocate on the member: what the member's young collections are made of in a rooms
 * run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4",
        "--add-modules", "java.se",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"})
public class RoomJoinBenchmark {
    private static final int FIRST_PORT = 15821;
    private static final String OWNER = "ujmhowner0000000";
    private static final String USER = "ujmhuser00000000";
    private static final String EDGE = "edge-jmh";
    private static final String CONNECTION = "cjmh000000000000";

    @Param({"1000"})
    public int rooms;

    private BenchGrid grid;
    private IMap<String, Room> roomMap;
    private String[] roomIds;
    private int next;

    @Setup(Level.Trial)
    public void startGrid() throws InterruptedException {
        grid = BenchGrid.start(1, FIRST_PORT, ConfigLoader.load().grid());
        HazelcastInstance member = grid.member(0);
        roomMap = member.getMap(MapNames.ROOMS);
        roomIds = new String[rooms];
        for (int i = 0; i < rooms; i++) {
            roomIds[i] = String.format("rjmh%012d", i);
            Room room = new Room(roomIds[i], "jmh " + i, RoomKind.STUDY, "", 1000, OWNER, System.currentTimeMillis());
            if (!Boolean.TRUE.equals(roomMap.executeOnKey(roomIds[i], new CreateRoom(room)))) {
                throw new IllegalStateException("room " + roomIds[i] + " was not created");
            }
        }
        JoinOutcome outcome = joinAndLeave().outcome();
        if (outcome != JoinOutcome.JOINED) {
            throw new IllegalStateException("probe join answered " + outcome + ", expected JOINED");
        }
    }

    @TearDown(Level.Trial)
    public void stopGrid() {
        grid.close();
    }

    /** One join and its leave; the join's result (the leave's answer is checked, not returned). */
    @Benchmark
    public JoinResult joinAndLeave() {
        String roomId = roomIds[next];
        next = (next + 1) % roomIds.length;
        JoinResult joined = roomMap.executeOnKey(roomId, new JoinRoom(USER, EDGE, CONNECTION,
                MessageService.DEFAULT_PAGE));
        if (!Boolean.TRUE.equals(roomMap.executeOnKey(roomId, new LeaveRoom(USER)))) {
            throw new IllegalStateException("leave of room " + roomId + " found no member");
        }
        return joined;
    }
}
