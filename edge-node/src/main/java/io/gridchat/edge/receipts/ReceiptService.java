package io.gridchat.edge.receipts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Futures;
import io.gridchat.edge.Grid;
import io.gridchat.edge.Json;
import io.gridchat.edge.rooms.RoomService;
import io.gridchat.model.DirectRooms;
import io.gridchat.model.MemberKey;
import io.gridchat.model.MessagePage;
import io.gridchat.model.ReadPosition;
import io.gridchat.model.ReadResult;
import io.gridchat.model.ReceiptStatus;
import io.gridchat.model.processor.MarkReceipt;
import io.gridchat.model.processor.SendReceipts;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read and delivered positions: {@code read} frames, and messages of dm rooms written to a recipient's socket,
 * move the member's position in the grid (and so in MySQL) and send the senders their receipts, coalesced per
 * connection, room and status to at most one update a second. The first update of a window goes to the grid at
 * once (and is refused there if the reader is not a member); later ones within the second only raise the
 * pending seq, written when the window closes. Thread-safe.
 */
public final class ReceiptService {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptService.class);
    static final long WINDOW_MILLIS = 1_000;

    private final Grid grid;
    private final ScheduledExecutorService timer;
    private final Map<Key, Window> windows = new ConcurrentHashMap<>();

    public ReceiptService(Grid grid, ScheduledExecutorService timer) {
        this.grid = grid;
        this.timer = timer;
    }

    private record Key(String connectionId, String userId, String roomId, ReceiptStatus status) {
    }

    /**
     * Updates arriving while a window is open; 0 when none (guarded by the window itself). {@code admitted}
     * completes with the window's first update: later ones answer as it did (a non-member is refused every time).
     */
    private static final class Window {
        private final CompletableFuture<Void> admitted = new CompletableFuture<>();
        private long pendingSeq;
    }

    /** A {@code read} frame. Completes when accepted (applied, or pending in an open window); FORBIDDEN if not a member. */
    public CompletionStage<Void> read(String connectionId, String userId, String roomId, long seq) {
        RoomService.requireRoomId(roomId);
        if (seq < 0) {
            throw ClientError.badRequest("seq must not be negative");
        }
        return update(new Key(connectionId, userId, roomId, ReceiptStatus.READ), seq);
    }

    /** A message of a dm room up to {@code seq} was written to a socket of {@code userId}. */
    public void delivered(String connectionId, String userId, String roomId, long seq) {
        update(new Key(connectionId, userId, roomId, ReceiptStatus.DELIVERED), seq).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.debug("delivered position of {} in {} not updated: {}", userId, roomId, failure.toString());
            }
        });
    }

    /** The read and delivered positions of a member; zeros when they never got or read the room. */
    public CompletionStage<ReadPosition> position(String userId, String roomId) {
        return grid.readPositions().getAsync(new MemberKey(roomId, userId)).thenApply(position ->
                position == null ? new ReadPosition(roomId, userId, 0, 0, 0) : position);
    }

    /** A page of messages and the status its viewer sees them in. */
    public record ShownPage(MessagePage page, MessageStatus status) {
        public ArrayNode messages() {
            return Json.messages(page.messages(), status);
        }
    }

    /** {@code page} with the status of the viewer's own messages, looked up side by side with it. */
    public CompletionStage<ShownPage> shown(String viewerId, String roomId, CompletionStage<MessagePage> page) {
        return page.thenCombine(statusFor(viewerId, roomId), ShownPage::new);
    }

    /** How {@code viewerId} sees the status of their messages in {@code roomId} (only dm rooms have one). */
    public CompletionStage<MessageStatus> statusFor(String viewerId, String roomId) {
        if (!DirectRooms.isDirect(roomId)) {
            return CompletableFuture.completedFuture(MessageStatus.NONE);
        }
        return grid.rosters().getAsync(roomId).thenCompose(roster -> {
            String other = roster == null ? null
                    : roster.userIds().stream().filter(user -> !user.equals(viewerId)).findFirst().orElse(null);
            if (other == null) {
                return CompletableFuture.completedFuture(MessageStatus.NONE);
            }
            return position(other, roomId).thenApply(position ->
                    new MessageStatus(viewerId, position.seq(), position.deliveredSeq()));
        });
    }

    /** The connection closed: what its open windows hold is written now. */
    public void closed(String connectionId) {
        windows.forEach((key, window) -> {
            if (key.connectionId().equals(connectionId)) {
                flush(key, window, false);
            }
        });
    }

    private CompletionStage<Void> update(Key key, long seq) {
        Window fresh = new Window();
        Window open = windows.putIfAbsent(key, fresh);
        if (open != null) {
            synchronized (open) {
                open.pendingSeq = Math.max(open.pendingSeq, seq);
            }
            return open.admitted.copy();
        }
        apply(key, seq).whenComplete((ignored, failure) -> {
            if (failure != null) {
                windows.remove(key, fresh);
                fresh.admitted.completeExceptionally(failure);
            } else {
                timer.schedule(() -> flush(key, fresh, true), WINDOW_MILLIS, TimeUnit.MILLISECONDS);
                fresh.admitted.complete(null);
            }
        });
        return fresh.admitted.copy();
    }

    private void flush(Key key, Window window, boolean reopen) {
        long pending;
        synchronized (window) {
            pending = window.pendingSeq;
            window.pendingSeq = 0;
        }
        if (pending == 0 || !reopen) {
            windows.remove(key, window);
        }
        if (pending > 0) {
            apply(key, pending).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.debug("coalesced {} of {} in {} failed: {}", key.status(), key.userId(), key.roomId(),
                            failure.toString());
                }
                if (reopen) {
                    timer.schedule(() -> flush(key, window, true), WINDOW_MILLIS, TimeUnit.MILLISECONDS);
                }
            });
        }
    }

    private CompletionStage<Void> apply(Key key, long seq) {
        // Runs from the window's timer too: a call refused at once must fail the stage, not end the window unseen.
        return Futures.call(() -> grid.readPositions().submitToKey(new MemberKey(key.roomId(), key.userId()),
                        new MarkReceipt(key.status(), seq, System.currentTimeMillis())))
                .thenAccept(result -> receipts(key, result));
    }

    private void receipts(Key key, ReadResult result) {
        if (!result.member()) {
            throw new ClientError(ErrorCode.FORBIDDEN, "you are not a member of this room");
        }
        if (result.advanced()) {
            grid.roomExecutor().submitToKeyOwner(new SendReceipts(key.roomId(), key.userId(), key.status(),
                    result.previousSeq(), result.seq()), key.roomId());
        }
    }
}
