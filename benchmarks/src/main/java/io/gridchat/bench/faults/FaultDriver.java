package io.gridchat.bench.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.bench.load.RoomPlan;
import io.gridchat.edge.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one fault scenario (see {@link FaultOptions#USAGE}): sets up users and rooms, sends at a
 * fixed rate through {@link FaultClient}s until {@code stop} arrives on stdin, while benchmarks/scripts/faults.sh
 * injects the fault and marks its start and end on stdin. Then waits until every send is acked and MySQL holds
 * all of them, compares (see {@link Verdict}) and prints one JSON line on stdout; progress goes to stderr.
 */
public final class FaultDriver {
    private static final Logger LOG = LoggerFactory.getLogger(FaultDriver.class);
    private static final long IDLE_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(30);
    private static final long RECEIVER_WAIT_MILLIS = 15_000;

    private FaultDriver() {
    }

    public static void main(String[] args) {
        FaultOptions options;
        try {
            options = FaultOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(FaultOptions.USAGE);
            System.exit(2);
            return;
        }
        int status = 0;
        try {
            System.out.println(Json.write(run(options)));
        } catch (Exception e) {
            LOG.error("fault run failed", e);
            status = 1;
        }
        System.exit(status);
    }

    private static ObjectNode run(FaultOptions options) throws Exception {
        String run = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        RoomPlan plan = new RoomPlan(options.connections(), options.rooms(), options.participants());
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("fault-ws");
        threads.start();
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.start();
        JakartaWebSocketClientContainer container = new JakartaWebSocketClientContainer(http);
        container.setDefaultMaxSessionIdleTimeout(IDLE_TIMEOUT_MILLIS);
        container.start();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        ExecutorService connector = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        SendLog log = new SendLog(start);
        List<FaultClient> clients = List.of();
        try {
            FaultSetup.Prepared prepared = FaultSetup.prepare(options, plan, container, log, timer, connector);
            clients = prepared.clients();
            MessageTable table = new MessageTable(options.mysqlShards(), options.mysqlUser(), options.mysqlPassword(),
                    prepared.rooms());
            List<FaultClient> all = clients;
            timer.scheduleAtFixedRate(() -> all.forEach(client -> client.checkTimeout(System.nanoTime())), 200, 200,
                    TimeUnit.MILLISECONDS);
            return measure(options, run, plan, prepared, table, log, timer);
        } finally {
            clients.forEach(FaultClient::close);
            timer.shutdownNow();
            connector.shutdownNow();
            container.stop();
            http.stop();
            threads.stop();
        }
    }

    private static ObjectNode measure(FaultOptions options, String run, RoomPlan plan, FaultSetup.Prepared prepared,
                                      MessageTable table, SendLog log, ScheduledExecutorService timer)
            throws Exception {
        OpenModelSender sender = new OpenModelSender(prepared.clients(), prepared.rooms(), plan, run, options.rate());
        Thread sending = new Thread(sender, "sender");
        long sendStart = System.nanoTime();
        log.sendingFrom(sendStart);
        sending.start();
        timer.scheduleAtFixedRate(() -> progress(log, prepared.clients(), sendStart), 1, 1, TimeUnit.SECONDS);
        LOG.info("sending {} messages/s; commands on stdin: fault-start TEXT | fault-end | stop", options.rate());
        long faultStart = 0;
        long faultEnd = 0;
        String fault = "";
        DrainWatch afterFault = null;
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            line = line.strip();
            if (line.startsWith("fault-start")) {
                faultStart = System.nanoTime();
                fault = line.substring("fault-start".length()).strip();
                LOG.info("FAULT START: {}", fault);
            } else if (line.equals("fault-end")) {
                faultEnd = System.nanoTime();
                LOG.info("FAULT END ({} ms after its start)", ms(faultEnd - faultStart));
                afterFault = DrainWatch.start(table, log.acks(), faultEnd, options.drainSeconds() + 120L);
            } else if (line.equals("stop")) {
                break;
            } else if (!line.isEmpty()) {
                LOG.warn("unknown command: {}", line);
            }
        }
        sender.stop();
        sending.join();
        long stop = System.nanoTime();
        LOG.info("sending stopped; waiting for every send to be acked and stored");
        long deadline = stop + TimeUnit.SECONDS.toNanos(options.drainSeconds());
        while (unacked(prepared.clients()) > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
        }
        long allAcked = System.nanoTime();
        DrainWatch finalDrain = DrainWatch.start(table, log.acks(), allAcked,
                Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - allAcked)));
        long finalDrainMillis = finalDrain.await();
        long drainMillis = afterFault == null ? -1 : afterFault.await();
        List<MessageTable.Row> rows = table.read();
        long behind = awaitReceivers(prepared, rows);
        List<SendLog.Ack> acks = log.acks();
        Verdict verdict = Verdict.of(acks, rows);
        if (options.acksFile() != null) {
            AckFile.write(options.acksFile(), prepared.rooms(), acks);
            LOG.info("acked sends written to {} for the final check", options.acksFile());
        }
        ObjectNode summary = summary(options, log, verdict, prepared.clients(), fault, sendStart, faultStart,
                faultEnd, stop);
        summary.put("drainMs", drainMillis).put("finalDrainMs", finalDrainMillis)
                .put("allAckedMsAfterStop", ms(allAcked - stop)).put("receiversBehind", behind);
        return summary;
    }

    private static ObjectNode summary(FaultOptions options, SendLog log, Verdict verdict, List<FaultClient> clients,
                                      String fault, long sendStart, long faultStart, long faultEnd, long stop) {
        long[] gap = log.maxAckGap();
        long maxWait = log.acks().stream().mapToLong(ack -> ack.ackNanos() - ack.createdNanos()).max().orElse(0);
        ObjectNode summary = Json.object().put("scenario", options.scenario()).put("fault", fault)
                .put("rate", options.rate()).put("rooms", options.rooms()).put("participants", options.participants())
                .put("connections", options.connections())
                .put("sendSeconds", ms(stop - sendStart) / 1000.0)
                .put("faultStartS", faultStart == 0 ? -1 : ms(faultStart - sendStart) / 1000.0)
                .put("faultEndS", faultEnd == 0 ? -1 : ms(faultEnd - sendStart) / 1000.0)
                .put("sends", log.createdCount()).put("unacked", unacked(clients))
                .put("unavailable", log.refusals("UNAVAILABLE")).put("timeouts", log.timeouts())
                .put("disconnects", log.disconnects()).put("reconnects", log.reconnects())
                .put("resumes", log.resumes())
                .put("maxSendWaitMs", ms(maxWait)).put("maxNoAckGapMs", ms(gap[0]))
                .put("maxNoAckGapEndS", gap[1] == 0 ? -1 : ms(gap[1] - sendStart) / 1000.0);
        ObjectNode refusals = summary.putObject("refusals");
        log.refusals().forEach(refusals::put);
        return verdict.putInto(summary);
    }

    /** Waits a little for every receiver to have every room's messages; returns the (client, room) pairs behind. */
    private static long awaitReceivers(FaultSetup.Prepared prepared, List<MessageTable.Row> rows)
            throws InterruptedException {
        Map<String, Long> last = new java.util.HashMap<>();
        rows.forEach(row -> last.merge(row.room(), row.seq(), Math::max));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECEIVER_WAIT_MILLIS);
        long behind;
        do {
            behind = 0;
            for (FaultClient client : prepared.clients()) {
                for (Map.Entry<String, Long> seen : client.seen().entrySet()) {
                    if (seen.getValue() < last.getOrDefault(seen.getKey(), 0L)) {
                        behind++;
                    }
                }
            }
            if (behind > 0) {
                Thread.sleep(200);
            }
        } while (behind > 0 && System.nanoTime() - deadline < 0);
        return behind;
    }

    private static long unacked(List<FaultClient> clients) {
        return clients.stream().mapToLong(FaultClient::unacked).sum();
    }

    private static void progress(SendLog log, List<FaultClient> clients, long sendStart) {
        System.err.printf("%6.1fs sends %d acked %d unacked %d refusals %s timeouts %d reconnects %d%n",
                ms(System.nanoTime() - sendStart) / 1000.0, log.createdCount(), log.ackedCount(), unacked(clients),
                log.refusals(), log.timeouts(), log.reconnects());
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
