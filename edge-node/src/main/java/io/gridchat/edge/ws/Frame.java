package io.gridchat.edge.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.Ids;
import java.util.ArrayList;
import java.util.List;

/** Typed, validating access to one client frame's fields; a wrong or missing field is BAD_REQUEST. */
record Frame(String type, JsonNode id, JsonNode body) {

    static Frame of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ClientError.badRequest("a frame must be a JSON object");
        }
        JsonNode id = body.get("id");
        if (id != null && !id.isTextual() && !id.isNumber()) {
            throw ClientError.badRequest("id must be a string");
        }
        JsonNode type = body.get("type");
        if (type == null || !type.isTextual()) {
            throw new FrameError(id, ClientError.badRequest("type must be a string"));
        }
        return new Frame(type.asText(), id, body);
    }

    String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw ClientError.badRequest("missing field " + field);
        }
        return value;
    }

    String optionalString(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ClientError.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    Long optionalLong(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ClientError.badRequest(field + " must be an integer");
        }
        return value.asLong();
    }

    long requiredLong(String field) {
        Long value = optionalLong(field);
        if (value == null) {
            throw ClientError.badRequest("missing field " + field);
        }
        return value;
    }

    boolean requiredBoolean(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ClientError.badRequest("missing field " + field);
        }
        if (!value.isBoolean()) {
            throw ClientError.badRequest(field + " must be true or false");
        }
        return value.booleanValue();
    }

    /** A non-empty array of at most {@code max} ids; duplicates are kept (callers dedupe). */
    List<String> requiredIds(String field, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ClientError.badRequest("missing field " + field);
        }
        if (!value.isArray()) {
            throw ClientError.badRequest(field + " must be an array of ids");
        }
        if (value.size() > max) {
            throw ClientError.badRequest(field + " may name at most " + max);
        }
        List<String> ids = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual() || !Ids.isValid(element.asText())) {
                throw ClientError.badRequest(field + " must hold ids of 1 to 64 of A-Z a-z 0-9 _ -");
            }
            ids.add(element.asText());
        }
        return ids;
    }

    Integer optionalInt(String field) {
        Long value = optionalLong(field);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw ClientError.badRequest(field + " is out of range");
        }
        return value.intValue();
    }

    /** A frame that failed validation after its id was known, so the error can still echo the id. */
    static final class FrameError extends RuntimeException {
        private final transient JsonNode id;
        private final ClientError error;

        FrameError(JsonNode id, ClientError error) {
            super(error.getMessage(), null, false, false);
            this.id = id;
            this.error = error;
        }

        JsonNode id() {
            return id;
        }

        ClientError error() {
            return error;
        }
    }
}
