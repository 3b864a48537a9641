package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gridchat.edge.ApiClient.Account;
import io.gridchat.edge.ApiClient.Response;
import io.gridchat.edge.auth.TokenService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Register, login, /me and token checks on HTTP and on the WebSocket upgrade, over the real platform. */
@ExtendWith(SharedPlatform.class)
class AccountsAndAuthTest {
    private final Platform platform;
    private final ApiClient api;

    AccountsAndAuthTest(Platform platform) {
        this.platform = platform;
        this.api = new ApiClient(platform.http(0));
    }

    @Test
    void when_a_user_registers_then_login_on_another_edge_and_me_work() {
        String name = ApiClient.uniqueName("Carol");
        Account carol = api.register(name);
        ApiClient other = new ApiClient(platform.http(1));

        Response login = other.call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"" + name + "\",\"password\":\"correct horse " + name + "\"}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().get("userId").asText()).isEqualTo(carol.userId());

        Response me = other.call("GET", "/api/v1/me", login.body().get("token").asText(), null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("username").asText()).isEqualTo(name);
        assertThat(me.body().get("displayName").asText()).isEqualTo(name);
        assertThat(me.body().has("passwordHash")).isFalse();
    }

    @Test
    void when_a_username_is_taken_in_any_case_then_conflict() {
        String name = ApiClient.uniqueName("dave");
        api.register(name);
        Response again = api.call("POST", "/api/v1/auth/register", null,
                "{\"username\":\"" + name.toUpperCase() + "\",\"password\":\"another password\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("error").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void when_credentials_are_wrong_then_unauthorized_without_telling_which() {
        String name = ApiClient.uniqueName("erin");
        api.register(name);
        Response wrongPassword = api.call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"" + name + "\",\"password\":\"not the password\"}");
        Response unknownUser = api.call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"nobody" + name + "\",\"password\":\"not the password\"}");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownUser.body());
    }

    @Test
    void when_input_is_invalid_then_bad_request_with_a_clear_message() {
        assertThat(api.call("POST", "/api/v1/auth/register", null, "{\"username\":\"ab\",\"password\":\"12345678\"}")
                .status()).isEqualTo(400);
        assertThat(api.call("POST", "/api/v1/auth/register", null, "{\"username\":\"valid_name\",\"password\":\"short\"}")
                .body().get("message").asText()).contains("password");
        assertThat(api.call("POST", "/api/v1/auth/register", null, "{not json").status()).isEqualTo(400);
        assertThat(api.call("POST", "/api/v1/auth/register", null, "[]").status()).isEqualTo(400);
        Response huge = api.call("POST", "/api/v1/auth/register", null, "{\"username\":\"" + "a".repeat(70_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void when_a_call_has_no_valid_token_then_unauthorized() {
        assertThat(api.call("GET", "/api/v1/me", null, null).status()).isEqualTo(401);
        assertThat(api.call("GET", "/api/v1/me", "garbage", null).status()).isEqualTo(401);
        Account frank = api.register(ApiClient.uniqueName("frank"));
        String tampered = frank.token().substring(0, frank.token().length() - 2) + "xx";
        assertThat(api.call("GET", "/api/v1/me", tampered, null).status()).isEqualTo(401);
        assertThat(api.call("GET", "/api/v1/me", frank.token(), null).status()).isEqualTo(200);
    }

    @Test
    void when_an_upgrade_has_no_valid_token_then_it_is_refused_with_401() {
        assertThat(upgradeStatus(URI.create("ws://127.0.0.1:" + platform.edge(0).port() + "/ws"))).isEqualTo(401);
        assertThat(upgradeStatus(platform.ws(1, "not-a-token"))).isEqualTo(401);
        Account grace = api.register(ApiClient.uniqueName("grace"));
        try (WsClient ok = WsClient.connect(platform.ws(1, grace.token()))) {
            assertThat(ok.request("ping").get("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void when_a_token_is_expired_tampered_or_logged_out_then_http_and_upgrade_refuse_it_and_other_tokens_work() {
        Account ivan = api.register(ApiClient.uniqueName("ivan"));
        String secret = platform.config().auth().tokenSecret();
        String expired = new TokenService(secret, 60, Clock.fixed(Instant.now().minus(Duration.ofHours(2)),
                ZoneOffset.UTC)).issue(ivan.userId());
        String[] parts = ivan.token().split("\\.");
        String otherUser = Base64.getUrlEncoder().withoutPadding().encodeToString("someone-else".getBytes(
                StandardCharsets.UTF_8));
        String tampered = otherUser + ivan.token().substring(parts[0].length());
        String laptop = login(ivan);

        assertThat(api.call("POST", "/api/v1/auth/logout", ivan.token(), null).status()).isEqualTo(204);

        for (String refused : List.of(expired, tampered, ivan.token())) {
            assertThat(api.call("GET", "/api/v1/me", refused, null).status()).as(refused).isEqualTo(401);
            assertThat(upgradeStatus(platform.ws(0, refused))).as(refused).isEqualTo(401);
        }
        assertThat(api.call("GET", "/api/v1/me", laptop, null).status()).as("another login of the same user")
                .isEqualTo(200);
        try (WsClient stillIn = WsClient.connect(platform.ws(1, laptop))) {
            assertThat(stillIn.request("ping").get("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void when_a_user_logs_out_then_sockets_opened_with_that_token_close_on_every_edge_and_other_tokens_stay() {
        Account judy = api.register(ApiClient.uniqueName("judy"));
        String phone = login(judy);
        try (WsClient onEdge0 = WsClient.connect(platform.ws(0, judy.token()));
             WsClient onEdge1 = WsClient.connect(platform.ws(1, judy.token()));
             WsClient otherToken = WsClient.connect(platform.ws(1, phone))) {
            assertThat(onEdge1.request("ping").get("type").asText()).isEqualTo("pong");

            assertThat(api.call("POST", "/api/v1/auth/logout", judy.token(), null).status()).isEqualTo(204);

            WsClient.Close revoked = new WsClient.Close(1008, "token revoked");
            assertThat(onEdge0.awaitClose()).as("the edge that took the logout").isEqualTo(revoked);
            assertThat(onEdge1.awaitClose()).as("the other edge").isEqualTo(revoked);
            assertThat(upgradeStatus(platform.ws(1, judy.token()))).isEqualTo(401);
            // Both closes were heard, so edge 1 has handled the revocation: this socket outlived it.
            assertThat(otherToken.request("ping").get("type").asText()).as("another login of the same user")
                    .isEqualTo("pong");
            assertThat(otherToken.isClosed()).isFalse();
        }
    }

    private String login(Account account) {
        return api.call("POST", "/api/v1/auth/login", null, "{\"username\":\"" + account.username()
                + "\",\"password\":\"correct horse " + account.username() + "\"}").body().get("token").asText();
    }

    @Test
    void when_health_and_metrics_are_asked_then_they_answer_without_a_token() throws Exception {
        assertThat(api.call("GET", "/health/live", null, null).status()).isEqualTo(200);
        assertThat(api.call("GET", "/health/ready", null, null).status()).isEqualTo(200);
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                platform.http(0).resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("gridchat_edge_connections").contains("jvm_memory_used_bytes");
        assertThat(api.call("GET", "/api/v1/nowhere", api.register(ApiClient.uniqueName("hank")).token(), null)
                .status()).isEqualTo(404);
    }

    /** The HTTP status of a refused upgrade; the upgrade must be refused. */
    private static int upgradeStatus(URI uri) {
        Throwable refused = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() { }).join());
        assertThat(refused).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }
}
