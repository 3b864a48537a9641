package io.gridchat.model;

/** Result of {@code AppendMessage}; {@code ref} is null when refused. */
public record SendResult(SendOutcome outcome, MessageRef ref) {
}
