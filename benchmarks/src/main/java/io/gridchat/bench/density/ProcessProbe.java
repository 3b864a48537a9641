package io.gridchat.bench.density;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of another JVM on this machine: live heap after a full GC ({@code jcmd <pid> GC.class_histogram}, which
 * collects first and then counts every live object by class), resident set size and threads from
 * {@code /proc/<pid>/status}; and the machine's listen-queue overflows. Linux only; the target must run as the
 * same user. Stateless.
 */
final class ProcessProbe {
    private static final Pattern CLASS_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL_ROW = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    /** Instances and bytes of one class in a histogram. */
    record ClassUsage(String name, long instances, long bytes) {
    }

    /** One measurement; {@code classes} by name. */
    record Snapshot(long heapBytes, long rssBytes, int threads, Map<String, ClassUsage> classes) {
        /** The classes that grew most from {@code before} to this snapshot, biggest growth first. */
        List<ClassUsage> grownSince(Snapshot before, int limit) {
            return classes.values().stream().map(after -> {
                ClassUsage earlier = before.classes().getOrDefault(after.name(), new ClassUsage(after.name(), 0, 0));
                return new ClassUsage(after.name(), after.instances() - earlier.instances(),
                        after.bytes() - earlier.bytes());
            }).sorted(Comparator.comparingLong(ClassUsage::bytes).reversed()).limit(limit).toList();
        }
    }

    private ProcessProbe() {
    }

    static Snapshot take(long pid) throws IOException, InterruptedException {
        Map<String, ClassUsage> classes = new HashMap<>();
        long heap = -1;
        for (String line : jcmd(pid, "GC.class_histogram")) {
            Matcher row = CLASS_ROW.matcher(line);
            if (row.matches()) {
                classes.merge(row.group(3), new ClassUsage(row.group(3), Long.parseLong(row.group(1)),
                        Long.parseLong(row.group(2))), (a, b) -> new ClassUsage(a.name(), a.instances()
                        + b.instances(), a.bytes() + b.bytes()));
                continue;
            }
            Matcher total = TOTAL_ROW.matcher(line);
            if (total.matches()) {
                heap = Long.parseLong(total.group(2));
            }
        }
        if (heap < 0) {
            throw new IOException("jcmd " + pid + " GC.class_histogram printed no Total line");
        }
        Map<String, String> status = status(pid);
        long rssKb = Long.parseLong(status.getOrDefault("VmRSS", "-1 kB").split("\\s+")[0]);
        int threads = Integer.parseInt(status.getOrDefault("Threads", "-1"));
        return new Snapshot(heap, rssKb * 1024, threads, classes);
    }

    /**
     * TcpExt ListenOverflows of this machine (all sockets): connection attempts dropped because a listener's
     * accept queue was full, each one costing the client a SYN retransmission (a second or more); -1 if unknown.
     */
    static long listenOverflows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                List<String> names = List.of(lines.get(i).split("\\s+"));
                String[] values = lines.get(i + 1).split("\\s+");
                int index = names.indexOf("ListenOverflows");
                return index < 0 ? -1 : Long.parseLong(values[index]);
            }
        }
        return -1;
    }

    private static List<String> jcmd(long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmdBinary(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output.lines().toList();
    }

    /** The jcmd beside this JVM's java, so both come from the same JDK; else whatever is on the PATH. */
    private static String jcmdBinary() {
        return ProcessHandle.current().info().command().map(Path::of).map(java -> java.resolveSibling("jcmd"))
                .filter(Files::isExecutable).map(Path::toString).orElse("jcmd");
    }

    private static Map<String, String> status(long pid) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
