package io.gridchat.edge.ws;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rooms one connection joined, which decide whose presence it may see, and those it is joining, which
 * already hold a place among at most {@code maxRooms}. Thread-safe.
 */
final class JoinedRooms {
    private final Set<String> joined = new HashSet<>();
    private final Set<String> joining = new HashSet<>();
    private boolean closed;

    synchronized List<String> list() {
        return List.copyOf(joined);
    }

    /**
     * Holds a place for a join about to start; false when {@code maxRooms} are joined or being joined already. A
     * room joined or being joined already needs no new place.
     */
    synchronized boolean reserve(String roomId, int maxRooms) {
        if (joined.contains(roomId) || joining.contains(roomId)) {
            return true;
        }
        if (joined.size() + joining.size() >= maxRooms) {
            return false;
        }
        joining.add(roomId);
        return true;
    }

    /** False when the connection closed meanwhile: the room is not joined, and its seat must go. */
    synchronized boolean joined(String roomId) {
        joining.remove(roomId);
        if (closed) {
            return false;
        }
        joined.add(roomId);
        return true;
    }

    /** The connection closed: the rooms joined or being joined, whose seats must go. */
    synchronized Set<String> close() {
        closed = true;
        Set<String> seated = new HashSet<>(joined);
        seated.addAll(joining);
        return seated;
    }

    /** A join that {@link #reserve} made room for failed: its place is free again. */
    synchronized void joinFailed(String roomId) {
        joining.remove(roomId);
    }

    synchronized void left(String roomId) {
        joined.remove(roomId);
    }
}
