package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client of one edge node's API. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;

    public ApiClient(URI base) {
        this.base = base;
    }

    /** Status, parsed body (null when empty) and headers. */
    public record Response(int status, JsonNode body, HttpHeaders headers) {
    }

    /** A signed-in user. */
    public record Account(String userId, String token, String username) {
    }

    public Response call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
            return new Response(response.statusCode(), parsed, response.headers());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public Account register(String username) {
        ObjectNode body = Json.object().put("username", username).put("password", "correct horse " + username);
        Response response = call("POST", "/api/v1/auth/register", null, Json.write(body));
        assertThat(response.status()).as("register %s: %s", username, response.body()).isEqualTo(201);
        return new Account(response.body().get("userId").asText(), response.body().get("token").asText(), username);
    }

    public String createRoom(Account owner, String name, String kind) {
        ObjectNode body = Json.object().put("name", name).put("kind", kind);
        Response response = call("POST", "/api/v1/rooms", owner.token(), Json.write(body));
        assertThat(response.status()).as("create room: %s", response.body()).isEqualTo(201);
        return response.body().get("roomId").asText();
    }

    /** {@code from} asks {@code to} to be friends and {@code to} accepts. */
    public void befriend(Account from, Account to) {
        Response requested = call("POST", "/api/v1/friends/requests", from.token(),
                Json.write(Json.object().put("toUserId", to.userId())));
        assertThat(requested.status()).as("friend request: %s", requested.body()).isEqualTo(201);
        Response accepted = call("POST", "/api/v1/friends/requests/" + requested.body().get("requestId").asText()
                + "/accept", to.token(), null);
        assertThat(accepted.status()).as("accept: %s", accepted.body()).isEqualTo(200);
    }

    /** A username unique to this run. */
    public static String uniqueName(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }
}
