package io.gridchat.jet.delivery;

import io.gridchat.model.ChatMessage;
import io.gridchat.model.Connection;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.Roster;
import io.gridchat.model.UserSessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Splits one message into each edge node's share: the recipients whose connections that node holds. */
final class EdgeShares {
    private EdgeShares() {
    }

    static List<EdgeDelivery> split(ChatMessage message, Roster roster, Map<String, UserSessions> sessions) {
        Map<String, Set<String>> usersByEdge = new LinkedHashMap<>();
        for (String userId : roster.userIds()) {
            UserSessions userSessions = sessions.get(userId);
            if (userSessions == null) {
                continue;
            }
            for (Connection connection : userSessions.connections()) {
                usersByEdge.computeIfAbsent(connection.edgeId(), edge -> new LinkedHashSet<>()).add(userId);
            }
        }
        List<EdgeDelivery> shares = new ArrayList<>(usersByEdge.size());
        usersByEdge.forEach((edgeId, userIds) -> shares.add(new EdgeDelivery(edgeId, message, List.copyOf(userIds))));
        return shares;
    }
}
