package io.gridchat.edge.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.edge.ws.ChatConnection;
import io.gridchat.edge.ws.RecordingConnections;
import io.gridchat.model.PresenceStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Which presence changes a connection is written, as its reasons to watch come and go (PresenceTest covers the
 * same over real sockets, one reason at a time; these cases combine reasons).
 */
class PresenceHubTest {
    private final PresenceHub hub = new PresenceHub(3);
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final ChatConnection ann = RecordingConnections.open("c-ann", "ann", written);

    @Test
    void a_user_shared_by_two_rooms_stays_watched_until_both_are_left() {
        hub.watch(ann, "r1", List.of("bob", "carl"));
        hub.watch(ann, "r2", List.of("bob"));

        hub.leftRoom(ann, "r1");
        assertThat(announced("bob")).as("still shares r2").isTrue();
        assertThat(announced("carl")).as("shared only r1").isFalse();

        hub.leftRoom(ann, "r2");
        assertThat(announced("bob")).isFalse();
    }

    @Test
    void a_friend_stays_watched_after_the_room_goes_and_not_after_the_friendship() {
        hub.watch(ann, PresenceHub.FRIEND, "bob");
        hub.watch(ann, "r1", List.of("bob", "carl"));
        hub.unwatch(ann, "r1", "carl");
        assertThat(announced("carl")).as("carl left r1").isFalse();

        hub.leftRoom(ann, "r1");
        assertThat(announced("bob")).isTrue();
        hub.unwatch(ann, PresenceHub.FRIEND, "bob");
        assertThat(announced("bob")).isFalse();
    }

    @Test
    void a_reason_given_twice_is_taken_back_once() {
        hub.watch(ann, "r1", List.of("bob"));
        hub.watch(ann, "r1", List.of("bob")); // joined the room twice, or heard bob join after seeing him listed
        hub.unwatch(ann, "r1", "bob");
        assertThat(announced("bob")).isFalse();
    }

    @Test
    void the_bound_counts_users_not_reasons_and_frees_a_place_when_a_watch_ends() {
        assertThat(hub.watch(ann, "r1", List.of("ann", "bob", "carl", "dora", "emil"))).as("self skipped, 3 max")
                .isEqualTo(3);
        assertThat(hub.watch(ann, "r2", List.of("bob", "emil"))).as("bob already watched, emil past the bound")
                .isEqualTo(1);
        assertThat(announced("emil")).isFalse();

        hub.leftRoom(ann, "r1");
        assertThat(hub.watch(ann, "r3", List.of("emil"))).isEqualTo(1);
        assertThat(announced("emil")).isTrue();
        assertThat(announced("bob")).as("still in r2").isTrue();
    }

    @Test
    void a_closed_connection_is_written_nothing() {
        hub.watch(ann, "r1", List.of("bob"));
        hub.watch(ann, PresenceHub.FRIEND, "bob");
        hub.forget(ann);
        assertThat(announced("bob")).isFalse();
    }

    /** Whether a change of {@code userId}'s presence is written to ann's connection. */
    private boolean announced(String userId) {
        int before = written.size();
        hub.announce(userId, PresenceStatus.ONLINE, 1L);
        return written.size() > before && written.get(written.size() - 1).contains("\"userId\":\"" + userId + "\"");
    }
}
