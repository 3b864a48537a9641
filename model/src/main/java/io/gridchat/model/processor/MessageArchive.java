package io.gridchat.model.processor;

import io.gridchat.model.ChatMessage;
import java.util.List;

/**
 * A room's stored messages by seq range, read straight from MySQL: the history older than what the grid keeps in
 * memory. Read this way, old history does not settle in the messages map. A member puts one in its user context.
 */
public interface MessageArchive {
    String USER_CONTEXT_KEY = "gridchat.messageArchive";

    /** The room's messages with seq in low..high that MySQL holds, oldest first. */
    List<ChatMessage> range(String roomId, long low, long high);
}
