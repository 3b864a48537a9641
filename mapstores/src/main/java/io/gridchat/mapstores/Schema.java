package io.gridchat.mapstores;

import io.gridchat.model.GridchatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the statements of {@code schema.sql} (next to this class): {@code --} comment lines dropped, split at ';'. */
final class Schema {
    private static final String RESOURCE = "schema.sql";

    private Schema() {
    }

    static List<String> statements() {
        String text;
        try (InputStream in = Schema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new GridchatException(RESOURCE + " missing from the classpath next to " + Schema.class.getName());
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GridchatException("cannot read " + RESOURCE, e);
        }
        StringBuilder withoutComments = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : withoutComments.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return List.copyOf(statements);
    }
}
