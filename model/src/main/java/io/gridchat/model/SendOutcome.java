package io.gridchat.model;

/**
 * How a send ended. DUPLICATE carries the ref of the message first accepted for the same clientMsgId;
 * OVERLOADED: refused, nothing changed, because the member holds too many messages MySQL does not have yet, its
 * heap is nearly full, or its delivery is too far behind its sends.
 */
public enum SendOutcome {
    ACCEPTED, DUPLICATE, NOT_MEMBER, OVERLOADED
}
