package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.FriendRequest;

final class FriendRequestSerializer implements CompactSerializer<FriendRequest> {
    @Override
    public FriendRequest read(CompactReader in) {
        return new FriendRequest(in.readString("requestId"), in.readString("fromUserId"), in.readString("toUserId"),
                in.readInt64("createdAt"));
    }

    @Override
    public void write(CompactWriter out, FriendRequest request) {
        out.writeString("requestId", request.requestId());
        out.writeString("fromUserId", request.fromUserId());
        out.writeString("toUserId", request.toUserId());
        out.writeInt64("createdAt", request.createdAt());
    }

    @Override
    public String getTypeName() {
        return "gridchat.FriendRequest";
    }

    @Override
    public Class<FriendRequest> getCompactClass() {
        return FriendRequest.class;
    }
}
