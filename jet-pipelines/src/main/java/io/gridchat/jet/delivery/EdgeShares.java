package io.gridchat.jet.delivery;

import io.gridchat.model.ChatMessage;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.Roster;
import io.gridchat.model.UserSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits one message into each edge node's share (the recipients whose connections that node holds) and,
 * for members without any connection, offline updates. Items are {@link EdgeDelivery} or
 * {@link OfflineUpdate}.
 */
final class EdgeShares {
    private EdgeShares() {
    }

    /** {@code sessions} has the sessions of every connected member (and may have other users'). */
    static List<Object> split(ChatMessage message, Roster roster, Map<String, UserSessions> sessions,
                              boolean queueOffline) {
        List<UserSessions> online = new ArrayList<>(roster.userIds().size());
        List<String> offline = new ArrayList<>();
        for (String userId : roster.userIds()) {
            UserSessions userSessions = sessions.get(userId);
            if (userSessions == null) {
                offline.add(userId);
            } else {
                online.add(userSessions);
            }
        }
        List<Object> items = new ArrayList<>();
        UserSessions.byEdge(online).forEach((edgeId, userIds) -> items.add(new EdgeDelivery(edgeId, message, userIds)));
        if (queueOffline) {
            offline.forEach(userId -> items.add(new OfflineUpdate(userId, message)));
        }
        return items;
    }
}
