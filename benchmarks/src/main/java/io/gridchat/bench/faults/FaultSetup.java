package io.gridchat.bench.faults;

import io.gridchat.bench.load.ApiClient;
import io.gridchat.bench.load.RoomPlan;
import jakarta.websocket.WebSocketContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the load: users signed in, group rooms created, one connected {@link FaultClient} per user, every
 * room joined by its participants (the {@link RoomPlan} of the load generator). Blocking.
 */
final class FaultSetup {
    private static final Logger LOG = LoggerFactory.getLogger(FaultSetup.class);
    private static final int BATCH = 32;

    record Prepared(List<FaultClient> clients, List<String> rooms) {
    }

    static Prepared prepare(FaultOptions options, RoomPlan plan, WebSocketContainer container, SendLog log,
                            ScheduledExecutorService timer, Executor connector) throws Exception {
        ApiClient api = new ApiClient();
        List<ApiClient.Account> accounts = new ArrayList<>();
        for (int from = 0; from < options.connections(); from += BATCH) {
            List<CompletableFuture<ApiClient.Account>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(options.connections(), from + BATCH); i++) {
                batch.add(api.signIn(FaultOptions.http(edgeOf(options, i)), options.userPrefix() + "-" + i,
                        "fault-test-password"));
            }
            for (CompletableFuture<ApiClient.Account> account : batch) {
                accounts.add(account.get(60, TimeUnit.SECONDS));
            }
        }
        LOG.info("{} users signed in", accounts.size());
        List<String> rooms = new ArrayList<>();
        for (int room = 0; room < options.rooms(); room++) {
            int owner = plan.connectionOf(room, 0);
            rooms.add(api.createRoom(FaultOptions.http(edgeOf(options, owner)), accounts.get(owner).token(),
                    "faults " + options.userPrefix() + " " + room).get(60, TimeUnit.SECONDS));
        }
        LOG.info("{} rooms created", rooms.size());
        List<FaultClient> clients = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            FaultClient client = new FaultClient(i, accounts.get(i).token(), options.edges(),
                    i % options.edges().size(), container, log, timer, connector, options.ackTimeoutMillis());
            client.connect();
            clients.add(client);
        }
        LOG.info("{} clients connected", clients.size());
        // One join at a time: JoinRoom writes members and rosters from inside the entry processor, and many
        // of those at once on three members stall partition threads on each other's backups (see RESULTS.md).
        for (int room = 0; room < options.rooms(); room++) {
            for (int slot = 0; slot < options.participants(); slot++) {
                clients.get(plan.connectionOf(room, slot)).join(rooms.get(room)).get(60, TimeUnit.SECONDS);
            }
        }
        LOG.info("{} memberships joined", plan.memberships());
        return new Prepared(clients, rooms);
    }

    private static java.net.URI edgeOf(FaultOptions options, int client) {
        return options.edges().get(client % options.edges().size());
    }
}
