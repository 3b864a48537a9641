package io.gridchat.edge;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The WebSocket clients a test opened; closed after each test. Register with {@code @RegisterExtension}. */
final class OpenSockets implements AfterEachCallback {
    private final List<WsClient> open = new CopyOnWriteArrayList<>();

    WsClient connect(URI uri) {
        WsClient client = WsClient.connect(uri);
        open.add(client);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(WsClient::close);
        open.clear();
    }
}
