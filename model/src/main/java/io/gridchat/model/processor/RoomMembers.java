package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.model.Ban;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MemberKey;
import io.gridchat.model.MessageKey;
import io.gridchat.model.Membership;
import io.gridchat.model.ReadPosition;
import io.gridchat.model.Role;
import io.gridchat.model.RoomLog;
import io.gridchat.model.Roster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Membership changes shared by the room processors. Only called from processors running on the room's
 * partition, so members, roster and counter of one room change together, one room at a time. The roster lists
 * exactly the room's members (every change of one goes through here and changes both; after a restart rosters are
 * loaded from the members table), so a processor that has read the roster asks it instead of making one more
 * nested call to members.
 */
final class RoomMembers {
    private final String roomId;
    private final IMap<MemberKey, Membership> members;
    private final IMap<String, Roster> rosters;
    private final HazelcastInstance instance;

    RoomMembers(HazelcastInstance instance, String roomId) {
        this.instance = instance;
        this.roomId = roomId;
        this.members = GridContext.map(instance, MapNames.MEMBERS);
        this.rosters = GridContext.map(instance, MapNames.ROSTERS);
    }

    boolean isMember(String userId) {
        return PartitionReads.containsKey(instance, MapNames.MEMBERS, new MemberKey(roomId, userId));
    }

    /** The user's membership, or null. */
    Membership membership(String userId) {
        return PartitionReads.get(instance, MapNames.MEMBERS, new MemberKey(roomId, userId));
    }

    boolean isBanned(String userId) {
        return PartitionReads.containsKey(instance, MapNames.BANS, new MemberKey(roomId, userId));
    }

    void ban(String userId, String byUserId, long now) {
        bans().set(new MemberKey(roomId, userId), new Ban(roomId, userId, byUserId, now));
    }

    /** True when the user was banned. */
    boolean unban(String userId) {
        return bans().remove(new MemberKey(roomId, userId)) != null;
    }

    void setRole(Membership membership, Role role) {
        members.set(new MemberKey(roomId, membership.userId()), new Membership(roomId, membership.userId(), role,
                membership.joinedAt()));
    }

    /** How far the user has read the room (0 when never); read positions live on the room's partition too. */
    long readSeq(String userId) {
        ReadPosition position = PartitionReads.get(instance, MapNames.READ_POSITIONS, new MemberKey(roomId, userId));
        return position == null ? 0 : position.seq();
    }

    private IMap<MemberKey, Ban> bans() {
        return GridContext.map(instance, MapNames.BANS);
    }

    Roster roster() {
        Roster roster = PartitionReads.get(instance, MapNames.ROSTERS, roomId);
        return roster == null ? Roster.empty(roomId) : roster;
    }

    Roster add(Roster roster, String userId, Role role, long now) {
        members.set(new MemberKey(roomId, userId), new Membership(roomId, userId, role, now));
        Roster next = roster.with(userId);
        rosters.set(roomId, next);
        return next;
    }

    Roster remove(String userId) {
        return remove(roster(), userId);
    }

    /** As {@link #remove(String)}, for a caller that has just read the room's roster. */
    Roster remove(Roster roster, String userId) {
        members.delete(new MemberKey(roomId, userId));
        Roster next = roster.without(userId);
        rosters.set(roomId, next);
        return next;
    }

    /** Every member goes, and the roster with them. */
    void removeAll() {
        roster().userIds().forEach(userId -> members.delete(new MemberKey(roomId, userId)));
        rosters.delete(roomId);
    }

    /**
     * The room's messages low..high, oldest first: those the room's log says were evicted (all in MySQL) by one
     * range query, the rest by one {@code getAll} from memory. For executor threads, not partition threads (see
     * {@link #messagesInMemory}).
     */
    List<ChatMessage> messages(long low, long high, RoomLog log) {
        if (high < low) {
            return List.of();
        }
        MessageArchive archive = GridContext.archive(instance);
        long lastArchived = archive == null ? low - 1 : Math.min(high, log.evictedTo());
        List<ChatMessage> found = new ArrayList<>((int) (high - low + 1));
        if (lastArchived >= low) {
            found.addAll(archive.range(roomId, low, lastArchived));
        }
        if (lastArchived < high) {
            Set<MessageKey> keys = new HashSet<>();
            for (long seq = Math.max(low, lastArchived + 1); seq <= high; seq++) {
                keys.add(new MessageKey(roomId, seq));
            }
            found.addAll(messageMap().getAll(keys).values());
        }
        found.sort(Comparator.comparingLong(ChatMessage::seq));
        return found;
    }

    /**
     * As {@link #messages}, from memory only and key by key, for a processor on the room's partition thread
     * (which may only call this partition, and must not wait for MySQL): null when one of them is not in memory
     * (after a restart, or older than the window), so the caller reads them the other way.
     */
    List<ChatMessage> messagesInMemory(long low, long high) {
        List<ChatMessage> found = new ArrayList<>((int) Math.max(0, high - low + 1));
        for (long seq = low; seq <= high; seq++) {
            ChatMessage message = PartitionReads.inMemory(instance, MapNames.MESSAGES, new MessageKey(roomId, seq));
            if (message == null) {
                return null;
            }
            found.add(message);
        }
        return found;
    }

    private IMap<MessageKey, ChatMessage> messageMap() {
        return GridContext.map(instance, MapNames.MESSAGES);
    }

    long lastSeq() {
        return log().lastSeq();
    }

    RoomLog log() {
        RoomLog log = PartitionReads.get(instance, MapNames.ROOM_LOGS, roomId);
        return log == null ? RoomLog.EMPTY : log;
    }
}
