package io.gridchat.jet.delivery;

import io.gridchat.model.ChatMessage;
import io.gridchat.model.Roster;
import java.io.Serializable;

/** A message with the members of its room, between the two lookups of the delivery pipeline. */
record Addressed(ChatMessage message, Roster roster) implements Serializable {
}
