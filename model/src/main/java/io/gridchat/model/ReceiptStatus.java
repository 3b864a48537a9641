package io.gridchat.model;

import java.util.Locale;

/** What a receipt reports: a message reached a device of the member, or the member read it. */
public enum ReceiptStatus {
    DELIVERED, READ;

    /** The protocol's spelling: {@code "delivered"}, {@code "read"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
