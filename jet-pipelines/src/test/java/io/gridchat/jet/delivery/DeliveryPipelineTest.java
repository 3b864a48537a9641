package io.gridchat.jet.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.collection.IList;
import com.hazelcast.config.Config;
import com.hazelcast.config.EventJournalConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.test.TestSources;
import com.hazelcast.map.IMap;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.Connection;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import io.gridchat.model.OfflineMark;
import io.gridchat.model.OfflineMarks;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.Roster;
import io.gridchat.model.UserSessions;
import io.gridchat.model.serial.ModelSerialization;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The delivery pipeline on two in-process members, fed by the real messages-map journal. */
class DeliveryPipelineTest {
    private static final int INBOX_MESSAGES = 20_000;
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static Job job;

    @BeforeAll
    static void start() {
        String cluster = "delivery-test-" + UUID.randomUUID();
        first = Hazelcast.newHazelcastInstance(config(cluster));
        second = Hazelcast.newHazelcastInstance(config(cluster));
        job = first.getJet().newJob(DeliveryPipeline.build(DeliveryPipeline.journalSource(), Sinks.list("out")));
    }

    @AfterAll
    static void stop() {
        job.cancel();
        second.shutdown();
        first.shutdown();
    }

    private static Config config(String cluster) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(35_701).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
                .setMembers(List.of("127.0.0.1:35701", "127.0.0.1:35702", "127.0.0.1:35703"));
        config.getJetConfig().setEnabled(true);
        config.addMapConfig(new MapConfig(MapNames.MESSAGES)
                .setEventJournalConfig(new EventJournalConfig().setEnabled(true).setCapacity(100_000)));
        config.getRingbufferConfig(MapNames.EDGE_INBOX_PREFIX + "*").setCapacity(INBOX_MESSAGES);
        ModelSerialization.register(config.getSerializationConfig());
        return config;
    }

    @Test
    void when_messages_are_accepted_then_each_edge_gets_its_recipients_in_seq_order() {
        first.getMap(MapNames.ROOMS).set("r1", new Room("r1", "one", RoomKind.GROUP, "", 0, "ann", 1));
        first.getMap(MapNames.ROSTERS).set("r1", new Roster("r1", List.of("ann", "ben", "cy", "offline")));
        first.getMap(MapNames.SESSIONS).set("ann", new UserSessions("ann", List.of(
                new Connection("edgeA", "c1", 1), new Connection("edgeB", "c2", 1))));
        first.getMap(MapNames.SESSIONS).set("ben", new UserSessions("ben", List.of(new Connection("edgeA", "c3", 1))));
        first.getMap(MapNames.SESSIONS).set("cy", new UserSessions("cy", List.of(new Connection("edgeB", "c4", 1))));
        for (long seq = 1; seq <= 50; seq++) {
            first.getMap(MapNames.MESSAGES).set(new MessageKey("r1", seq),
                    new ChatMessage("r1", seq, "r1-" + seq, "ann", "text " + seq, seq, null));
        }

        IList<EdgeDelivery> out = first.getList("out");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                out.stream().filter(d -> d.message().roomId().equals("r1")).count() >= 100);
        List<EdgeDelivery> deliveries = out.stream().filter(d -> d.message().roomId().equals("r1")).toList();
        List<EdgeDelivery> toA = deliveries.stream().filter(d -> d.edgeId().equals("edgeA")).toList();
        List<EdgeDelivery> toB = deliveries.stream().filter(d -> d.edgeId().equals("edgeB")).toList();
        assertThat(toA).extracting(d -> d.message().seq()).containsExactlyElementsOf(seqs());
        assertThat(toB).extracting(d -> d.message().seq()).containsExactlyElementsOf(seqs());
        assertThat(toA).allSatisfy(d -> assertThat(d.userIds()).containsExactly("ann", "ben"));
        assertThat(toB).allSatisfy(d -> assertThat(d.userIds()).containsExactly("ann", "cy"));
        IMap<String, OfflineMarks> offline = first.getMap(MapNames.OFFLINE);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> offline.get("offline") != null
                && offline.get("offline").marks().equals(List.of(new OfflineMark("r1", 1, 50))));
        assertThat(offline.keySet()).doesNotContain("ann", "ben", "cy");
    }

    @Test
    void when_a_study_room_member_has_no_connection_then_nothing_is_queued_for_them() {
        first.getMap(MapNames.ROOMS).set("s1", new Room("s1", "study", RoomKind.STUDY, "", 10, "eve", 1));
        first.getMap(MapNames.ROSTERS).set("s1", new Roster("s1", List.of("eve", "away")));
        first.getMap(MapNames.SESSIONS).set("eve", new UserSessions("eve", List.of(new Connection("edgeD", "c6", 1))));
        first.getMap(MapNames.MESSAGES).set(new MessageKey("s1", 1), new ChatMessage("s1", 1, "s1-1", "eve", "x", 1, null));
        IList<EdgeDelivery> out = first.getList("out");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                out.stream().anyMatch(d -> d.message().roomId().equals("s1")));
        assertThat(first.<String, OfflineMarks>getMap(MapNames.OFFLINE).get("away")).isNull();
    }

    @Test
    void when_a_room_has_no_roster_then_nothing_is_delivered_for_it() {
        first.getMap(MapNames.MESSAGES).set(new MessageKey("ghost", 1),
                new ChatMessage("ghost", 1, "ghost-1", "x", "boo", 1, null));
        first.getMap(MapNames.ROSTERS).set("r2", new Roster("r2", List.of("dee")));
        first.getMap(MapNames.SESSIONS).set("dee", new UserSessions("dee", List.of(new Connection("edgeC", "c5", 1))));
        first.getMap(MapNames.MESSAGES).set(new MessageKey("r2", 1),
                new ChatMessage("r2", 1, "r2-1", "dee", "hi", 1, null));
        IList<EdgeDelivery> out = first.getList("out");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                out.stream().anyMatch(d -> d.message().roomId().equals("r2")));
        assertThat(out).noneMatch(d -> d.message().roomId().equals("ghost"));
    }

    @Test
    void when_a_member_connected_after_delivery_found_them_without_one_then_the_message_is_pushed_not_queued() {
        ChatMessage message = new ChatMessage("g1", 7, "g1-7", "ann", "late", 7, null);
        OfflineQueue queue = new OfflineQueue(second);
        first.getMap(MapNames.SESSIONS).set("late", new UserSessions("late", List.of(
                new Connection("edgeL", "c7", 1), new Connection("edgeM", "c8", 1))));

        List<EdgeDelivery> pushed = queue.queue(new OfflineUpdate("late", message)).join();

        assertThat(pushed).containsExactlyInAnyOrder(new EdgeDelivery("edgeL", message, List.of("late")),
                new EdgeDelivery("edgeM", message, List.of("late")));
        assertThat(first.<String, OfflineMarks>getMap(MapNames.OFFLINE).get("late")).isNull();

        first.getMap(MapNames.SESSIONS).delete("late");
        assertThat(queue.queue(new OfflineUpdate("late", message)).join()).isEmpty();
        assertThat(first.<String, OfflineMarks>getMap(MapNames.OFFLINE).get("late").marks())
                .containsExactly(new OfflineMark("g1", 7, 7));
    }

    private static List<Long> seqs() {
        return LongStream.rangeClosed(1, 50).boxed().toList();
    }

    @Test
    void when_more_deliveries_for_one_edge_arrive_than_one_ringbuffer_batch_takes_then_all_reach_its_inbox_in_order() {
        List<Long> received = new CopyOnWriteArrayList<>();
        first.<EdgeDelivery>getReliableTopic(MapNames.edgeInbox("edgeBulk"))
                .addMessageListener(message -> received.add(message.getMessageObject().message().seq()));
        Pipeline pipeline = Pipeline.create().setPreserveOrder(true);
        pipeline.readFrom(TestSources.items(LongStream.rangeClosed(1, INBOX_MESSAGES).boxed().toList()))
                .map(seq -> new EdgeDelivery("edgeBulk",
                        new ChatMessage("bulk", seq, "bulk-" + seq, "ann", "text " + seq, seq, null), List.of("ben")))
                .writeTo(EdgeInboxSink.sink());

        Job bulk = first.getJet().newJob(pipeline);
        bulk.join();

        // A sink inbox of 1,024 items for one edge used to fail the job: a ringbuffer batch takes at most 1,000.
        assertThat(bulk.getStatus()).isEqualTo(JobStatus.COMPLETED);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= INBOX_MESSAGES);
        assertThat(received).containsExactlyElementsOf(LongStream.rangeClosed(1, INBOX_MESSAGES).boxed().toList());
    }
}
