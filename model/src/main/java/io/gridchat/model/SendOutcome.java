package io.gridchat.model;

/** How a send ended. DUPLICATE carries the ref of the message first accepted for the same clientMsgId. */
public enum SendOutcome {
    ACCEPTED, DUPLICATE, NOT_MEMBER
}
