package io.gridchat.config;

/**
 * How grid members hold chat state. Members publish it in their user context for processors.
 *
 * @param recentMessages    messages per room kept in memory; older ones are read from MySQL
 * @param dedupeTtlSeconds  how long an accepted clientMsgId is remembered for dedupe
 * @param maxPageSize       most messages one history or resume read returns
 * @param backupCount       synchronous backups of every map holding state
 * @param writeDelaySeconds write-behind delay before a change is written to MySQL
 * @param writeBatchSize    most entries per storeAll batch
 * @param journalCapacity   event journal entries kept for the messages map (all partitions together)
 * @param deliverySnapshotMillis how often the delivery job snapshots its journal offsets
 * @param offlinePushLimit  most missed messages of one room pushed on connect; more get a backlog frame
 * @param maxUnsavedMessages messages a member may hold that MySQL does not have yet; above it sends are refused
 *                          (UNAVAILABLE with a retry hint) until the write-behind queue drains below 90%
 * @param backupHoldSeconds how long a backup keeps a write-behind entry after its store time before assuming the
 *                          primary stored it (Hazelcast's {@code hazelcast.map.replica.scheduled.task.delay.seconds},
 *                          10 s by default). If MySQL lags longer and the primary dies, the promoted backup has
 *                          nothing left to store: it must exceed the longest store lag the platform should survive.
 *                          Messages stay in memory at least this long too (see {@link #evictableAfterMillis}).
 * @param maxHeapPercent    most of its heap a member may still use right after a garbage collection; above it
 *                          sends are refused like above {@code maxUnsavedMessages}, until it is 5 points lower
 * @param edgeInboxCapacity deliveries and room events one edge node's inbox holds for it; a node that falls further
 *                          behind loses the oldest, and closes its connections so their clients resume
 * @param maxDeliveryLagMillis how far a member's delivery may fall behind its sends (accept time of the newest
 *                          message accepted against that of the newest one delivery routed); past it sends are
 *                          refused like above {@code maxUnsavedMessages} until delivery catches up; 0: never
 */
public record GridSettings(int recentMessages, int dedupeTtlSeconds, int maxPageSize, int backupCount,
                           int writeDelaySeconds, int writeBatchSize, int journalCapacity,
                           int deliverySnapshotMillis, int offlinePushLimit, int maxUnsavedMessages,
                           int backupHoldSeconds, int maxHeapPercent, int edgeInboxCapacity,
                           int maxDeliveryLagMillis) {
    /** Key of this record in a member's user context. */
    public static final String USER_CONTEXT_KEY = "gridchat.grid";
    private static final long EVICTION_SLACK_MILLIS = 5000;

    public GridSettings {
        ConfigException.check(recentMessages >= 1, "grid.recentMessages", "must be at least 1");
        ConfigException.check(dedupeTtlSeconds >= 1, "grid.dedupeTtlSeconds", "must be at least 1");
        ConfigException.check(maxPageSize >= 1, "grid.maxPageSize", "must be at least 1");
        ConfigException.check(backupCount >= 1 && backupCount <= 6, "grid.backupCount", "must be 1 to 6");
        ConfigException.check(writeDelaySeconds >= 1, "grid.writeDelaySeconds", "must be at least 1");
        ConfigException.check(writeBatchSize >= 1, "grid.writeBatchSize", "must be at least 1");
        ConfigException.check(journalCapacity >= 1000, "grid.journalCapacity", "must be at least 1000");
        ConfigException.check(deliverySnapshotMillis >= 100, "grid.deliverySnapshotMillis", "must be >= 100");
        ConfigException.check(offlinePushLimit >= 1 && offlinePushLimit <= maxPageSize, "grid.offlinePushLimit",
                "must be 1 to grid.maxPageSize");
        ConfigException.check(maxUnsavedMessages >= 10, "grid.maxUnsavedMessages", "must be at least 10");
        ConfigException.check(backupHoldSeconds >= 1, "grid.backupHoldSeconds", "must be at least 1");
        ConfigException.check(maxHeapPercent >= 1 && maxHeapPercent <= 100, "grid.maxHeapPercent",
                "must be 1 to 100");
        ConfigException.check(edgeInboxCapacity >= 1000, "grid.edgeInboxCapacity",
                "must be at least 1000 (edge nodes read up to 1000 at a time)");
        ConfigException.check(maxDeliveryLagMillis == 0 || maxDeliveryLagMillis >= 100, "grid.maxDeliveryLagMillis",
                "must be 0 (off) or at least 100");
    }

    /**
     * How old a stored message must be before it may be evicted from memory. Evicting a key that a backup still
     * holds in its write-behind queue registers a flush request on that backup (Hazelcast's eviction flushes a
     * dirty entry), and a backup serves a flush request by discarding its queue up to that point; so eviction
     * waits until the backups dropped the key by themselves: the write delay, the hold, and slack for the
     * backups' one-second store worker and for clocks.
     */
    public long evictableAfterMillis() {
        return (writeDelaySeconds + backupHoldSeconds) * 1000L + EVICTION_SLACK_MILLIS;
    }
}
