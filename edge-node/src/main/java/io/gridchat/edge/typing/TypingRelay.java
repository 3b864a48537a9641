package io.gridchat.edge.typing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Futures;
import io.gridchat.edge.Grid;
import io.gridchat.edge.Json;
import io.gridchat.model.processor.FanOutRoomEvent;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Typing indicators: fanned out to the room's other members, never stored. A repeated "on" within the
 * refresh interval only re-arms the expiry; a state not refreshed within the expiry goes "off" by itself, as
 * does a typing connection that closes. Thread-safe.
 */
public final class TypingRelay {
    private static final long REFRESH_MILLIS = 1_000;

    private final Grid grid;
    private final ScheduledExecutorService timer;
    private final long expiryMillis;
    private final Map<Key, Typing> typing = new ConcurrentHashMap<>();

    public TypingRelay(Grid grid, ScheduledExecutorService timer, long expiryMillis) {
        this.grid = grid;
        this.timer = timer;
        this.expiryMillis = expiryMillis;
    }

    private record Key(String connectionId, String userId, String roomId) {
    }

    private record Typing(long sentAt, ScheduledFuture<?> expiry) {
    }

    /** Completes exceptionally with FORBIDDEN when the user is not a member of the room. */
    public CompletionStage<Boolean> update(String connectionId, String userId, String roomId, boolean on) {
        Key key = new Key(connectionId, userId, roomId);
        Typing previous = typing.remove(key);
        if (previous != null) {
            previous.expiry().cancel(false);
        }
        if (!on) {
            return fanOut(key, false);
        }
        long now = System.currentTimeMillis();
        boolean fresh = previous == null || now - previous.sentAt() >= REFRESH_MILLIS;
        ScheduledFuture<?> expiry = timer.schedule(() -> expire(key), expiryMillis, TimeUnit.MILLISECONDS);
        typing.put(key, new Typing(fresh ? now : previous.sentAt(), expiry));
        return fresh ? fanOut(key, true) : CompletableFuture.completedFuture(Boolean.TRUE);
    }

    /** The connection closed: whatever it was typing stops. */
    public void closed(String connectionId) {
        typing.keySet().removeIf(key -> {
            if (!key.connectionId().equals(connectionId)) {
                return false;
            }
            fanOut(key, false);
            return true;
        });
    }

    private void expire(Key key) {
        if (typing.remove(key) != null) {
            fanOut(key, false);
        }
    }

    private CompletionStage<Boolean> fanOut(Key key, boolean on) {
        ObjectNode frame = Json.object().put("type", "typing").put("room", key.roomId()).put("user", key.userId())
                .put("on", on);
        Futures.CallbackFuture<Boolean> sent = Futures.callback();
        grid.roomExecutor().submitToKeyOwner(FanOutRoomEvent.fromMember(key.roomId(), key.userId(), Json.write(frame)),
                key.roomId(), sent);
        return sent.thenApply(member -> {
            if (!member) {
                throw new ClientError(ErrorCode.FORBIDDEN, "you are not a member of this room");
            }
            return Boolean.TRUE;
        });
    }
}
