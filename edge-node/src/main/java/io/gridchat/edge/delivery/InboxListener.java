package io.gridchat.edge.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.topic.Message;
import io.gridchat.edge.EdgeMetrics;
import io.gridchat.edge.Json;
import io.gridchat.edge.presence.PresenceHub;
import io.gridchat.edge.ws.ChatConnection;
import io.gridchat.edge.ws.LocalConnections;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.EdgeEvent;
import jakarta.websocket.CloseReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this edge node's inbox and writes each message to the local connections of its recipients: the
 * frame is encoded once and the same string is queued on every connection. Room events that are not
 * stored (typing) arrive already encoded. Should the inbox overrun (this node fell further behind than
 * {@code grid.edgeInboxCapacity}), the deliveries it lost are gone from the inbox, and a client would only notice
 * a lost message at the next one of the same room, if any: so every connection is closed with 1013 (try again
 * later), and clients reconnect and resume, as after a slow-consumer close. Runs on the reliable topic's listener
 * thread, one message at a time, in inbox order.
 */
public final class InboxListener extends ResumableListener<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(InboxListener.class);
    /** The close reason clients get after an overrun. */
    public static final String OVERRUN_REASON = "missed live messages: reconnect and resume";

    private final LocalConnections connections;
    private final EdgeMetrics metrics;

    private final PresenceHub presence;
    private final InboxLag lag;

    public InboxListener(LocalConnections connections, EdgeMetrics metrics, PresenceHub presence, InboxLag lag) {
        this.connections = connections;
        this.metrics = metrics;
        this.presence = presence;
        this.lag = lag;
    }

    @Override
    protected void skipped(long count) {
        metrics.inboxLost(count);
        LOG.warn("this node's inbox overran: {} deliveries or room events lost; closing its {} connections so their "
                + "clients reconnect and resume", count, connections.count());
        connections.closeAll(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, OVERRUN_REASON));
    }

    @Override
    public void onMessage(Message<Object> message) {
        Object item = message.getMessageObject();
        if (item instanceof EdgeDelivery delivery) {
            deliver(delivery);
        } else if (item instanceof EdgeEvent event) {
            String reason = event.roomId().isEmpty() ? PresenceHub.FRIEND : event.roomId();
            for (String userId : event.userIds()) {
                for (ChatConnection connection : connections.of(userId)) {
                    connection.send(event.frame());
                    if (!event.watchUserId().isEmpty()) {
                        presence.watch(connection, reason, event.watchUserId());
                    }
                    if (!event.roomId().isEmpty() && event.unwatchUserId().equals(userId)) {
                        presence.leftRoom(connection, reason);
                    } else if (!event.unwatchUserId().isEmpty()) {
                        presence.unwatch(connection, reason, event.unwatchUserId());
                    }
                }
            }
        } else {
            LOG.warn("edge inbox holds an unexpected {}", item == null ? "null" : item.getClass().getName());
        }
    }

    private void deliver(EdgeDelivery delivery) {
        ChatMessage chat = delivery.message();
        metrics.inboxTaken(chat.ts());
        if (lag.watching() && newToAConnection(delivery)) {
            lag.taken(chat.ts()); // before any frame goes out, so a client answering it meets the new verdict
        }
        String frame = null;
        for (String userId : delivery.userIds()) {
            for (ChatConnection connection : connections.of(userId)) {
                if (frame == null) {
                    frame = messageFrame(chat);
                }
                connection.deliver(chat.roomId(), chat.seq(), frame);
                metrics.delivered();
            }
        }
    }

    /**
     * Only such a message tells how far behind the inbox is: after a member failure the delivery job replays
     * messages the connections already have, which are old but not late. Usually the first connection answers.
     */
    private boolean newToAConnection(EdgeDelivery delivery) {
        ChatMessage chat = delivery.message();
        for (String userId : delivery.userIds()) {
            for (ChatConnection connection : connections.of(userId)) {
                if (connection.lacks(chat.roomId(), chat.seq())) {
                    return true;
                }
            }
        }
        return false;
    }

    static String messageFrame(ChatMessage chat) {
        ObjectNode event = Json.object().put("type", "message");
        event.setAll(Json.message(chat));
        return Json.write(event);
    }
}
