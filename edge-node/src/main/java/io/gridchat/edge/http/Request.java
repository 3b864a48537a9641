package io.gridchat.edge.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** One API request, read and bounded up front: method, path segments below /api/v1, JSON body, query. */
record Request(String method, List<String> path, JsonNode body, HttpServletRequest raw) {

    private static final int DRAIN_FACTOR = 16;

    static Request read(HttpServletRequest raw, int maxBodyBytes) throws IOException {
        String info = raw.getPathInfo() == null ? "" : raw.getPathInfo();
        List<String> path = List.of(info.replaceAll("^/+|/+$", "").split("/+"));
        return new Request(raw.getMethod(), path, body(raw, maxBodyBytes), raw);
    }

    private static JsonNode body(HttpServletRequest raw, int maxBodyBytes) throws IOException {
        try (InputStream in = raw.getInputStream()) {
            if (raw.getContentLengthLong() > maxBodyBytes) {
                throw tooLarge(in, maxBodyBytes);
            }
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw tooLarge(in, maxBodyBytes);
            }
            if (bytes.length == 0) {
                return null;
            }
            try {
                return Json.MAPPER.readTree(bytes);
            } catch (JacksonException e) {
                throw ClientError.badRequest("request body is not valid JSON");
            }
        }
    }

    /**
     * The refusal of a body over the limit. What the client is still sending is read and dropped first (up to
     * {@value #DRAIN_FACTOR} times the limit), so the connection can close after the 413 instead of being reset
     * under a client that has not finished sending, which would lose the reply.
     */
    private static ClientError tooLarge(InputStream in, int maxBodyBytes) throws IOException {
        long left = (long) maxBodyBytes * DRAIN_FACTOR;
        byte[] sink = new byte[8192];
        int read;
        while (left > 0 && (read = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
            left -= read;
        }
        return new ClientError(ErrorCode.TOO_LARGE, "request body is larger than " + maxBodyBytes + " bytes");
    }

    boolean is(String expectedMethod, String... segments) {
        return method.equals(expectedMethod) && path.equals(List.of(segments));
    }

    JsonNode requireObject() {
        if (body == null || !body.isObject()) {
            throw ClientError.badRequest("request body must be a JSON object");
        }
        return body;
    }

    String string(String field) {
        JsonNode value = requireObject().get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ClientError.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    Integer integer(String field) {
        JsonNode value = requireObject().get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isInt()) {
            throw ClientError.badRequest(field + " must be an integer");
        }
        return value.asInt();
    }

    Long longValue(String field) {
        JsonNode value = requireObject().get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ClientError.badRequest(field + " must be an integer");
        }
        return value.asLong();
    }

    Long queryLong(String name) {
        String value = raw.getParameter(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ClientError.badRequest(name + " must be an integer");
        }
    }

    Integer queryInt(String name) {
        Long value = queryLong(name);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            throw ClientError.badRequest(name + " is out of range");
        }
        return value == null ? null : value.intValue();
    }

    String query(String name) {
        return raw.getParameter(name);
    }
}
