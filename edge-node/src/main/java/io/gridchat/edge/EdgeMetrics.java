package io.gridchat.edge;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.IntSupplier;

/** What an edge node counts, in its own registry (several nodes may share a JVM in tests). Thread-safe. */
public final class EdgeMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter frames;
    private final Counter errors;
    private final Counter deliveries;
    private final Histogram sendAck;
    private final Counter renewedReaders;
    private final Counter inboxLost;
    private final Counter rateLimitCalls;
    private final Histogram inboxAge;

    public EdgeMetrics(IntSupplier connections) {
        JvmMetrics.builder().register(registry);
        frames = Counter.builder().name("gridchat_edge_frames_total").help("Client frames received, by type")
                .labelNames("type").register(registry);
        errors = Counter.builder().name("gridchat_edge_errors_total").help("Error replies sent, by code")
                .labelNames("code").register(registry);
        deliveries = Counter.builder().name("gridchat_edge_deliveries_total")
                .help("Message events queued to client connections").register(registry);
        sendAck = Histogram.builder().name("gridchat_edge_send_ack_seconds")
                .help("Time from a send frame to its ack (grid accept with backup)").register(registry);
        renewedReaders = Counter.builder().name("gridchat_edge_renewed_readers_total")
                .help("Topic readers renewed after they stopped with messages waiting, by topic")
                .labelNames("topic").register(registry);
        inboxLost = Counter.builder().name("gridchat_edge_inbox_lost_total")
                .help("Inbox items (deliveries, room events) the inbox overwrote before this node read them; "
                        + "each overrun closes the node's connections so their clients resume").register(registry);
        inboxAge = Histogram.builder().name("gridchat_edge_inbox_age_seconds")
                .help("Age of a message when this node takes it from its inbox: from its accept on a grid member "
                        + "(that member's clock) through the delivery job to this node, before its frames are written")
                .register(registry);
        rateLimitCalls = Counter.builder().name("gridchat_edge_rate_limit_calls_total")
                .help("Grid calls the rate limits made, by limit and call (take: permits taken or leased; return: "
                        + "permits given back)").labelNames("limit", "call").register(registry);
        GaugeWithCallback.builder().name("gridchat_edge_connections").help("Open WebSocket connections")
                .callback(callback -> callback.call(connections.getAsInt())).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void frame(String type) {
        frames.labelValues(type).inc();
    }

    public void error(ErrorCode code) {
        errors.labelValues(code.name()).inc();
    }

    public void delivered() {
        deliveries.inc();
    }

    /** A reader of {@code topic} ("inbox", "presence") stopped with messages waiting and was renewed. */
    public void readerRenewed(String topic) {
        renewedReaders.labelValues(topic).inc();
    }

    /** The rate limiter made a grid call ({@code RateLimiter.GridCalls}). */
    public void rateLimitCall(String limit, String call) {
        rateLimitCalls.labelValues(limit, call).inc();
    }

    /** The inbox overran: {@code count} items were lost unread. */
    public void inboxLost(long count) {
        inboxLost.inc(count);
    }

    /** A message accepted at {@code acceptedAtMillis} (epoch) was taken from the inbox now. */
    public void inboxTaken(long acceptedAtMillis) {
        inboxAge.observe(Math.max(0, System.currentTimeMillis() - acceptedAtMillis) / 1e3);
    }

    public void sendAcked(long startNanos) {
        sendAck.observe((System.nanoTime() - startNanos) / 1e9);
    }
}
