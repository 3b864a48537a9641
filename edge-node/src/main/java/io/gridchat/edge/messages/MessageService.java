package io.gridchat.edge.messages;

import io.gridchat.config.GridSettings;
import io.gridchat.config.LimitSettings;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Failures;
import io.gridchat.edge.Futures;
import io.gridchat.edge.Grid;
import io.gridchat.edge.delivery.InboxLag;
import io.gridchat.edge.ratelimit.Permit;
import io.gridchat.edge.ratelimit.RateLimit;
import io.gridchat.edge.ratelimit.RateLimiter;
import io.gridchat.edge.rooms.RoomService;
import io.gridchat.model.DedupeKey;
import io.gridchat.model.MessagePage;
import io.gridchat.model.MessageRef;
import io.gridchat.model.ReadOutcome;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.processor.AppendMessage;
import io.gridchat.model.processor.ReadMessages;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Send and read messages. A send is one {@link AppendMessage} on the room's partition, after a permit of the
 * sender's message limit (one call on the user's partition, given back when the room refuses the send or finds
 * it a repeat, so only accepted messages count); reads run as one {@link ReadMessages} task on the member that
 * owns the room. Thread-safe.
 */
public final class MessageService {
    /** Retry hint for a send refused while a member's write-behind backlog drains or its delivery catches up. */
    static final long OVERLOADED_RETRY_MS = 1_000;
    public static final int DEFAULT_PAGE = 50;

    private final Grid grid;
    private final LimitSettings limits;
    private final int maxPage;
    private final RateLimiter rateLimits;
    private final RefusingMembers refusing;
    private final InboxLag inboxLag;

    public MessageService(Grid grid, LimitSettings limits, GridSettings gridSettings, RateLimiter rateLimits,
                          InboxLag inboxLag) {
        this.grid = grid;
        this.limits = limits;
        this.maxPage = gridSettings.maxPageSize();
        this.rateLimits = rateLimits;
        this.inboxLag = inboxLag;
        this.refusing = new RefusingMembers(grid.client().getPartitionService(), System::currentTimeMillis);
    }

    public CompletionStage<MessageRef> send(String userId, String roomId, String text, String clientMsgId) {
        RoomService.requireRoomId(roomId);
        if (text == null || text.isBlank()) {
            throw ClientError.badRequest("text must not be empty");
        }
        if (text.codePointCount(0, text.length()) > limits.maxTextLength()) {
            throw new ClientError(ErrorCode.TOO_LARGE, "text is longer than " + limits.maxTextLength()
                    + " characters");
        }
        if (clientMsgId != null && (clientMsgId.isEmpty() || clientMsgId.length() > limits.maxClientMsgIdLength())) {
            throw ClientError.badRequest("clientMsgId must be 1 to " + limits.maxClientMsgIdLength() + " characters");
        }
        if (inboxLag.behind() || refusing.refusing(roomId)) {
            throw overloaded();
        }
        AppendMessage append = new AppendMessage(userId, clientMsgId, text);
        return rateLimits.take(RateLimit.MESSAGES, userId).thenCompose(permit -> append(roomId, append, permit))
                .exceptionallyCompose(failure -> clientMsgId != null && isRateLimited(failure)
                        ? repeatOf(roomId, userId, clientMsgId, failure) : CompletableFuture.failedFuture(failure));
    }

    /** The send itself; its permit goes back unless the room accepted a new message. */
    private CompletionStage<MessageRef> append(String roomId, AppendMessage append, Permit permit) {
        return grid.roomLogs().submitToKey(roomId, append).thenApply(result -> {
            if (result.outcome() != SendOutcome.ACCEPTED) {
                rateLimits.giveBack(permit);
            }
            switch (result.outcome()) {
                case NOT_MEMBER -> throw notMember();
                case OVERLOADED -> {
                    refusing.refused(roomId);
                    throw overloaded();
                }
                default -> {
                    return result.ref();
                }
            }
        });
    }

    private static ClientError overloaded() {
        return new ClientError(ErrorCode.UNAVAILABLE,
                "messages are arriving faster than they can be saved or delivered; try again shortly",
                OVERLOADED_RETRY_MS);
    }

    /**
     * A send refused by the message limit may be the retry of one already accepted (its ack was lost): a repeat
     * does not count, so it gets its first ack. Looked up (read only) only on this refusal path.
     */
    private CompletionStage<MessageRef> repeatOf(String roomId, String userId, String clientMsgId,
                                                 Throwable refusal) {
        return grid.dedupe().getAsync(new DedupeKey(roomId, userId, clientMsgId)).thenApply(earlier -> {
            if (earlier == null) {
                throw Failures.toClientError(refusal, "send");
            }
            return earlier;
        });
    }

    private static boolean isRateLimited(Throwable failure) {
        return Futures.rootOf(failure) instanceof ClientError error && error.code() == ErrorCode.RATE_LIMITED;
    }

    /** The {@code limit} messages before {@code beforeSeq} (latest when null), oldest first. */
    public CompletionStage<MessagePage> before(String userId, String roomId, Long beforeSeq, Integer limit) {
        RoomService.requireRoomId(roomId);
        if (beforeSeq != null && beforeSeq < 1) {
            throw ClientError.badRequest("beforeSeq must be at least 1");
        }
        return read(ReadMessages.before(roomId, userId, beforeSeq == null ? 0 : beforeSeq, pageSize(limit)), roomId);
    }

    /** Every message after {@code afterSeq}, up to the page limit; the page says when more follow. */
    public CompletionStage<MessagePage> after(String userId, String roomId, long afterSeq) {
        RoomService.requireRoomId(roomId);
        if (afterSeq < 0) {
            throw ClientError.badRequest("afterSeq must not be negative");
        }
        return read(ReadMessages.after(roomId, userId, afterSeq, maxPage), roomId);
    }

    private CompletionStage<MessagePage> read(ReadMessages task, String roomId) {
        Futures.CallbackFuture<MessagePage> page = Futures.callback();
        grid.roomExecutor().submitToKeyOwner(task, roomId, page);
        return page.thenApply(result -> {
            if (result.outcome() == ReadOutcome.NOT_MEMBER) {
                throw notMember();
            }
            return result;
        });
    }

    private int pageSize(Integer limit) {
        if (limit == null) {
            return DEFAULT_PAGE;
        }
        if (limit < 1 || limit > maxPage) {
            throw ClientError.badRequest("limit must be 1 to " + maxPage);
        }
        return limit;
    }

    private static ClientError notMember() {
        return new ClientError(ErrorCode.FORBIDDEN, "you are not a member of this room");
    }
}
