package io.gridchat.bench.db;

import io.gridchat.model.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The messages both phases write, made once so both write the same rows: rooms picked at random (so spread over
 * the shards by the production router), seqs gapless per room, texts of 60 to 140 characters (about 100) built
 * from words, a clientMsgId on each. A fixed seed makes runs comparable. Immutable once built.
 */
final class MessageCorpus {
    private static final long SEED = 20_240_501L;
    private static final String[] WORDS = {"the", "exam", "is", "on", "friday", "and", "I", "still", "need", "to",
        "review", "chapter", "seven", "anyone", "want", "study", "together", "library", "tonight", "at", "six",
        "thanks", "for", "notes", "proof", "lemma", "makes", "sense", "now", "what", "about", "problem", "set",
        "deadline", "moved", "next", "week", "coffee", "first", "see", "you", "there", "great", "idea", "lol"};
    private static final int MIN_TEXT = 60;
    private static final int MAX_TEXT = 140;

    private MessageCorpus() {
    }

    static List<ChatMessage> generate(int count, int rooms) {
        Random random = new Random(SEED);
        long[] lastSeq = new long[rooms];
        long firstTs = System.currentTimeMillis();
        List<ChatMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int room = random.nextInt(rooms);
            String roomId = String.format("rbench%011d", room);
            long seq = ++lastSeq[room];
            String sender = String.format("ubench%011d", random.nextInt(rooms * 10));
            messages.add(new ChatMessage(roomId, seq, ChatMessage.msgIdOf(roomId, seq), sender, text(random),
                    firstTs + i, Long.toHexString(random.nextLong()) + "-" + i));
        }
        return List.copyOf(messages);
    }

    private static String text(Random random) {
        int length = MIN_TEXT + random.nextInt(MAX_TEXT - MIN_TEXT + 1);
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.setLength(length);
        return text.toString();
    }
}
