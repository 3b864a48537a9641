package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.FriendList;
import java.io.IOException;
import java.util.Map;

/**
 * Adds or removes one friend of the user keyed; idempotent, so accepting or unfriending again is harmless.
 * Adding to a list at {@code maxFriends} changes nothing and returns false; removing returns whether the friend
 * was on the list. Deterministic: the backup runs it too.
 */
public final class ChangeFriend implements EntryProcessor<String, FriendList, Boolean>, IdentifiedDataSerializable {
    private String friendId;
    private boolean add;
    private int maxFriends;

    public ChangeFriend() {
    }

    private ChangeFriend(String friendId, boolean add, int maxFriends) {
        this.friendId = friendId;
        this.add = add;
        this.maxFriends = maxFriends;
    }

    public static ChangeFriend add(String friendId, int maxFriends) {
        return new ChangeFriend(friendId, true, maxFriends);
    }

    public static ChangeFriend remove(String friendId) {
        return new ChangeFriend(friendId, false, 0);
    }

    @Override
    public Boolean process(Map.Entry<String, FriendList> entry) {
        FriendList current = entry.getValue() == null ? FriendList.empty(entry.getKey()) : entry.getValue();
        if (add && !current.contains(friendId) && current.friendIds().size() >= maxFriends) {
            return Boolean.FALSE;
        }
        FriendList next = add ? current.with(friendId) : current.without(friendId);
        boolean changed = !next.equals(current);
        if (changed) {
            entry.setValue(next.friendIds().isEmpty() ? null : next);
        }
        return add || changed;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.CHANGE_FRIEND;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(friendId);
        out.writeBoolean(add);
        out.writeInt(maxFriends);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        friendId = in.readString();
        add = in.readBoolean();
        maxFriends = in.readInt();
    }
}
