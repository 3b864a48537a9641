package io.gridchat.jet.delivery;

import io.gridchat.model.ChatMessage;
import java.io.Serializable;

/** That {@code userId}, whom delivery found without a connection, missed {@code message}. */
record OfflineUpdate(String userId, ChatMessage message) implements Serializable {
}
