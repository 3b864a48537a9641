package io.gridchat.bench.load;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP calls of the setup: register (or, for a taken name, log in) and create rooms. Asynchronous on
 * the JDK client. Thread-safe. Public for the fault driver ({@code io.gridchat.bench.faults}).
 */
public final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CONFLICT = 409;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A signed-in user. */
    public record Account(String userId, String token) {
    }

    /** Registers the user; when the name is taken (an earlier run with the same prefix), logs in instead. */
    public CompletableFuture<Account> signIn(URI edge, String username, String password) {
        ObjectNode credentials = Json.object().put("username", username).put("password", password);
        return post(edge, "/api/v1/auth/register", null, credentials).thenCompose(response -> {
            if (response.statusCode() == CONFLICT) {
                return post(edge, "/api/v1/auth/login", null, credentials);
            }
            return CompletableFuture.completedFuture(response);
        }).thenApply(response -> {
            JsonNode body = body(response, "sign-in of " + username);
            return new Account(body.path("userId").asText(), body.path("token").asText());
        });
    }

    /** Creates a group room (no capacity: every participant fits) and returns its id. */
    public CompletableFuture<String> createRoom(URI edge, String token, String name) {
        ObjectNode room = Json.object().put("name", name).put("kind", "group").put("topic", "load test");
        return post(edge, "/api/v1/rooms", token, room)
                .thenApply(response -> body(response, "creating room " + name).path("roomId").asText());
    }

    private CompletableFuture<HttpResponse<String>> post(URI edge, String path, String token, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(edge.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (JacksonException e) {
            throw new IllegalStateException(what + " returned no JSON: " + response.body(), e);
        }
    }
}
