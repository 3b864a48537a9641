package io.gridchat.model;

import java.util.ArrayList;
import java.util.List;

/** A user's friends, in the order they became friends. Rewritten on friend changes only. */
public record FriendList(String userId, List<String> friendIds) {
    public FriendList {
        friendIds = List.copyOf(friendIds);
    }

    public static FriendList empty(String userId) {
        return new FriendList(userId, List.of());
    }

    public boolean contains(String friendId) {
        return friendIds.contains(friendId);
    }

    public FriendList with(String friendId) {
        if (contains(friendId)) {
            return this;
        }
        List<String> next = new ArrayList<>(friendIds.size() + 1);
        next.addAll(friendIds);
        next.add(friendId);
        return new FriendList(userId, next);
    }

    public FriendList without(String friendId) {
        List<String> next = new ArrayList<>(friendIds);
        next.remove(friendId);
        return new FriendList(userId, next);
    }
}
