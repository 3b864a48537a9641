package io.gridchat.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is in a room right now: one seat per connection that joined it, and the users whose last seat went
 * (closed connection, dead edge node) with since when. In memory only, on the room's partition; rewritten on
 * join, leave and disconnect, never per message.
 */
public record LiveRoom(String roomId, List<Seat> seats, List<Away> away) {
    /** One connection of a user that joined the room. */
    public record Seat(String userId, String edgeId, String connectionId) {
    }

    /** A user with no seat left, since {@code since}; a study room frees their place after a grace period. */
    public record Away(String userId, long since) {
    }

    public LiveRoom {
        seats = List.copyOf(seats);
        away = List.copyOf(away);
    }

    public static LiveRoom empty(String roomId) {
        return new LiveRoom(roomId, List.of(), List.of());
    }

    public boolean isEmpty() {
        return seats.isEmpty() && away.isEmpty();
    }

    /** Distinct users with at least one seat. */
    public int liveUsers() {
        Set<String> users = new HashSet<>();
        seats.forEach(seat -> users.add(seat.userId()));
        return users.size();
    }

    public boolean isSeated(String userId) {
        return seats.stream().anyMatch(seat -> seat.userId().equals(userId));
    }

    /** The user took a seat on a connection (again): no longer away. */
    public LiveRoom seated(Seat seat) {
        List<Seat> nextSeats = new ArrayList<>(seats.size() + 1);
        seats.stream().filter(s -> !s.connectionId().equals(seat.connectionId())).forEach(nextSeats::add);
        nextSeats.add(seat);
        return new LiveRoom(roomId, nextSeats, awayWithout(Set.of(seat.userId())));
    }

    /** The connection went; its user is away from {@code now} unless another of their connections sits here. */
    public LiveRoom released(String connectionId, long now) {
        List<Seat> gone = seats.stream().filter(seat -> seat.connectionId().equals(connectionId)).toList();
        return without(gone, now);
    }

    /** Every connection of a dead edge node went. */
    public LiveRoom withoutEdge(String edgeId, long now) {
        List<Seat> gone = seats.stream().filter(seat -> seat.edgeId().equals(edgeId)).toList();
        return without(gone, now);
    }

    /** The user left the room: no seat and not away either. */
    public LiveRoom withoutUser(String userId) {
        return new LiveRoom(roomId, seats.stream().filter(seat -> !seat.userId().equals(userId)).toList(),
                awayWithout(Set.of(userId)));
    }

    /** The user, not seated here, counts as away from {@code now} (a study invitee who has not come yet). */
    public LiveRoom markedAway(String userId, long now) {
        if (isSeated(userId) || away.stream().anyMatch(a -> a.userId().equals(userId))) {
            return this;
        }
        List<Away> nextAway = new ArrayList<>(away);
        nextAway.add(new Away(userId, now));
        return new LiveRoom(roomId, seats, nextAway);
    }

    /** Users away since {@code cutoff} or earlier. */
    public List<String> awaySince(long cutoff) {
        return away.stream().filter(a -> a.since() <= cutoff).map(Away::userId).toList();
    }

    public LiveRoom withoutAway(Collection<String> userIds) {
        return new LiveRoom(roomId, seats, awayWithout(Set.copyOf(userIds)));
    }

    private LiveRoom without(List<Seat> gone, long now) {
        if (gone.isEmpty()) {
            return this;
        }
        List<Seat> nextSeats = new ArrayList<>(seats);
        nextSeats.removeAll(gone);
        List<Away> nextAway = new ArrayList<>(away);
        for (Seat seat : gone) {
            boolean stillSeated = nextSeats.stream().anyMatch(s -> s.userId().equals(seat.userId()));
            boolean alreadyAway = nextAway.stream().anyMatch(a -> a.userId().equals(seat.userId()));
            if (!stillSeated && !alreadyAway) {
                nextAway.add(new Away(seat.userId(), now));
            }
        }
        return new LiveRoom(roomId, nextSeats, nextAway);
    }

    private List<Away> awayWithout(Set<String> userIds) {
        return away.stream().filter(a -> !userIds.contains(a.userId())).toList();
    }
}
