package io.gridchat.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.config.ConfigLoader;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendResult;
import io.gridchat.model.processor.AppendMessage;
import io.gridchat.model.processor.CreateRoom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Split brain on real members in one JVM. Two halves of one cluster, {A, B} and {C}, each accept writes and then
 * merge: what the halves wrote apart survives (put-if-absent), a room's counter goes on from the highest seq
 * either half reached (so no seq is handed out twice), and the messages the minority gave seqs the majority
 * also used are the documented limit (README, "Split brain").
 */
class SplitBrainTest {
    private static final Map<String, String> previousProperties = new HashMap<>();

    @BeforeAll
    static void fastMerges() {
        // The split-brain search (which finds the other half) first runs 20 s after a member starts: time for the
        // halves to write apart; then every 2 s.
        setProperty("hazelcast.merge.first.run.delay.seconds", "20");
        setProperty("hazelcast.merge.next.run.delay.seconds", "2");
        setProperty("hazelcast.wait.seconds.before.join", "1");
    }

    @AfterAll
    static void restoreProperties() {
        previousProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    private static void setProperty(String key, String value) {
        previousProperties.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private static SendResult send(HazelcastInstance member, String room, String text) {
        return member.<String, RoomLog>getMap(MapNames.ROOM_LOGS).executeOnKey(room,
                new AppendMessage("u1", null, text));
    }

    private static void createRoom(HazelcastInstance member, String room) {
        member.<String, Room>getMap(MapNames.ROOMS).executeOnKey(room,
                new CreateRoom(new Room(room, "r", RoomKind.GROUP, "", 0, "u1", 1L)));
    }

    private static List<String> texts(HazelcastInstance member, String room, int upTo) {
        List<String> texts = new ArrayList<>();
        for (long seq = 1; seq <= upTo; seq++) {
            ChatMessage message = member.<MessageKey, ChatMessage>getMap(MapNames.MESSAGES).get(new MessageKey(room, seq));
            texts.add(message == null ? null : message.text());
        }
        return texts;
    }

    @Test
    void when_two_halves_merge_then_what_they_wrote_apart_survives_and_no_seq_is_reused() {
        Map<String, String> base = TestGrid.overrides("split", 3);
        String[] addresses = base.get("cluster.members").split(",");
        Map<String, String> loner = new HashMap<>(base);
        loner.put("cluster.memberPort", addresses[2].substring(addresses[2].lastIndexOf(':') + 1));
        Map<String, String> pair = new HashMap<>(base);
        pair.put("cluster.members", addresses[0] + "," + addresses[1]);
        // C starts first and finds nobody; A and B only know each other: two clusters of one name. C keeps
        // looking for A and B (its member list names them) and merges into their larger cluster.
        List<GridNode> members = new ArrayList<>();
        try {
            members.add(GridNode.start(ConfigLoader.load(loner)));
            members.add(GridNode.start(ConfigLoader.load(pair)));
            members.add(GridNode.start(ConfigLoader.load(pair)));
            HazelcastInstance minority = members.get(0).instance();
            HazelcastInstance majority = members.get(1).instance();
            assertThat(minority.getCluster().getMembers()).hasSize(1);
            assertThat(majority.getCluster().getMembers()).hasSize(2);

            String shared = "shared" + System.nanoTime();
            String onlyMajority = "major" + System.nanoTime();
            String onlyMinority = "minor" + System.nanoTime();
            createRoom(majority, shared);
            createRoom(majority, onlyMajority);
            createRoom(minority, shared);
            createRoom(minority, onlyMinority);
            for (int i = 1; i <= 5; i++) {
                send(majority, shared, "majority " + i);
                send(majority, onlyMajority, "a" + i);
            }
            for (int i = 1; i <= 3; i++) {
                send(minority, shared, "minority " + i);
                send(minority, onlyMinority, "c" + i);
            }

            Awaitility.await("the halves merge").atMost(Duration.ofSeconds(60)).until(() ->
                    minority.getCluster().getMembers().size() == 3);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> minority.getPartitionService().isClusterSafe());

            assertThat(texts(minority, onlyMajority, 5)).containsExactly("a1", "a2", "a3", "a4", "a5");
            assertThat(texts(majority, onlyMinority, 3)).as("the minority's own room merged in")
                    .containsExactly("c1", "c2", "c3");
            assertThat(texts(majority, shared, 5)).as("colliding seqs keep the larger half's messages")
                    .containsExactly("majority 1", "majority 2", "majority 3", "majority 4", "majority 5");
            assertThat(send(minority, shared, "after").ref().seq()).as("no seq is handed out twice").isEqualTo(6);
        } finally {
            members.forEach(GridNode::close);
        }
    }
}
