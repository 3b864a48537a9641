package io.gridchat.jet.delivery;

import io.gridchat.model.ChatMessage;
import io.gridchat.model.Roster;
import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

/** A message with the members of its room, between the two lookups of the delivery pipeline. */
record Addressed(ChatMessage message, Roster roster) implements Serializable {
    Set<String> recipients() {
        return new HashSet<>(roster.userIds());
    }
}
