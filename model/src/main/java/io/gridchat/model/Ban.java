package io.gridchat.model;

/** That a user may not join (or read) a room any more: who banned them and when. */
public record Ban(String roomId, String userId, String bannedBy, long bannedAt) {
}
