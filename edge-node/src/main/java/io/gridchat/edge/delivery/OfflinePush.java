package io.gridchat.edge.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.Grid;
import io.gridchat.edge.Json;
import io.gridchat.edge.messages.MessageService;
import io.gridchat.edge.ws.ChatConnection;
import io.gridchat.edge.ws.ChatConnection.Held;
import io.gridchat.model.OfflineMark;
import io.gridchat.model.processor.ClearOffline;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes what a user missed while they had no connection, room by room in seq order, then clears it from
 * their offline marks (only up to what was pushed: what arrived meanwhile stays queued). A room with more
 * than the push limit gets a {@code backlog} frame instead, and the client pages it. Thread-safe.
 */
public final class OfflinePush {
    private static final Logger LOG = LoggerFactory.getLogger(OfflinePush.class);

    private final Grid grid;
    private final MessageService messages;
    private final int pushLimit;

    public OfflinePush(Grid grid, MessageService messages, int pushLimit) {
        this.grid = grid;
        this.messages = messages;
        this.pushLimit = pushLimit;
    }

    /** The user's marks, read once the connection is live in the grid (its live events are held meanwhile). */
    public CompletionStage<List<OfflineMark>> marksOf(String userId) {
        return grid.offline().getAsync(userId).thenApply(marks -> marks == null ? List.of() : marks.marks());
    }

    public void push(ChatConnection connection, List<OfflineMark> marks) {
        for (OfflineMark mark : marks) {
            pushRoom(connection, mark).whenComplete((pushedUpTo, failure) -> {
                if (failure != null) {
                    LOG.warn("offline push of room {} to {} failed: {}", mark.roomId(), connection.connectionId(),
                            failure.toString());
                    connection.release(mark.roomId(), List.of());
                } else {
                    grid.offline().submitToKey(connection.userId(), new ClearOffline(mark.roomId(), pushedUpTo));
                }
            });
        }
    }

    private CompletionStage<Long> pushRoom(ChatConnection connection, OfflineMark mark) {
        if (mark.count() > pushLimit) {
            ObjectNode backlog = Json.object().put("type", "backlog").put("room", mark.roomId())
                    .put("fromSeq", mark.fromSeq()).put("lastSeq", mark.lastSeq());
            connection.send(Json.write(backlog));
            connection.release(mark.roomId(), List.of());
            return CompletableFuture.completedFuture(mark.lastSeq());
        }
        return messages.after(connection.userId(), mark.roomId(), mark.fromSeq() - 1).thenApply(page -> {
            List<Held> frames = page.messages().stream().filter(message -> message.seq() <= mark.lastSeq())
                    .map(message -> new Held(message.seq(), InboxListener.messageFrame(message))).toList();
            connection.release(mark.roomId(), frames);
            return frames.isEmpty() ? mark.fromSeq() - 1 : frames.get(frames.size() - 1).seq();
        });
    }
}
