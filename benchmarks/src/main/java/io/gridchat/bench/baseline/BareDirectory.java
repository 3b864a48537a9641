package io.gridchat.bench.baseline;

import io.gridchat.edge.Ids;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline's users and rooms, in memory. No crypto: a user's token is their user id and passwords are
 * compared as they are, because the baseline measures message fan-out, not sign-in. Thread-safe.
 */
final class BareDirectory {
    private final Map<String, String> userIdsByName = new ConcurrentHashMap<>();
    private final Map<String, String> passwordsByUserId = new ConcurrentHashMap<>();
    private final Map<String, BareRoom> rooms = new ConcurrentHashMap<>();

    /** The new user's id, or empty when the name is taken (ignoring case, as gridchat does). */
    Optional<String> register(String username, String password) {
        String userId = Ids.newId('u');
        passwordsByUserId.put(userId, password);
        String holder = userIdsByName.putIfAbsent(username.toLowerCase(Locale.ROOT), userId);
        if (holder != null) {
            passwordsByUserId.remove(userId);
            return Optional.empty();
        }
        return Optional.of(userId);
    }

    Optional<String> login(String username, String password) {
        String userId = userIdsByName.get(username.toLowerCase(Locale.ROOT));
        return userId != null && password.equals(passwordsByUserId.get(userId)) ? Optional.of(userId)
                : Optional.empty();
    }

    /** The user a token belongs to: tokens are user ids. */
    Optional<String> userOfToken(String token) {
        return token != null && passwordsByUserId.containsKey(token) ? Optional.of(token) : Optional.empty();
    }

    BareRoom createRoom(String ownerId, String name, String kind, String topic, int capacity) {
        String roomId = Ids.newId('r');
        BareRoom room = new BareRoom(roomId, name, kind, topic, capacity, ownerId);
        rooms.put(roomId, room);
        return room;
    }

    Optional<BareRoom> room(String roomId) {
        return Optional.ofNullable(roomId == null ? null : rooms.get(roomId));
    }
}
