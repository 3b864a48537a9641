package io.gridchat.bench.faults;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scenario's acked sends and rooms on disk, so they can be checked against MySQL after the platform's final
 * flush ({@link FaultVerify}) instead of within a fixed wait. Tab-separated text: a first line
 * {@code rooms <TAB> id,id,...}, then one line per ack in {@link SendLog.Ack}'s field order.
 */
final class AckFile {
    private static final String ROOMS = "rooms";

    record Contents(List<String> rooms, List<SendLog.Ack> acks) {
    }

    private AckFile() {
    }

    static void write(Path file, List<String> rooms, List<SendLog.Ack> acks) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write(ROOMS + "\t" + String.join(",", rooms));
            out.newLine();
            for (SendLog.Ack ack : acks) {
                out.write(String.join("\t", Integer.toString(ack.sender()), ack.room(), Long.toString(ack.order()),
                        ack.clientMsgId(), ack.msgId(), Long.toString(ack.seq()), Long.toString(ack.createdNanos()),
                        Long.toString(ack.ackNanos()), Integer.toString(ack.attempts())));
                out.newLine();
            }
        }
        // A reader never sees half a file: the driver may be killed while writing.
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Contents read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith(ROOMS + "\t")) {
            throw new IOException(file + ": not an ack file (first line must be 'rooms<TAB>...')");
        }
        List<String> rooms = Arrays.stream(lines.get(0).substring(ROOMS.length() + 1).split(","))
                .filter(room -> !room.isEmpty()).toList();
        List<SendLog.Ack> acks = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            if (f.length != 9) {
                throw new IOException(file + " line " + (i + 1) + ": expected 9 fields, found " + f.length);
            }
            acks.add(new SendLog.Ack(Integer.parseInt(f[0]), f[1], Long.parseLong(f[2]), f[3], f[4],
                    Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Integer.parseInt(f[8])));
        }
        return new Contents(rooms, acks);
    }
}
