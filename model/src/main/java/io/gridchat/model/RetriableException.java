package io.gridchat.model;

/** A failure that may pass when the same call is made again later (a shard down, a timeout). */
public class RetriableException extends GridchatException {
    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
