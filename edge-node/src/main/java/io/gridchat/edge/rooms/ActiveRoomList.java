package io.gridchat.edge.rooms;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.MultiExecutionCallback;
import io.gridchat.config.RoomSettings;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.Grid;
import io.gridchat.model.ActiveRoom;
import io.gridchat.model.ActiveRooms;
import io.gridchat.model.processor.ActiveRoomsQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/rooms?active=true}: the members' rankings of their own rooms, merged. The merged list is
 * kept for {@code rooms.activeRefreshMillis} (the members re-rank no faster) and shared by the requests of that
 * time, so requests cost one query to every member per refresh period at most. Thread-safe.
 */
public final class ActiveRoomList {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveRoomList.class);
    private static final int DEFAULT_ACTIVE_LIMIT = 50;
    private static final long QUERY_TIMEOUT_SECONDS = 10;

    private final Grid grid;
    private final RoomSettings settings;
    private final AtomicReference<CompletableFuture<Ranking>> latest = new AtomicReference<>();

    public ActiveRoomList(Grid grid, RoomSettings settings) {
        this.grid = grid;
        this.settings = settings;
    }

    /** A merged ranking and when it was asked for. */
    private record Ranking(List<ActiveRoom> rooms, long askedAtNanos) {
    }

    /** The most active study and group rooms, most active first. */
    public CompletionStage<List<ActiveRoom>> top(Integer limit) {
        int count = limit == null ? Math.min(DEFAULT_ACTIVE_LIMIT, settings.activeLimit()) : limit;
        if (count < 1 || count > settings.activeLimit()) {
            throw ClientError.badRequest("limit must be 1 to " + settings.activeLimit());
        }
        return ranking().thenApply(ranking -> ranking.rooms().subList(0, Math.min(count, ranking.rooms().size())));
    }

    /** The current ranking: the one being asked for, or a fresh one, or a new query. */
    private CompletableFuture<Ranking> ranking() {
        while (true) {
            CompletableFuture<Ranking> current = latest.get();
            if (current != null && (!current.isDone() || isFresh(current))) {
                return current;
            }
            CompletableFuture<Ranking> next = new CompletableFuture<>();
            if (latest.compareAndSet(current, next)) {
                ask(next);
                return next;
            }
        }
    }

    private boolean isFresh(CompletableFuture<Ranking> done) {
        return !done.isCompletedExceptionally()
                && System.nanoTime() - done.join().askedAtNanos() < settings.activeRefreshMillis() * 1_000_000L;
    }

    /** Every member answers from the ranking it keeps of its own rooms; the answers are merged here. */
    private void ask(CompletableFuture<Ranking> merged) {
        // A query that fails, or never answers, must not stay the current one: every later request would wait on it.
        merged.orTimeout(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try {
            submit(merged);
        } catch (RuntimeException e) {
            merged.completeExceptionally(e);
        }
    }

    private void submit(CompletableFuture<Ranking> merged) {
        long askedAt = System.nanoTime();
        grid.rankingExecutor().submitToAllMembers(new ActiveRoomsQuery(settings.activeLimit()),
                new MultiExecutionCallback() {
                    @Override
                    public void onResponse(Member member, Object value) {
                        // all answers are merged in onComplete
                    }

                    @Override
                    public void onComplete(Map<Member, Object> values) {
                        List<ActiveRoom> rooms = new ArrayList<>();
                        values.forEach((member, value) -> {
                            if (value instanceof ActiveRooms answer) {
                                rooms.addAll(answer.rooms());
                            } else {
                                LOG.warn("member {} did not answer the active-rooms query: {}", member, value);
                            }
                        });
                        rooms.sort(ActiveRoom.MOST_ACTIVE_FIRST);
                        List<ActiveRoom> top = rooms.subList(0, Math.min(settings.activeLimit(), rooms.size()));
                        merged.complete(new Ranking(List.copyOf(top), askedAt));
                    }
                });
    }
}
