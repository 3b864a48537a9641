package io.gridchat.model;

/** What a send ack carries: where the message landed. */
public record MessageRef(String msgId, long seq, long ts) {
}
