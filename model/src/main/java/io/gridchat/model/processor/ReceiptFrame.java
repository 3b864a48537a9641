package io.gridchat.model.processor;

/**
 * The protocol's {@code receipt} event, encoded where it is decided (a grid member, which has no JSON library).
 * Every field is an id, a number or a fixed word; ids are escaped all the same.
 */
public final class ReceiptFrame {
    private ReceiptFrame() {
    }

    public static String of(String roomId, String msgId, long seq, String byUserId, String status) {
        return "{\"type\":\"receipt\",\"room\":" + quote(roomId) + ",\"msgId\":" + quote(msgId) + ",\"seq\":" + seq
                + ",\"by\":" + quote(byUserId) + ",\"status\":" + quote(status) + "}";
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
