package io.gridchat.bench.db;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DbBaseline} runs, from its command line ({@code --name value}; {@code --help} lists them).
 *
 * @param messages          N, the rows each phase writes
 * @param rooms             rooms the messages are spread over (and with them over the shards)
 * @param batch             rows per multi-row INSERT (and per transaction) of the raw phase
 * @param shards            shard databases of the embedded MariaDB
 * @param mysqlShards       JDBC URLs of existing shards instead of the embedded MariaDB; empty: embedded
 * @param user              database user for {@code mysqlShards}
 * @param password          database password for {@code mysqlShards}
 * @param writeDelaySeconds grid.writeDelaySeconds for the member; null: WriteBehindRun.HOLD_DELAY_SECONDS
 * @param writeBatchSize    grid.writeBatchSize for the member; null: the configured one
 * @param memberPort        port of the Hazelcast member
 * @param deliveryJob       keep the delivery Jet job running while the write-behind queue drains
 * @param mariadbBaseDir    where the embedded MariaDB's binaries are unpacked (kept for the next run); null: a
 *                          temporary directory removed at the end
 */
record DbOptions(int messages, int rooms, int batch, int shards, List<String> mysqlShards, String user,
                 String password, Integer writeDelaySeconds, Integer writeBatchSize, int memberPort,
                 boolean deliveryJob, Path mariadbBaseDir) {
    static final String USAGE = """
            DbBaseline: raw multi-row INSERTs versus the messages MapStore's write-behind drain, on the same shards.
              --messages N             rows per phase (200000)
              --rooms N                rooms the messages are spread over (1000)
              --batch N                rows per INSERT statement and transaction in the raw phase (500)
              --shards N               shard databases of the embedded MariaDB (4)
              --mysql-shards URL,...   use these shards instead (their messages tables must be empty)
              --user NAME --password SECRET   credentials for --mysql-shards (root, empty)
              --write-delay-seconds N  the member's grid.writeDelaySeconds while it is filled (3600: nothing
                                       is written before the timed flush; shorter than the fill fails the run)
              --write-batch-size N     the member's grid.writeBatchSize (configured value)
              --member-port N          Hazelcast member port (15701)
              --delivery-job           keep the delivery Jet job running during the drain (cancelled by default)
              --mariadb-base-dir DIR   keep the embedded MariaDB's binaries here between runs
            """;

    DbOptions {
        require(messages >= 1, "--messages must be at least 1");
        require(rooms >= 1, "--rooms must be at least 1");
        require(batch >= 1, "--batch must be at least 1");
        require(shards >= 1, "--shards must be at least 1");
        mysqlShards = List.copyOf(mysqlShards);
    }

    static DbOptions parse(String[] args) {
        int messages = 200_000;
        int rooms = 1000;
        int batch = 500;
        int shards = 4;
        List<String> mysqlShards = List.of();
        String user = "root";
        String password = "";
        Integer writeDelaySeconds = null;
        Integer writeBatchSize = null;
        int memberPort = 15701;
        boolean deliveryJob = false;
        Path mariadbBaseDir = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--delivery-job")) {
                deliveryJob = true;
                continue;
            }
            require(i + 1 < args.length, "missing value for " + name + "\n" + USAGE);
            String value = args[++i];
            switch (name) {
                case "--messages" -> messages = Integer.parseInt(value);
                case "--rooms" -> rooms = Integer.parseInt(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--shards" -> shards = Integer.parseInt(value);
                case "--mysql-shards" -> mysqlShards = List.of(value.split(","));
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--write-delay-seconds" -> writeDelaySeconds = Integer.valueOf(value);
                case "--write-batch-size" -> writeBatchSize = Integer.valueOf(value);
                case "--member-port" -> memberPort = Integer.parseInt(value);
                case "--mariadb-base-dir" -> mariadbBaseDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        return new DbOptions(messages, rooms, batch, shards, mysqlShards, user, password, writeDelaySeconds,
                writeBatchSize, memberPort, deliveryJob, mariadbBaseDir);
    }

    boolean embedded() {
        return mysqlShards.isEmpty();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
