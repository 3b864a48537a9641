package io.gridchat.mapstores.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.mapstores.MapStoreProperties;
import io.gridchat.mapstores.ShardKeys;
import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.ShardSql;
import io.gridchat.mapstores.TestDatabase;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MessageMapStoreTest {
    private static ShardPools pools;
    private static MessageMapStore messages;

    @BeforeAll
    static void startStore() {
        pools = new ShardPools(TestDatabase.newShards("messages", 4));
        pools.migrate();
        messages = new MessageMapStore();
        messages.init(pools, new Properties(), MapNames.MESSAGES);
    }

    @AfterAll
    static void closePools() {
        pools.close();
    }

    @Test
    void when_storing_messages_of_rooms_on_four_shards_then_load_and_delete_work_per_key() {
        List<String> roomIds = ShardKeys.spread(pools.router(), "trip", 2);
        Map<MessageKey, ChatMessage> batch = batch(roomIds, 5);

        messages.storeAll(new HashMap<>(batch));

        assertThat(messages.loadAll(batch.keySet())).isEqualTo(batch);
        MessageKey one = new MessageKey(roomIds.get(3), 2);
        assertThat(messages.load(one)).isEqualTo(batch.get(one));
        assertThat(messages.load(new MessageKey(roomIds.get(3), 99))).isNull();
        for (String roomId : roomIds) {
            assertThat(ShardSql.count(pools.shard(pools.router().shardOfRoom(roomId)),
                    "SELECT COUNT(*) FROM messages WHERE room_id = ?", roomId)).isEqualTo(5);
        }

        messages.delete(one);
        List<MessageKey> more = new ArrayList<>(List.of(new MessageKey(roomIds.get(4), 1),
                new MessageKey(roomIds.get(7), 1)));
        messages.deleteAll(more);

        assertThat(messages.load(one)).isNull();
        assertThat(messages.loadAll(batch.keySet())).hasSize(batch.size() - 3).doesNotContainKeys(one);
        assertThat(ShardSql.count(pools.shard(pools.router().shardOfRoom(roomIds.get(4))),
                "SELECT COUNT(*) FROM messages WHERE room_id = ?", roomIds.get(4))).isEqualTo(4);
        assertThat(ShardSql.countAll(pools, "SELECT COUNT(*) FROM messages WHERE room_id LIKE ?", "trip-%"))
                .isEqualTo(batch.size() - 3);
    }

    @Test
    void when_the_same_batch_is_stored_twice_then_each_key_has_exactly_one_row() {
        Map<MessageKey, ChatMessage> batch = batch("twice", 10, 30);

        messages.storeAll(new HashMap<>(batch));
        messages.storeAll(new HashMap<>(batch));

        for (int room = 0; room < 10; room++) {
            String roomId = "twice-" + room;
            assertThat(ShardSql.count(pools.shard(pools.router().shardOfRoom(roomId)),
                    "SELECT COUNT(*) FROM messages WHERE room_id = ?", roomId)).isEqualTo(30);
            assertThat(ShardSql.count(pools.shard(pools.router().shardOfRoom(roomId)),
                    "SELECT COUNT(DISTINCT seq) FROM messages WHERE room_id = ?", roomId)).isEqualTo(30);
        }
        assertThat(messages.loadAll(batch.keySet())).isEqualTo(batch);
    }

    @Test
    void when_storing_two_thousand_messages_over_many_rooms_then_each_lands_on_its_rooms_shard() {
        Map<MessageKey, ChatMessage> batch = batch("spread", 200, 10);
        Map<MessageKey, ChatMessage> handedOver = new HashMap<>(batch);
        MessageMapStore smallStatements = new MessageMapStore();
        Properties properties = new Properties();
        properties.setProperty(MapStoreProperties.ROWS_PER_STATEMENT, "128");
        smallStatements.init(pools, properties, MapNames.MESSAGES);

        smallStatements.storeAll(handedOver);

        assertThat(handedOver).as("every shard committed, so Hazelcast has nothing to retry").isEmpty();
        long total = 0;
        for (int shard = 0; shard < 4; shard++) {
            List<String> roomIds = ShardSql.strings(pools.shard(shard),
                    "SELECT room_id FROM messages WHERE room_id LIKE 'spread-%'");
            int home = shard;
            assertThat(roomIds).isNotEmpty().allSatisfy(roomId -> assertThat(pools.router().shardOfRoom(roomId))
                    .as("shard of %s", roomId).isEqualTo(home));
            total += roomIds.size();
        }
        assertThat(total).isEqualTo(2_000);
        assertThat(messages.loadAll(batch.keySet())).isEqualTo(batch);
    }

    @Test
    void when_one_room_has_more_keys_than_one_query_takes_then_load_all_returns_them_all() {
        Map<MessageKey, ChatMessage> batch = batch(List.of("big-room"), 1_500);

        messages.storeAll(new HashMap<>(batch));

        assertThat(messages.loadAll(batch.keySet())).isEqualTo(batch);
    }

    @Test
    void when_a_text_holds_emoji_markup_and_quotes_then_it_round_trips_verbatim() {
        String text = "héllo 👋🏽 𝄞 中文 <script>alert('x')</script> \"; DROP TABLE messages; -- \\ %_ \n\t end";
        String longest = "😀".repeat(4_000);
        ChatMessage tricky = new ChatMessage("emoji-room", 1, ChatMessage.msgIdOf("emoji-room", 1), "u-1", text,
                42L, "client-<1>");
        ChatMessage full = new ChatMessage("emoji-room", 2, ChatMessage.msgIdOf("emoji-room", 2), "u-1", longest,
                43L, null);

        messages.store(new MessageKey("emoji-room", 1), tricky);
        messages.store(new MessageKey("emoji-room", 2), full);

        assertThat(messages.load(new MessageKey("emoji-room", 1))).isEqualTo(tricky);
        assertThat(messages.load(new MessageKey("emoji-room", 2))).isEqualTo(full);
        assertThat(messages.load(new MessageKey("emoji-room", 2)).text().codePointCount(0, longest.length()))
                .isEqualTo(4_000);
        assertThat(ShardSql.count(pools.shard(pools.router().shardOfRoom("emoji-room")),
                "SELECT CHAR_LENGTH(text) FROM messages WHERE room_id = ? AND seq = 1", "emoji-room"))
                .isEqualTo(text.codePointCount(0, text.length()));
    }

    /** {@code rooms} rooms named {@code prefix-N}, each with seqs 1..perRoom. */
    static Map<MessageKey, ChatMessage> batch(String prefix, int rooms, int perRoom) {
        return batch(IntStream.range(0, rooms).mapToObj(room -> prefix + "-" + room).toList(), perRoom);
    }

    /** Messages with seqs 1..perRoom in each room; ts grows with seq, as the grid assigns them. */
    static Map<MessageKey, ChatMessage> batch(List<String> roomIds, int perRoom) {
        Map<MessageKey, ChatMessage> batch = new HashMap<>();
        for (String roomId : roomIds) {
            for (long seq = 1; seq <= perRoom; seq++) {
                batch.put(new MessageKey(roomId, seq), new ChatMessage(roomId, seq, ChatMessage.msgIdOf(roomId, seq),
                        "u-" + (seq % 7), "message " + seq + " in " + roomId, 1_700_000_000_000L + seq * 10,
                        seq % 2 == 0 ? "c-" + seq : null));
            }
        }
        return batch;
    }
}
