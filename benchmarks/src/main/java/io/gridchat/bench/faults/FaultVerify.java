package io.gridchat.bench.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The final check of a fault run: for each scenario's {@link AckFile}, every acked send against what MySQL holds
 * once the grid members have stopped gracefully (their write-behind queues flushed), with no time limit left to
 * run out. One JSON line per file on stdout, in the {@link Verdict} terms of the driver's own line.
 *
 * <pre>FaultVerify --mysql-shards URL,URL [--mysql-user U] [--mysql-password PW] FILE...</pre>
 */
public final class FaultVerify {
    private static final String USAGE =
            "usage: FaultVerify --mysql-shards URL,URL [--mysql-user U] [--mysql-password PW] FILE...";

    private FaultVerify() {
    }

    public static void main(String[] args) throws Exception {
        List<String> shards = List.of();
        String user = "root";
        String password = "";
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 >= args.length) {
                System.err.println(args[i] + " needs a value\n" + USAGE);
                System.exit(2);
            }
            switch (args[i]) {
                case "--mysql-shards" -> shards = Arrays.stream(args[++i].split(",")).map(String::strip).toList();
                case "--mysql-user" -> user = args[++i];
                case "--mysql-password" -> password = args[++i];
                default -> files.add(Path.of(args[i]));
            }
        }
        if (shards.isEmpty() || files.isEmpty()) {
            System.err.println(USAGE);
            System.exit(2);
        }
        int status = 0;
        for (Path file : files) {
            AckFile.Contents contents = AckFile.read(file);
            List<MessageTable.Row> rows = new MessageTable(shards, user, password, contents.rooms()).read();
            Verdict verdict = Verdict.of(contents.acks(), rows);
            System.out.println(Json.write(line(file, verdict)));
            if (verdict.lost() + verdict.seqMismatch() + verdict.duplicated() + verdict.reordered() > 0) {
                status = 1;
            }
        }
        System.exit(status);
    }

    private static ObjectNode line(Path file, Verdict verdict) {
        String name = file.getFileName().toString();
        return verdict.putInto(Json.object().put("scenario", name.substring(0, name.indexOf('.')))
                .put("checked", "after the final graceful stop of the grid members"));
    }
}
