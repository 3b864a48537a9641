package io.gridchat.model;

/** An account. {@code passwordHash} is a self-describing PBKDF2 string, never sent to clients. */
public record User(String userId, String username, String displayName, String passwordHash, long createdAt) {
}
