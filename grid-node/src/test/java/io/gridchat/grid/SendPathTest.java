package io.gridchat.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionService;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import io.gridchat.model.MessagePage;
import io.gridchat.model.ReadOutcome;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.SendResult;
import io.gridchat.model.processor.AppendMessage;
import io.gridchat.model.processor.CreateRoom;
import io.gridchat.model.processor.JoinRoom;
import io.gridchat.model.processor.ReadMessages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The send path on a real two-member grid over real MariaDB: seq, dedupe, locality, window, durability. */
class SendPathTest {
    private static TestGrid grid;

    @BeforeAll
    static void start() {
        // Stored messages become evictable 7 s after they were sent (1 s write delay + 1 s hold + 5 s slack).
        grid = TestGrid.start(2, Map.of("grid.recentMessages", "20", "grid.backupHoldSeconds", "1"));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    private static HazelcastInstance hz() {
        return grid.member(0).instance();
    }

    private static String roomWith(String... users) {
        String roomId = "room" + System.nanoTime();
        hz().<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId,
                new CreateRoom(new Room(roomId, "r", RoomKind.GROUP, "", 0, users[0], 1L)));
        for (String user : users) {
            hz().<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId, new JoinRoom(user));
        }
        return roomId;
    }

    private static SendResult send(String room, String user, String clientMsgId, String text) {
        return hz().<String, RoomLog>getMap(MapNames.ROOM_LOGS)
                .executeOnKey(room, new AppendMessage(user, clientMsgId, text));
    }

    /** Puts a message in the room's partition without moving its counter, as the failures above leave it. */
    private static void holdMessage(String room, long seq, String from, String text, String clientMsgId) {
        hz().<MessageKey, ChatMessage>getMap(MapNames.MESSAGES).set(new MessageKey(room, seq), new ChatMessage(room,
                seq, ChatMessage.msgIdOf(room, seq), from, text, System.currentTimeMillis(), clientMsgId));
    }

    @Test
    void when_many_threads_send_to_one_room_then_seqs_are_gapless_and_unique() {
        String room = roomWith("u1", "u2");
        ConcurrentLinkedQueue<Long> seqs = new ConcurrentLinkedQueue<>();
        CompletableFuture<?>[] senders = IntStream.range(0, 4).mapToObj(t -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 100; i++) {
                seqs.add(send(room, t % 2 == 0 ? "u1" : "u2", null, "t" + t + "-" + i).ref().seq());
            }
        })).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(senders).join();
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
    }

    @Test
    void when_a_partition_holds_a_message_past_its_counter_then_sends_continue_after_it_and_its_retry_is_recognised() {
        // The state a promoted backup can be left in when a member dies mid-send: the message's backup (sent
        // first) arrived, the counter's did not, and the client never got its ack.
        String room = roomWith("u1", "u2");
        assertThat(send(room, "u1", null, "first").ref().seq()).isEqualTo(1);
        holdMessage(room, 2, "u1", "orphan", "retry-me");

        SendResult next = send(room, "u2", null, "after the failover");
        SendResult retry = send(room, "u1", "retry-me", "orphan");

        assertThat(next.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(next.ref().seq()).as("seq 2 is not handed out again").isEqualTo(3);
        assertThat(retry.outcome()).isEqualTo(SendOutcome.DUPLICATE);
        assertThat(retry.ref().seq()).isEqualTo(2);
        assertThat(hz().<MessageKey, ChatMessage>getMap(MapNames.MESSAGES).get(new MessageKey(room, 2)).text())
                .isEqualTo("orphan");
        assertThat(send(room, "u1", null, "later").ref().seq()).isEqualTo(4);
    }

    @Test
    void when_a_send_runs_again_after_its_counter_update_was_lost_then_it_is_acked_as_the_message_it_stored() {
        // Seen under load while partitions migrate: an operation runs twice and only its nested message write
        // survived the first run. Without a clientMsgId it is recognised by sender and text.
        String room = roomWith("u1", "u2");
        assertThat(send(room, "u2", null, "first").ref().seq()).isEqualTo(1);
        holdMessage(room, 2, "u1", "once", null);

        SendResult again = send(room, "u1", null, "once");

        assertThat(again.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(again.ref().seq()).isEqualTo(2);
        assertThat(send(room, "u1", null, "once").ref().seq()).as("a later send of the same text is new")
                .isEqualTo(3);
    }

    @Test
    void when_a_clientMsgId_repeats_then_the_first_ref_is_returned_and_nothing_is_stored_twice() {
        String room = roomWith("u1");
        SendResult first = send(room, "u1", "same", "hello");
        SendResult again = send(room, "u1", "same", "hello");
        SendResult otherUser = send(room, "stranger", "same", "hello");
        assertThat(first.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(again.outcome()).isEqualTo(SendOutcome.DUPLICATE);
        assertThat(again.ref()).isEqualTo(first.ref());
        assertThat(otherUser.outcome()).isEqualTo(SendOutcome.NOT_MEMBER);
        assertThat(hz().getMap(MapNames.MESSAGES).containsKey(new MessageKey(room, 2))).isFalse();
    }

    @Test
    void when_a_message_is_stored_then_it_lives_on_its_rooms_partition() {
        String room = roomWith("u1");
        send(room, "u1", null, "where am I");
        PartitionService partitions = hz().getPartitionService();
        assertThat(partitions.getPartition(new MessageKey(room, 1)).getPartitionId())
                .isEqualTo(partitions.getPartition(room).getPartitionId());
    }

    @Test
    void when_a_room_outgrows_its_window_then_memory_keeps_the_last_n_once_stored_and_reads_still_see_all() {
        String room = roomWith("u1");
        for (int i = 1; i <= 70; i++) {
            send(room, "u1", null, "m" + i);
        }
        grid.member(0).flush();
        // flush() does not wait for a batch the store worker already took; that one lands a moment later (once
        // more than 15 s on a box running two builds). Unsaved messages stay in memory, so reads see them anyway.
        assertThat(read(ReadMessages.after(room, "u1", 0, 1000)).messages()).extracting(ChatMessage::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 70).boxed().toList());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> grid.storedUpTo(room) == 70);
        assertThat(grid.messagesInMemory(room)).as("stored, but younger than the backups' hold").isEqualTo(70);
        // Evictions come with sends: one a second until the old ones are old enough.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                send(room, "u1", null, "later").outcome() == SendOutcome.ACCEPTED
                        && grid.messagesInMemory(room) == 20);

        MessagePage all = read(ReadMessages.after(room, "u1", 0, 1000));
        assertThat(all.messages()).extracting(ChatMessage::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, all.lastSeq()).boxed().toList());
        assertThat(read(ReadMessages.before(room, "u1", 11, 5)).messages()).extracting(ChatMessage::text)
                .containsExactly("m6", "m7", "m8", "m9", "m10");
        assertThat(read(ReadMessages.before(room, "nobody", 0, 5)).outcome()).isEqualTo(ReadOutcome.NOT_MEMBER);
        assertThat(grid.messagesInMemory(room)).as("old history is read from MySQL, not loaded into memory")
                .isEqualTo(20);
    }

    private static MessagePage read(ReadMessages task) {
        try {
            return hz().getExecutorService(MapNames.ROOM_EXECUTOR).submitToKeyOwner(task, task.roomId()).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
