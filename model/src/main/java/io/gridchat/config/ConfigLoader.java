package io.gridchat.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link GridchatConfig} from, in rising precedence: the defaults shipped in the jar
 * ({@code config/gridchat.yaml}), the file named by {@code GRIDCHAT_CONFIG} (or {@code ./config/gridchat.yaml}
 * when present), environment variables {@code GRIDCHAT_<SECTION>_<KEY>} (upper case, e.g.
 * {@code GRIDCHAT_EDGE_PORT}), system properties {@code gridchat.<section>.<key>}, and explicit overrides
 * (tests). Lists take comma-separated values. Only keys the defaults define are accepted. Thread-safe.
 */
public final class ConfigLoader {
    private static final String DEFAULTS = "config/gridchat.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private ConfigLoader() {
    }

    public static GridchatConfig load() {
        return load(System.getenv(), Map.of());
    }

    public static GridchatConfig load(Map<String, String> overrides) {
        return load(System.getenv(), overrides);
    }

    static GridchatConfig load(Map<String, String> environment, Map<String, String> overrides) {
        ObjectNode tree = readDefaults();
        Path file = Path.of(environment.getOrDefault("GRIDCHAT_CONFIG", "config/gridchat.yaml"));
        if (Files.isRegularFile(file)) {
            merge(tree, readFile(file), "");
        }
        for (String key : leafKeys(tree, "")) {
            String fromEnv = environment.get("GRIDCHAT_" + key.replace('.', '_').toUpperCase(Locale.ROOT));
            if (fromEnv != null) {
                set(tree, key, fromEnv);
            }
            String fromProperty = System.getProperty("gridchat." + key);
            if (fromProperty != null) {
                set(tree, key, fromProperty);
            }
        }
        overrides.forEach((key, value) -> set(tree, key, value));
        try {
            return YAML.treeToValue(tree, GridchatConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof ConfigException ? e.getCause() : e;
            throw new ConfigException("invalid gridchat configuration: " + cause.getMessage(), cause);
        }
    }

    private static ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new ConfigException("defaults " + DEFAULTS + " missing from the classpath");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + DEFAULTS, e);
        }
    }

    private static JsonNode readFile(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file, e);
        }
    }

    private static void merge(ObjectNode target, JsonNode source, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode existing = target.get(field.getKey());
            if (existing == null) {
                throw new ConfigException("unknown config key " + key);
            }
            if (existing.isObject()) {
                merge((ObjectNode) existing, field.getValue(), key + ".");
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static List<String> leafKeys(JsonNode node, String prefix) {
        List<String> keys = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                keys.addAll(leafKeys(field.getValue(), prefix + field.getKey() + "."));
            } else {
                keys.add(prefix + field.getKey());
            }
        });
        return keys;
    }

    private static void set(ObjectNode tree, String key, String value) {
        String[] path = key.split("\\.");
        ObjectNode parent = tree;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = parent.get(path[i]);
            if (child == null || !child.isObject()) {
                throw new ConfigException("unknown config key " + key);
            }
            parent = (ObjectNode) child;
        }
        String leaf = path[path.length - 1];
        JsonNode existing = parent.get(leaf);
        if (existing == null || existing.isObject()) {
            throw new ConfigException("unknown config key " + key);
        }
        if (existing.isArray()) {
            ArrayNode list = parent.putArray(leaf);
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    list.add(item.trim());
                }
            }
        } else {
            parent.put(leaf, value);
        }
    }
}
