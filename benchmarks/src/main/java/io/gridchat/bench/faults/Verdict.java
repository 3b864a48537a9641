package io.gridchat.bench.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every acked send compared with what MySQL holds.
 *
 * @param lost              acked, but no stored row carries its msgId, or the row at its seq holds another send
 *                          (two sends acked with one seq: the later write overwrote the earlier)
 * @param seqMismatch       acked, stored, but not at the seq its ack named
 * @param dupClientMsgIds   extra rows of a clientMsgId stored more than once
 * @param dupMsgIds         extra rows of a msgId stored more than once
 * @param dupSeqAcks        extra acks that named a (room, seq) already acked for another clientMsgId
 * @param reordered         sends whose seq is not above the seq of the same sender's previous send in the room
 * @param storedUnacked     rows of this run's sends that were never acked (not an error: the ack was lost)
 * @param lostSamples       up to 5 lost sends, for the report
 */
record Verdict(long acked, long rows, long lost, long seqMismatch, long dupClientMsgIds, long dupMsgIds,
               long dupSeqAcks, long reordered, long storedUnacked, List<String> lostSamples) {

    static Verdict of(List<SendLog.Ack> acks, List<MessageTable.Row> rows) {
        Map<String, Integer> byMsgId = new HashMap<>();
        Map<String, Integer> byClientMsgId = new HashMap<>();
        Map<String, String> msgIdAt = new HashMap<>();
        Map<String, String> clientMsgIdOf = new HashMap<>();
        for (MessageTable.Row row : rows) {
            clientMsgIdOf.put(row.msgId(), String.valueOf(row.clientMsgId()));
            byMsgId.merge(String.valueOf(row.msgId()), 1, Integer::sum);
            byClientMsgId.merge(String.valueOf(row.clientMsgId()), 1, Integer::sum);
            msgIdAt.put(row.room() + "#" + row.seq(), row.msgId());
        }
        long lost = 0;
        long mismatch = 0;
        List<String> samples = new ArrayList<>();
        Map<String, String> ackedAt = new HashMap<>();
        long dupSeqAcks = 0;
        Set<String> ackedClientMsgIds = new HashSet<>();
        for (SendLog.Ack ack : acks) {
            ackedClientMsgIds.add(ack.clientMsgId());
            String at = ack.room() + "#" + ack.seq();
            String earlier = ackedAt.putIfAbsent(at, ack.clientMsgId());
            if (earlier != null && !earlier.equals(ack.clientMsgId())) {
                dupSeqAcks++;
            }
            if (!byMsgId.containsKey(ack.msgId()) || !ack.clientMsgId().equals(clientMsgIdOf.get(ack.msgId()))) {
                lost++;
                if (samples.size() < 5) {
                    samples.add(ack.room() + " seq " + ack.seq() + " " + ack.clientMsgId() + " (stored there: "
                            + msgIdAt.get(at) + ")");
                }
            } else if (!ack.msgId().equals(msgIdAt.get(at))) {
                mismatch++;
            }
        }
        long storedUnacked = byClientMsgId.keySet().stream().filter(id -> !ackedClientMsgIds.contains(id)).count();
        return new Verdict(acks.size(), rows.size(), lost, mismatch, extra(byClientMsgId), extra(byMsgId), dupSeqAcks,
                reordered(acks), storedUnacked, samples);
    }

    /** Adds the verdict's counts and lost samples to a JSON line (the driver's and the final check's). */
    ObjectNode putInto(ObjectNode line) {
        line.put("acked", acked).put("rows", rows).put("lost", lost).put("seqMismatch", seqMismatch)
                .put("duplicated", duplicated()).put("dupClientMsgIds", dupClientMsgIds).put("dupMsgIds", dupMsgIds)
                .put("dupSeqAcks", dupSeqAcks).put("reordered", reordered).put("storedUnacked", storedUnacked);
        lostSamples.forEach(line.putArray("lostSamples")::add);
        return line;
    }

    long duplicated() {
        return dupClientMsgIds + dupMsgIds + dupSeqAcks;
    }

    private static long extra(Map<String, Integer> counts) {
        return counts.values().stream().mapToLong(count -> count - 1).sum();
    }

    /** Per sender and room, in the sender's order (it sends one at a time): seqs must grow. */
    private static long reordered(List<SendLog.Ack> acks) {
        Map<String, List<SendLog.Ack>> streams = new HashMap<>();
        for (SendLog.Ack ack : acks) {
            streams.computeIfAbsent(ack.sender() + "#" + ack.room(), key -> new ArrayList<>()).add(ack);
        }
        long reordered = 0;
        for (List<SendLog.Ack> stream : streams.values()) {
            stream.sort(Comparator.comparingLong(SendLog.Ack::order));
            for (int i = 1; i < stream.size(); i++) {
                if (stream.get(i).seq() <= stream.get(i - 1).seq()) {
                    reordered++;
                }
            }
        }
        return reordered;
    }

    /** Whether MySQL holds every one of these acks (by msgId). */
    static boolean allStored(List<SendLog.Ack> acks, List<MessageTable.Row> rows) {
        Set<String> stored = new HashSet<>();
        rows.forEach(row -> stored.add(row.msgId()));
        return acks.stream().allMatch(ack -> stored.contains(ack.msgId()));
    }
}
