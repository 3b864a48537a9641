package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.Connection;
import io.gridchat.model.UserSessions;
import java.util.Arrays;

final class UserSessionsSerializer implements CompactSerializer<UserSessions> {
    @Override
    public UserSessions read(CompactReader in) {
        return new UserSessions(in.readString("userId"),
                Arrays.asList(in.readArrayOfCompact("connections", Connection.class)));
    }

    @Override
    public void write(CompactWriter out, UserSessions sessions) {
        out.writeString("userId", sessions.userId());
        out.writeArrayOfCompact("connections", sessions.connections().toArray(Connection[]::new));
    }

    @Override
    public String getTypeName() {
        return "gridchat.UserSessions";
    }

    @Override
    public Class<UserSessions> getCompactClass() {
        return UserSessions.class;
    }
}
