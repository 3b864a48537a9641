package io.gridchat.model;

/** Every distributed object name, in one place. Members, clients and pipelines use only these. */
public final class MapNames {
    /** userId to {@link User}; MySQL table users, sharded by userId. */
    public static final String USERS = "users";
    /** lower-cased username to userId; MySQL table usernames, sharded by username. */
    public static final String USERNAMES = "usernames";
    /** roomId to {@link Room} metadata; MySQL table rooms, sharded by roomId. */
    public static final String ROOMS = "rooms";
    /** roomId to {@link RoomLog} (sequence counter); loaded from MAX(seq) of the messages table. */
    public static final String ROOM_LOGS = "room-logs";
    /**
     * roomId to {@link LiveRoom}: the connections sitting in each room now and who just went; in memory only (a
     * full restart empties it), on the room's partition.
     */
    public static final String ROOM_LIVE = "room-live";
    /** {@link MemberKey} to {@link Membership}; MySQL table memberships, sharded by roomId. */
    public static final String MEMBERS = "members";
    /** {@link MemberKey} to {@link Ban}: who may not join or read a room; MySQL table room_bans, sharded by roomId. */
    public static final String BANS = "room-bans";
    /** roomId to the {@link RoomTimer} of a study room; MySQL table room_timers, sharded by roomId. */
    public static final String ROOM_TIMERS = "room-timers";
    /** roomId to {@link Roster} (who is in the room); derived, loaded from the memberships table. */
    public static final String ROSTERS = "rosters";
    /** {@link MessageKey} to {@link ChatMessage}; the last N per room live here, all in MySQL. */
    public static final String MESSAGES = "messages";
    /** {@link DedupeKey} to {@link MessageRef}; remembers accepted clientMsgIds for a TTL. */
    public static final String DEDUPE = "dedupe";
    /** userId to {@link UserSessions}: which edge nodes hold the user's connections. */
    public static final String SESSIONS = "sessions";
    /** edgeId to the time of its last heartbeat, with a TTL: an entry that expires means the node died. */
    public static final String EDGES = "edges";
    /** Reliable topic name prefix: one inbox per edge node, fed by the delivery pipeline. */
    public static final String EDGE_INBOX_PREFIX = "edge-inbox.";
    /** Executor for read tasks that run next to a room's data. */
    public static final String ROOM_EXECUTOR = "room-reads";
    /** Executor for the active-rooms queries, apart so they never wait behind room events. */
    public static final String RANKING_EXECUTOR = "room-ranking";
    /** userId to {@link OfflineMarks}: what each member missed while offline; MySQL table offline_marks. */
    public static final String OFFLINE = "offline";
    /** userId to {@link Presence}; online and away entries expire unless heartbeats renew them. */
    public static final String PRESENCE = "presence";
    /** Reliable topic of {@link PresenceChange}s; every edge node reads it and tells its watching clients. */
    public static final String PRESENCE_EVENTS = "presence-events";
    /** {@link MemberKey} to {@link ReadPosition}: how far each member read each room; MySQL table read_positions. */
    public static final String READ_POSITIONS = "read-positions";
    /** userId to {@link FriendList}; MySQL table friend_lists, sharded by userId. */
    public static final String FRIENDS = "friends";
    /** requestId to a pending {@link FriendRequest}; MySQL table friend_requests, sharded by requestId. */
    public static final String FRIEND_REQUESTS = "friend-requests";
    /**
     * tokenId of a revoked (logged out) token to its expiry; in memory with backups, each entry living until the
     * token would have expired anyway.
     */
    public static final String REVOKED_TOKENS = "revoked-tokens";
    /**
     * In memory only: {@link #GRID_LOADED} is set by a member once every MapStore-backed map finished its initial
     * load, so after a full restart edge nodes keep clients out until then.
     */
    public static final String GRID_STATUS = "grid-status";
    public static final String GRID_LOADED = "loaded";
    /**
     * Rate-limit key ({@code <limit>:<subject>}, e.g. {@code messages:<userId>}) to its {@link RateWindow}; in
     * memory only, each entry expires two windows after its last change.
     */
    public static final String RATE_LIMITS = "rate-limits";
    /** Name of the delivery Jet job. */
    public static final String DELIVERY_JOB = "delivery";

    private MapNames() {
    }

    public static String edgeInbox(String edgeId) {
        return EDGE_INBOX_PREFIX + edgeId;
    }
}
