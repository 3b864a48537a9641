package io.gridchat.bench.micro;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.config.ConfigLoader;
import io.gridchat.model.MapNames;
import io.gridchat.model.RateWindow;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendResult;
import io.gridchat.model.processor.AppendMessage;
import io.gridchat.model.processor.CreateRoom;
import io.gridchat.model.processor.TakePermit;
import io.gridchat.model.serial.ModelSerialization;
import java.util.Locale;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * What the message limit costs a send, as an edge node pays it: a Hazelcast client on loopback TCP sends to
 * members built by {@link BenchGrid}, one send at a time, timing each from the call to its answer; "off" is the
 * send alone, "on" first takes a permit ({@link TakePermit} on the sender's key, a limit never reached) and then
 * sends, as {@code MessageService} does. Blocks of each alternate, in random order per round, so a busy machine
 * weighs on both alike. Prints one JSON line. Usage: {@code LimitCostProbe [rounds] [block] [members]}.
 */
public final class LimitCostProbe {
    private static final int FIRST_PORT = 15901;
    private static final String ROOM = "rprobe000000000000";
    private static final String USER = "uprobe000000000000";

    private LimitCostProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int members = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (BenchGrid grid = BenchGrid.start(members, FIRST_PORT, ConfigLoader.load().grid())) {
            HazelcastInstance client = connect(grid.member(0).getConfig().getClusterName(), members);
            try {
                client.<String, Room>getMap(MapNames.ROOMS).executeOnKey(ROOM, new CreateRoom(
                        new Room(ROOM, "probe", RoomKind.GROUP, "", 0, USER, System.currentTimeMillis())));
                Histogram off = new Histogram(3);
                Histogram on = new Histogram(3);
                run(client, false, block, new Histogram(3)); // warm-up
                run(client, true, block, new Histogram(3));
                Random order = new Random(7);
                for (int round = 0; round < rounds; round++) {
                    boolean limitFirst = order.nextBoolean();
                    run(client, limitFirst, block, limitFirst ? on : off);
                    run(client, !limitFirst, block, limitFirst ? off : on);
                }
                System.out.println(String.format(Locale.ROOT, "{\"members\":%d,\"sendsEach\":%d,\"off\":%s,\"on\":%s,"
                        + "\"costMicros\":{\"p50\":%d,\"mean\":%.1f}}", members, off.getTotalCount(), json(off),
                        json(on), on.getValueAtPercentile(50) - off.getValueAtPercentile(50),
                        on.getMean() - off.getMean()));
            } finally {
                client.shutdown();
            }
        }
    }

    private static HazelcastInstance connect(String clusterName, int members) {
        ClientConfig config = new ClientConfig().setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "slf4j");
        for (int i = 0; i < members; i++) {
            config.getNetworkConfig().addAddress("127.0.0.1:" + (FIRST_PORT + i));
        }
        ModelSerialization.register(config.getSerializationConfig());
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        ModelSerialization.learnSchemas(client);
        return client;
    }

    /** {@code block} sends one after another, each timed in microseconds. */
    private static void run(HazelcastInstance client, boolean limited, int block, Histogram micros) {
        IMap<String, RoomLog> roomLogs = client.getMap(MapNames.ROOM_LOGS);
        IMap<String, RateWindow> rateLimits = client.getMap(MapNames.RATE_LIMITS);
        for (int i = 0; i < block; i++) {
            long start = System.nanoTime();
            AppendMessage append = new AppendMessage(USER, null, "probe " + i);
            SendResult result = (limited ? rateLimits.submitToKey("messages:" + USER,
                    new TakePermit(Integer.MAX_VALUE, 60_000)).thenCompose(permit -> roomLogs.submitToKey(ROOM, append))
                    : roomLogs.submitToKey(ROOM, append)).toCompletableFuture().join();
            micros.recordValue((System.nanoTime() - start) / 1_000);
            if (result.ref() == null) {
                throw new IllegalStateException("probe send refused: " + result.outcome());
            }
        }
    }

    private static String json(Histogram micros) {
        return String.format(Locale.ROOT, "{\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d,\"mean\":%.1f}",
                micros.getValueAtPercentile(50), micros.getValueAtPercentile(90), micros.getValueAtPercentile(99),
                micros.getValueAtPercentile(99.9), micros.getMean());
    }
}
