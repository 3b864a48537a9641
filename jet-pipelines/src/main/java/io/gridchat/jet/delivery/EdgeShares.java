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

    static List<Object> split(Addressed addressed, Map<String, UserSessions> sessions, boolean queueOffline) {
        ChatMessage message = addressed.message();
        Roster roster = addressed.roster();
        List<UserSessions> online = new ArrayList<>(sessions.size());
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
