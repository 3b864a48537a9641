package io.gridchat.bench.load;

import io.gridchat.bench.ws.WsClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * Everything before the first measured frame: users signed in, rooms created, connections open and every
 * room joined (each join acknowledged). Runs on the calling thread, a bounded number of calls in flight.
 */
final class Setup {
    private static final int HTTP_IN_FLIGHT = 32;
    private static final int CONNECT_THREADS = 16;
    private static final int JOINS_IN_FLIGHT = 128;

    private final LoadOptions options;
    private final RoomPlan plan;
    private final ApiClient api;
    private final WsClient client;

    Setup(LoadOptions options, RoomPlan plan, ApiClient api, WsClient client) {
        this.options = options;
        this.plan = plan;
        this.api = api;
        this.client = client;
    }

    /** Connections ready to send, and the ids of the rooms (index = room number of the plan). */
    record Prepared(List<LoadConnection> connections, List<String> roomIds) {
    }

    /** @param connectionFactory makes the (not yet connected) endpoint of connection i */
    Prepared prepare(IntFunction<LoadConnection> connectionFactory) {
        List<ApiClient.Account> accounts = BoundedCalls.run("signing in " + options.connections() + " users",
                options.connections(), HTTP_IN_FLIGHT, i -> api.signIn(options.edgeOf(i).http(),
                        options.username(i), options.password()));
        List<String> roomIds = BoundedCalls.run("creating " + options.rooms() + " rooms", options.rooms(),
                HTTP_IN_FLIGHT, room -> {
                    int owner = plan.connectionOf(room, 0);
                    return api.createRoom(options.edgeOf(owner).http(), accounts.get(owner).token(),
                            "load " + options.userPrefix() + " " + room);
                });
        ExecutorService connectPool = Executors.newFixedThreadPool(CONNECT_THREADS);
        List<LoadConnection> connections;
        try {
            connections = BoundedCalls.run("opening " + options.connections() + " connections", options.connections(),
                    CONNECT_THREADS * 2, i -> CompletableFuture.supplyAsync(() ->
                            connect(connectionFactory.apply(i), i, accounts.get(i).token()), connectPool));
        } finally {
            connectPool.shutdownNow();
        }
        BoundedCalls.run("joining " + plan.memberships() + " room memberships", plan.memberships(), JOINS_IN_FLIGHT,
                membership -> {
                    int room = membership / options.participants();
                    int connection = plan.connectionOf(room, membership % options.participants());
                    return connections.get(connection).join(roomIds.get(room));
                });
        return new Prepared(connections, roomIds);
    }

    private LoadConnection connect(LoadConnection endpoint, int index, String token) {
        endpoint.opened(options.edgeOf(index).connect(client, token, endpoint, "connection " + index));
        endpoint.reopenWith(() -> connect(endpoint, index, token));
        return endpoint;
    }
}
