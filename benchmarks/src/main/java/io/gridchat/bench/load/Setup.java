package io.gridchat.bench.load;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything before the first measured frame: users signed in, rooms created, connections open and every
 * room joined (each join acknowledged). Runs on the calling thread, a bounded number of calls in flight.
 */
final class Setup {
    private static final Logger LOG = LoggerFactory.getLogger(Setup.class);
    private static final int HTTP_IN_FLIGHT = 32;
    private static final int CONNECT_THREADS = 16;
    private static final int JOINS_IN_FLIGHT = 128;
    private static final long STEP_TIMEOUT_MINUTES = 10;

    private final LoadOptions options;
    private final RoomPlan plan;
    private final ApiClient api;
    private final WebSocketContainer container;

    Setup(LoadOptions options, RoomPlan plan, ApiClient api, WebSocketContainer container) {
        this.options = options;
        this.plan = plan;
        this.api = api;
        this.container = container;
    }

    /** Connections ready to send, and the ids of the rooms (index = room number of the plan). */
    record Prepared(List<LoadConnection> connections, List<String> roomIds) {
    }

    /** @param connectionFactory makes the (not yet connected) endpoint of connection i */
    Prepared prepare(IntFunction<LoadConnection> connectionFactory) {
        List<ApiClient.Account> accounts = step("signing in " + options.connections() + " users",
                options.connections(), HTTP_IN_FLIGHT, i -> api.signIn(options.edgeOf(i).http(),
                        options.username(i), options.password()));
        List<String> roomIds = step("creating " + options.rooms() + " rooms", options.rooms(), HTTP_IN_FLIGHT,
                room -> {
                    int owner = plan.connectionOf(room, 0);
                    return api.createRoom(options.edgeOf(owner).http(), accounts.get(owner).token(),
                            "load " + options.userPrefix() + " " + room);
                });
        ExecutorService connectPool = Executors.newFixedThreadPool(CONNECT_THREADS);
        List<LoadConnection> connections;
        try {
            connections = step("opening " + options.connections() + " connections", options.connections(),
                    CONNECT_THREADS * 2, i -> CompletableFuture.supplyAsync(() ->
                            connect(connectionFactory.apply(i), i, accounts.get(i).token()), connectPool));
        } finally {
            connectPool.shutdownNow();
        }
        step("joining " + plan.memberships() + " room memberships", plan.memberships(), JOINS_IN_FLIGHT,
                membership -> {
                    int room = membership / options.participants();
                    int connection = plan.connectionOf(room, membership % options.participants());
                    return connections.get(connection).join(roomIds.get(room));
                });
        return new Prepared(connections, roomIds);
    }

    private LoadConnection connect(LoadConnection endpoint, int index, String token) {
        URI uri = URI.create(options.edgeOf(index).ws() + "/ws?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        try {
            container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri);
            return endpoint;
        } catch (DeploymentException e) {
            throw new IllegalStateException("connection " + index + " to " + uri.getHost() + ":" + uri.getPort()
                    + " was refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("connection " + index + " failed", e);
        }
    }

    /**
     * Runs {@code count} calls with at most {@code inFlight} outstanding; stops at the first failure and
     * throws it with {@code what} as context. Returns the results in call order.
     */
    private static <T> List<T> step(String what, int count, int inFlight, IntFunction<CompletableFuture<T>> call) {
        long start = System.nanoTime();
        LOG.info("{} ...", what);
        Semaphore permits = new Semaphore(inFlight);
        List<CompletableFuture<T>> calls = new ArrayList<>(count);
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        for (int i = 0; i < count && !firstFailure.isDone(); i++) {
            permits.acquireUninterruptibly();
            CompletableFuture<T> result = call.apply(i);
            result.whenComplete((value, failure) -> {
                permits.release();
                if (failure != null) {
                    firstFailure.completeExceptionally(failure);
                }
            });
            calls.add(result);
        }
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)), firstFailure)
                    .get(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            throw new IllegalStateException(what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish in " + STEP_TIMEOUT_MINUTES + " minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
        LOG.info("{}: done in {} ms", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return calls.stream().map(CompletableFuture::join).toList();
    }
}
