package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.FriendList;
import java.util.Arrays;

final class FriendListSerializer implements CompactSerializer<FriendList> {
    @Override
    public FriendList read(CompactReader in) {
        return new FriendList(in.readString("userId"), Arrays.asList(in.readArrayOfString("friendIds")));
    }

    @Override
    public void write(CompactWriter out, FriendList friends) {
        out.writeString("userId", friends.userId());
        out.writeArrayOfString("friendIds", friends.friendIds().toArray(String[]::new));
    }

    @Override
    public String getTypeName() {
        return "gridchat.FriendList";
    }

    @Override
    public Class<FriendList> getCompactClass() {
        return FriendList.class;
    }
}
