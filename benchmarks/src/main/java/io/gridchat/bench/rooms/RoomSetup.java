package io.gridchat.bench.rooms;

import io.gridchat.bench.load.ApiClient;
import io.gridchat.bench.load.BoundedCalls;
import io.gridchat.bench.ws.WsClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * Everything before the first measured frame: users signed in, rooms created (study rooms with the given
 * capacity, every {@code groupPercent}-th in a hundred a group; room i owned by user i mod users) and one
 * connection per user open, holding no room. Runs on the calling thread, a bounded number of calls in flight.
 */
final class RoomSetup {
    private static final int HTTP_IN_FLIGHT = 32;
    private static final int CONNECT_THREADS = 16;

    private final RoomOpsOptions options;
    private final ApiClient api;
    private final WsClient client;

    RoomSetup(RoomOpsOptions options, ApiClient api, WsClient client) {
        this.options = options;
        this.api = api;
        this.client = client;
    }

    /** The signed-in users, the ids of the rooms (index = room number) and the open connections (one a user). */
    record Prepared(List<ApiClient.Account> accounts, List<String> roomIds, List<RoomConnection> connections) {
    }

    /** @param connectionFactory makes the (not yet connected) endpoint of user i, given the room ids */
    Prepared prepare(BiFunction<Integer, List<String>, RoomConnection> connectionFactory) {
        List<ApiClient.Account> accounts = BoundedCalls.run("signing in " + options.users() + " users",
                options.users(), HTTP_IN_FLIGHT, i -> api.signIn(options.edgeOf(i).http(), options.username(i),
                        options.password()));
        List<String> roomIds = BoundedCalls.run("creating " + options.rooms() + " rooms ("
                + options.groupRooms() + " groups)", options.rooms(), HTTP_IN_FLIGHT, room -> {
                    int owner = room % options.users();
                    boolean group = options.isGroup(room);
                    return api.createRoom(options.edgeOf(owner).http(), accounts.get(owner).token(),
                            "rooms " + options.userPrefix() + " " + room, group ? "group" : "study",
                            group ? null : options.capacity());
                });
        ExecutorService connectPool = Executors.newFixedThreadPool(CONNECT_THREADS);
        try {
            List<RoomConnection> connections = BoundedCalls.run("opening " + options.users() + " connections",
                    options.users(), CONNECT_THREADS * 2, i -> CompletableFuture.supplyAsync(() ->
                            connect(connectionFactory.apply(i, roomIds), i, accounts.get(i).token()), connectPool));
            return new Prepared(accounts, roomIds, connections);
        } finally {
            connectPool.shutdownNow();
        }
    }

    private RoomConnection connect(RoomConnection endpoint, int index, String token) {
        endpoint.opened(options.edgeOf(index).connect(client, token, endpoint, "connection " + index));
        return endpoint;
    }
}
