package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridchat.config.AuthSettings;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.model.MapNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket outlives nothing of its token: with tokens living the shortest allowed time, an open socket is
 * closed by the server with 1008 once its token expires, and the grid forgets the connection.
 */
class TokenExpiryTest {
    /** The edge checks open connections' tokens once a second; a loaded test box may add a little. */
    private static final long MOST_LATE_MILLIS = 5_000;
    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(1, 1, Map.of("auth.tokenTtlSeconds",
                Long.toString(AuthSettings.MIN_TOKEN_TTL_SECONDS)));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void when_the_token_of_an_open_socket_expires_then_the_server_closes_it_with_1008() {
        Account kim = new ApiClient(platform.http(0)).register(ApiClient.uniqueName("kim"));
        long expiresAt = Long.parseLong(kim.token().split("\\.")[1]);
        try (WsClient socket = WsClient.connect(platform.ws(0, kim.token()))) {
            assertThat(socket.request("ping").get("type").asText()).isEqualTo("pong");

            WsClient.Close close = socket.awaitClose();
            long closedAt = System.currentTimeMillis();

            assertThat(close).isEqualTo(new WsClient.Close(1008, "token expired"));
            assertThat(closedAt).as("closed at expiry, not before").isBetween(expiresAt, expiresAt + MOST_LATE_MILLIS);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    platform.members().get(0).instance().getMap(MapNames.SESSIONS).get(kim.userId()) == null);
        }
    }
}
