package io.gridchat.edge;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** New ids (prefix plus 16 random base-36 characters, about 82 bits) and the shape every id must have. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    public static String newId(char prefix) {
        char[] id = new char[17];
        id[0] = prefix;
        for (int i = 1; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
