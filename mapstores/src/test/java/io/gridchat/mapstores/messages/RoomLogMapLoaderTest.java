package io.gridchat.mapstores.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.mapstores.ShardKeys;
import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.TestDatabase;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import io.gridchat.model.RoomLog;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoomLogMapLoaderTest {
    private static ShardPools pools;
    private static MessageMapStore messages;
    private static RoomLogMapLoader roomLogs;

    @BeforeAll
    static void startStores() {
        pools = new ShardPools(TestDatabase.newShards("roomlogs", 4));
        pools.migrate();
        messages = new MessageMapStore();
        messages.init(pools, new Properties(), MapNames.MESSAGES);
        roomLogs = new RoomLogMapLoader();
        roomLogs.init(pools, new Properties(), MapNames.ROOM_LOGS);
    }

    @AfterAll
    static void closePools() {
        pools.close();
    }

    @Test
    void when_a_room_has_messages_then_its_log_holds_the_highest_seq_and_its_ts() {
        messages.storeAll(MessageMapStoreTest.batch("log", 1, 25));

        // batch() gives seq n the ts 1_700_000_000_000 + 10 n: ts grows with seq, as the grid assigns them.
        assertThat(roomLogs.load("log-0")).isEqualTo(RoomLog.loaded(25, 1_700_000_000_250L));
    }

    @Test
    void when_a_room_has_no_message_then_its_log_is_null() {
        assertThat(roomLogs.load("silent-room")).isNull();
        assertThat(roomLogs.loadAllKeys()).isNull();
    }

    @Test
    void when_loading_logs_of_rooms_on_every_shard_then_each_reflects_its_own_rows() {
        List<String> roomIds = ShardKeys.spread(pools.router(), "logs", 3);
        for (int room = 0; room < roomIds.size(); room++) {
            String roomId = roomIds.get(room);
            for (long seq = 1; seq <= room + 1; seq++) {
                messages.store(new MessageKey(roomId, seq),
                        new ChatMessage(roomId, seq, ChatMessage.msgIdOf(roomId, seq), "u", "t", 5_000L + seq, null));
            }
        }
        // A gap (seq 3 deleted from the room of 12) does not matter: the log follows the highest seq.
        messages.delete(new MessageKey(roomIds.get(11), 3));

        Map<String, RoomLog> logs = roomLogs.loadAll(roomIds);

        assertThat(logs).hasSize(12);
        for (int room = 0; room < roomIds.size(); room++) {
            assertThat(logs.get(roomIds.get(room))).isEqualTo(RoomLog.loaded(room + 1, 5_001L + room));
        }
        assertThat(roomLogs.loadAll(List.of(roomIds.get(0), "no-such-room"))).containsOnlyKeys(roomIds.get(0));
    }
}
