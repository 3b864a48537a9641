package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.EdgeEvent;
import io.gridchat.model.MapNames;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node whose inbox hands it messages accepted longer ago than {@code edge.maxInboxLagMillis} refuses sends with
 * UNAVAILABLE and a retry hint, and accepts them again once what it takes is fresh. The late message is published
 * into the node's real inbox as the delivery job would have, only with an old accept time. A replay of messages the
 * connections already have (the delivery job after a member failure) is old but not late, and refuses nothing.
 */
@ExtendWith(SharedPlatform.class)
class InboxLagEndToEndTest {
    @Test
    void when_the_inbox_hands_out_old_messages_then_sends_are_refused_until_it_is_fresh_again(Platform platform) {
        Inbox inbox = Inbox.ofFirstNode(platform);
        long maxLag = platform.config().edge().maxInboxLagMillis();
        try (Platform.InRoom owner = platform.ownerInNewGroup("lagging")) {
            Account alice = owner.user();
            String room = owner.room();
            WsClient ws = owner.ws();
            ws.ack("send", "room", room, "text", "before");
            awaitText(ws, "before"); // its delivery is taken: it cannot come after the late one and lift the verdict

            String elsewhere = "lag-" + room; // another room, so the node's delivered seqs of alice's room stay true
            inbox.deliver(alice, new ChatMessage(elsewhere, 1, ChatMessage.msgIdOf(elsewhere, 1), "someone", "late",
                    System.currentTimeMillis() - maxLag - 5_000, null));
            awaitText(ws, "late");
            JsonNode refused = ws.request("send", "room", room, "text", "refused");
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("UNAVAILABLE");
            assertThat(refused.path("retryAfterMs").asLong()).isPositive();

            inbox.deliver(alice, new ChatMessage(elsewhere, 2, ChatMessage.msgIdOf(elsewhere, 2), "someone", "fresh",
                    System.currentTimeMillis(), null));
            awaitText(ws, "fresh");
            JsonNode accepted = ws.ack("send", "room", room, "text", "after");
            assertThat(accepted.path("seq").asLong()).as("the refused send took no seq").isEqualTo(2);
        }
    }

    @Test
    void a_replay_of_messages_the_connections_already_have_refuses_nothing(Platform platform) {
        Inbox inbox = Inbox.ofFirstNode(platform);
        long old = System.currentTimeMillis() - platform.config().edge().maxInboxLagMillis() - 5_000;
        try (Platform.InRoom owner = platform.ownerInNewGroup("replayed")) {
            Account bob = owner.user();
            String room = owner.room();
            WsClient ws = owner.ws();
            ws.ack("send", "room", room, "text", "first");
            JsonNode first = awaitText(ws, "first");

            // after a member failure the delivery job routes again what it had routed: old, but not late
            inbox.deliver(bob, new ChatMessage(room, first.get("seq").asLong(), first.get("msgId").asText(),
                    bob.userId(), "first", old, null));
            String marker = "{\"type\":\"typing\",\"room\":\"" + room + "\",\"user\":\"marker\",\"on\":true}";
            inbox.publish(new EdgeEvent(inbox.edgeId(), room, marker, List.of(bob.userId()), "", ""));
            ws.await(frame -> frame.path("user").asText().equals("marker")); // the inbox is in order: replay taken

            ws.ack("send", "room", room, "text", "second");
        }
    }

    private static JsonNode awaitText(WsClient ws, String text) {
        return ws.await(frame -> frame.path("type").asText().equals("message")
                && frame.path("text").asText().equals(text));
    }

    /** The first edge node's inbox, written to as the delivery job writes it. */
    private record Inbox(HazelcastInstance member, String edgeId) {
        static Inbox ofFirstNode(Platform platform) {
            return new Inbox(platform.members().get(0).instance(), platform.edge(0).edgeId());
        }

        void publish(Object item) {
            member.getReliableTopic(MapNames.edgeInbox(edgeId)).publish(item);
        }

        void deliver(Account recipient, ChatMessage message) {
            publish(new EdgeDelivery(edgeId, message, List.of(recipient.userId())));
        }
    }
}
