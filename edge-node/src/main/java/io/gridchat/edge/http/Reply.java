package io.gridchat.edge.http;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP status and JSON body (null for none). */
record Reply(int status, JsonNode body) {
    static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    static Reply created(JsonNode body) {
        return new Reply(201, body);
    }

    static Reply noContent() {
        return new Reply(204, null);
    }
}
