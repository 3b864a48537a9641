package io.gridchat.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.SendResult;
import io.gridchat.model.processor.AppendMessage;
import io.gridchat.model.processor.CreateRoom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/** Sends by user u1 straight to a member, as an edge node's send arrives, for tests of the member's refusals. */
final class MemberSends {
    static final String SENDER = "u1";

    private MemberSends() {
    }

    /** A new group room with the sender as its owner and member. */
    static String newRoom(HazelcastInstance member, String prefix) {
        String room = prefix + System.nanoTime();
        member.<String, Room>getMap(MapNames.ROOMS).executeOnKey(room,
                new CreateRoom(new Room(room, "r", RoomKind.GROUP, "", 0, SENDER, 1L)));
        return room;
    }

    static SendResult send(HazelcastInstance member, String room, String text) {
        return member.<String, RoomLog>getMap(MapNames.ROOM_LOGS).executeOnKey(room,
                new AppendMessage(SENDER, null, text));
    }

    /**
     * Sends every 20 ms until one is refused as OVERLOADED (with nothing changed) within {@code within}; returns
     * the seqs accepted before it.
     */
    static List<Long> acceptedUntilRefused(HazelcastInstance member, String room, Duration within) {
        List<Long> accepted = new ArrayList<>();
        Awaitility.await("a send refused").atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> {
            SendResult result = send(member, room, "m" + accepted.size());
            if (result.outcome() == SendOutcome.ACCEPTED) {
                accepted.add(result.ref().seq());
                return false;
            }
            assertThat(result.outcome()).isEqualTo(SendOutcome.OVERLOADED);
            assertThat(result.ref()).isNull();
            return true;
        });
        return accepted;
    }
}
