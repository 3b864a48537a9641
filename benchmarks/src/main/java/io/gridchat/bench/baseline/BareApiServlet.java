package io.gridchat.bench.baseline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Json;
import io.gridchat.edge.http.Bearer;
import io.gridchat.edge.http.JsonResponses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The part of {@code /api/v1} the load generator uses, with gridchat's bodies and error shapes: register,
 * log in (both answer {@code {userId, token}}) and create a room. Runs on Jetty threads; thread-safe (its only
 * state is the directory); nothing blocks but reading the small body. Public only because Jetty's servlet
 * holder requires it.
 */
public final class BareApiServlet extends HttpServlet {
    private static final int MAX_BODY_BYTES = 65536;

    private final transient BareDirectory directory;

    BareApiServlet(BareDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        JsonNode body = body(request);
        if (body == null) {
            JsonResponses.error(response, ErrorCode.BAD_REQUEST, "request body must be a JSON object");
            return;
        }
        if (path.startsWith("/auth/") && (text(body, "username").isEmpty() || text(body, "password").isEmpty())) {
            JsonResponses.error(response, ErrorCode.BAD_REQUEST, "username and password are required");
            return;
        }
        switch (path) {
            case "/auth/register" -> signIn(response, HttpServletResponse.SC_CREATED,
                    directory.register(text(body, "username"), text(body, "password")), ErrorCode.CONFLICT);
            case "/auth/login" -> signIn(response, HttpServletResponse.SC_OK,
                    directory.login(text(body, "username"), text(body, "password")), ErrorCode.UNAUTHORIZED);
            case "/rooms" -> createRoom(request, response, body);
            default -> JsonResponses.error(response, ErrorCode.NOT_FOUND, "no such endpoint: POST /api/v1" + path);
        }
    }

    private static void signIn(HttpServletResponse response, int status, Optional<String> userId, ErrorCode refusal)
            throws IOException {
        if (userId.isEmpty()) {
            JsonResponses.error(response, refusal, refusal == ErrorCode.CONFLICT ? "username is taken"
                    : "wrong username or password");
            return;
        }
        JsonResponses.write(response, status, Json.object().put("userId", userId.get()).put("token", userId.get()));
    }

    private void createRoom(HttpServletRequest request, HttpServletResponse response, JsonNode body)
            throws IOException {
        Optional<String> owner = directory.userOfToken(Bearer.token(request));
        if (owner.isEmpty()) {
            JsonResponses.error(response, ErrorCode.UNAUTHORIZED, "missing, invalid or expired token");
            return;
        }
        String kind = text(body, "kind");
        if (!"group".equals(kind) && !"study".equals(kind)) {
            JsonResponses.error(response, ErrorCode.BAD_REQUEST, "kind must be \"study\" or \"group\"");
            return;
        }
        BareRoom room = directory.createRoom(owner.get(), text(body, "name"), kind, text(body, "topic"),
                body.path("capacity").asInt(0));
        JsonResponses.write(response, HttpServletResponse.SC_CREATED, room.toJson());
    }

    private static JsonNode body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            JsonNode body = Json.MAPPER.readTree(in.readNBytes(MAX_BODY_BYTES));
            return body != null && body.isObject() ? body : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A string field, "" when missing, so lookups and comparisons need no null checks. */
    private static String text(JsonNode body, String field) {
        return body.path(field).asText("");
    }
}
