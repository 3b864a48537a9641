package io.gridchat.edge.http;

import com.fasterxml.jackson.databind.JsonNode;
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
        write(response, code.status(), Json.object().put("error", code.name()).put("message", message));
    }
}
