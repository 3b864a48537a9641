package io.gridchat.model;

/**
 * How a send ended. DUPLICATE carries the ref of the message first accepted for the same clientMsgId;
 * OVERLOADED: refused, nothing changed, because the member holds too many messages MySQL does not have yet.
 */
public enum SendOutcome {
    ACCEPTED, DUPLICATE, NOT_MEMBER, OVERLOADED
}
