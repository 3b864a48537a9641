package io.gridchat.jet.delivery;

import java.io.Serializable;

/** That {@code userId}, who has no connection, missed {@code seq} of {@code roomId}. */
record OfflineUpdate(String userId, String roomId, long seq) implements Serializable {
}
