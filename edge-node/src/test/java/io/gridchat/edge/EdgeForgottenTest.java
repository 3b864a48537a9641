package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.model.MapNames;
import io.gridchat.model.UserSessions;
import io.gridchat.model.processor.DropEdge;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A grid member that stalls longer than an edge node's heartbeat TTL makes the grid drop that live node's
 * connections (what its reaper does for a dead node). The node finds its heartbeat entry gone on its next beat
 * and registers its connections again, so their users go on getting live messages, and get what delivery queued
 * for them offline meanwhile.
 */
class EdgeForgottenTest {
    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(1, 1, Map.of("edge.heartbeatSeconds", "1"));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void an_edge_node_the_grid_forgot_while_it_lived_registers_its_connections_again() {
        inARoomOfTwo("still here", (alice, room, aliceWs, bobWs) -> {
            // What the grid's reaper does once the node's heartbeat entry expired (the entry goes last here, so
            // the node cannot notice before its connections are gone).
            dropTheNodesConnections();
            assertThat(member().getMap(MapNames.SESSIONS).containsKey(alice.userId())).as("dropped").isFalse();
            member().getMap(MapNames.EDGES).delete(platform.edge(0).edgeId());

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    member().getMap(MapNames.SESSIONS).containsKey(alice.userId()));
            JsonNode sent = bobWs.ack("send", "room", room, "text", "can you still hear me?");
            assertThat(aliceWs.awaitMessage(room).get("msgId").asText()).as("delivered live")
                    .isEqualTo(sent.get("msgId").asText());
        });
    }

    @Test
    void a_message_queued_offline_while_the_grid_forgot_the_node_reaches_its_connection_once_registered_again() {
        inARoomOfTwo("last word", (alice, room, aliceWs, bobWs) -> {
            dropTheNodesConnections();
            // Sent while the node's heartbeat entry still stands: the node cannot have registered again yet.
            JsonNode sent = bobWs.ack("send", "room", room, "text", "the room's last message");
            Awaitility.await("queued offline for alice").atMost(Duration.ofSeconds(20))
                    .until(() -> member().getMap(MapNames.OFFLINE).containsKey(alice.userId()));
            member().getMap(MapNames.EDGES).delete(platform.edge(0).edgeId());

            // No later message reveals a gap: the node pushes it when it registers the connection again.
            JsonNode message = aliceWs.awaitMessage(room);
            assertThat(message.get("msgId").asText()).isEqualTo(sent.get("msgId").asText());
            Awaitility.await("alice's marks cleared").atMost(Duration.ofSeconds(20))
                    .until(() -> !member().getMap(MapNames.OFFLINE).containsKey(alice.userId()));
        });
    }

    /** What the grid's reaper does to the connections of a node whose heartbeat entry expired. */
    private static void dropTheNodesConnections() {
        member().<String, UserSessions>getMap(MapNames.SESSIONS)
                .executeOnEntries(new DropEdge(platform.edge(0).edgeId()));
    }

    private static HazelcastInstance member() {
        return platform.members().get(0).instance();
    }

    /** Alice and Bob connected and joined to a new group room of Alice's while {@code body} runs. */
    private static void inARoomOfTwo(String roomName, RoomOfTwo body) {
        ApiClient api = new ApiClient(platform.http(0));
        Account alice = api.register(ApiClient.uniqueName("alice"));
        Account bob = api.register(ApiClient.uniqueName("bob"));
        String room = api.createRoom(alice, roomName, "group");
        try (WsClient aliceWs = WsClient.connect(platform.ws(0, alice.token()));
             WsClient bobWs = WsClient.connect(platform.ws(0, bob.token()))) {
            aliceWs.ack("join", "room", room);
            bobWs.ack("join", "room", room);
            body.run(alice, room, aliceWs, bobWs);
        }
    }

    @FunctionalInterface
    private interface RoomOfTwo {
        void run(Account alice, String room, WsClient aliceWs, WsClient bobWs);
    }
}
