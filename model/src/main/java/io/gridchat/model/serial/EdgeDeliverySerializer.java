package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.EdgeDelivery;
import java.util.Arrays;

final class EdgeDeliverySerializer implements CompactSerializer<EdgeDelivery> {
    @Override
    public EdgeDelivery read(CompactReader in) {
        return new EdgeDelivery(in.readString("edgeId"), in.readCompact("message"),
                Arrays.asList(in.readArrayOfString("userIds")));
    }

    @Override
    public void write(CompactWriter out, EdgeDelivery delivery) {
        out.writeString("edgeId", delivery.edgeId());
        out.writeCompact("message", delivery.message());
        out.writeArrayOfString("userIds", delivery.userIds().toArray(String[]::new));
    }

    @Override
    public String getTypeName() {
        return "gridchat.EdgeDelivery";
    }

    @Override
    public Class<EdgeDelivery> getCompactClass() {
        return EdgeDelivery.class;
    }

}
