package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.User;

final class UserSerializer implements CompactSerializer<User> {
    @Override
    public User read(CompactReader in) {
        return new User(in.readString("userId"), in.readString("username"), in.readString("displayName"),
                in.readString("passwordHash"), in.readInt64("createdAt"));
    }

    @Override
    public void write(CompactWriter out, User user) {
        out.writeString("userId", user.userId());
        out.writeString("username", user.username());
        out.writeString("displayName", user.displayName());
        out.writeString("passwordHash", user.passwordHash());
        out.writeInt64("createdAt", user.createdAt());
    }

    @Override
    public String getTypeName() {
        return "gridchat.User";
    }

    @Override
    public Class<User> getCompactClass() {
        return User.class;
    }
}
