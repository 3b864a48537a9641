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
 * The HTTP calls of the drivers: register (or, for a taken name, log in), create rooms, authenticated GETs.
 * Asynchronous on the JDK client. Thread-safe. Public for the fault driver ({@code io.gridchat.bench.faults})
 * and the room benchmark ({@code io.gridchat.bench.rooms}).
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
        return createRoom(edge, token, name, "group", null);
    }

    /** Creates a room of {@code kind} ("study" or "group"); a null capacity takes the server's default. */
    public CompletableFuture<String> createRoom(URI edge, String token, String name, String kind, Integer capacity) {
        ObjectNode room = Json.object().put("name", name).put("kind", kind).put("topic", "load test");
        if (capacity != null) {
            room.put("capacity", capacity);
        }
        return post(edge, "/api/v1/rooms", token, room)
                .thenApply(response -> body(response, "creating room " + name).path("roomId").asText());
    }

    /** An authenticated GET of {@code pathAndQuery}; the caller reads the status and the body. */
    public CompletableFuture<HttpResponse<String>> get(URI edge, String pathAndQuery, String token) {
        HttpRequest request = HttpRequest.newBuilder(edge.resolve(pathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
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
