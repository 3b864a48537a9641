package io.gridchat.edge.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes protocol JSON bodies and error bodies {@code {error, message}}. */
public final class JsonResponses {
    private JsonResponses() {
    }

    public static void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        if (body == null) {
            return;
        }
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    public static void error(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        error(response, new ClientError(code, message));
    }

    /** The error's status and body; with a retry hint also {@code Retry-After} (whole seconds, rounded up). */
    public static void error(HttpServletResponse response, ClientError error) throws IOException {
        if (error.retryAfterMs() > 0) {
            response.setHeader("Retry-After", String.valueOf((error.retryAfterMs() + 999) / 1000));
        }
        write(response, error.code().status(), error.toJson(Json.object(), "error"));
    }
}
