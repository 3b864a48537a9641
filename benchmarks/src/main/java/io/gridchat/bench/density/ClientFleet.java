package io.gridchat.bench.density;

import io.gridchat.grid.DaemonTimer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the density run: one Jetty WebSocket client per local source address (127.0.1.1, 127.0.1.2,
 * ...; each HttpClient binds its sockets to one, so each address brings its own ephemeral port range), sharing
 * one thread pool, scheduler and buffer pool. Opens connections a bounded number at a time and makes each ping
 * at a fixed rate from a random first moment. {@link #close()} aborts every connection. Thread-safe.
 */
final class ClientFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientFleet.class);
    private static final int FIRST_SOURCE = (127 << 24) | (1 << 8) | 1;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final DensityOptions options;
    private final QueuedThreadPool threads = new QueuedThreadPool(64);
    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("density-scheduler", true);
    private final ByteBufferPool buffers = new ArrayByteBufferPool();
    private final WebSocketComponents components = new WebSocketComponents(null, null, buffers, null, null, threads);
    private final List<WebSocketCoreClient> clients = new ArrayList<>();
    private final ScheduledExecutorService pinger = DaemonTimer.named("density-pinger");
    private final Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();

    private ClientFleet(DensityOptions options) {
        this.options = options;
        // The edge closes a connection idle for edge.idleTimeoutSeconds; the client must not close first.
        configuration.setIdleTimeout(options.ping().multipliedBy(4));
    }

    static ClientFleet start(DensityOptions options) throws Exception {
        ClientFleet fleet = new ClientFleet(options);
        try {
            fleet.threads.setName("density-client");
            fleet.threads.start();
            fleet.scheduler.start();
            fleet.components.start();
            for (int i = 0; i < options.sourceAddresses(); i++) {
                fleet.clients.add(fleet.client(sourceAddress(i)));
            }
            return fleet;
        } catch (Exception e) {
            fleet.close();
            throw e;
        }
    }

    private WebSocketCoreClient client(InetAddress source) throws Exception {
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setScheduler(scheduler);
        http.setByteBufferPool(buffers);
        http.setBindAddress(new InetSocketAddress(source, 0));
        http.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        // Upgrades are HTTP requests; a bounded number run at once, the rest must not be refused by the queue.
        http.setMaxConnectionsPerDestination(options.inFlight());
        http.setMaxRequestsQueuedPerDestination(options.inFlight() * 2);
        WebSocketCoreClient client = new WebSocketCoreClient(http, components);
        client.start();
        return client;
    }

    private static InetAddress sourceAddress(int index) throws UnknownHostException {
        int address = FIRST_SOURCE + index;
        return InetAddress.getByAddress(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16),
            (byte) (address >>> 8), (byte) address});
    }

    /**
     * Opens {@code count} connections, at most {@code inFlight} attempts at once; connection i uses source address
     * i / perAddress and token {@code tokens.apply(i)}. Returns the open ones once every attempt has ended.
     */
    List<IdleConnection> open(int count, IntFunction<String> tokens, IdleConnection.Counters counters)
            throws InterruptedException {
        Semaphore attempts = new Semaphore(options.inFlight());
        CountDownLatch ended = new CountDownLatch(count);
        List<IdleConnection> open = Collections.synchronizedList(new ArrayList<>(count));
        AtomicBoolean failureLogged = new AtomicBoolean();
        for (int i = 0; i < count; i++) {
            attempts.acquire();
            IdleConnection connection = new IdleConnection(counters);
            CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(clients.get(i / options.perAddress()),
                    options.webSocket(tokens.apply(i)), connection);
            request.setConfiguration(configuration);
            request.timeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (options.deflate()) {
                request.addExtensions("permessage-deflate");
            }
            try {
                clients.get(i / options.perAddress()).connect(request).whenComplete((session, failure) -> {
                    attempts.release();
                    if (failure == null) {
                        open.add(connection);
                        long first = ThreadLocalRandom.current().nextLong(options.ping().toMillis());
                        pinger.scheduleAtFixedRate(connection::ping, first, options.ping().toMillis(),
                                TimeUnit.MILLISECONDS);
                    } else if (failureLogged.compareAndSet(false, true)) {
                        LOG.warn("a connection failed (only the first failure is logged): {}", failure.toString());
                    }
                    ended.countDown();
                });
            } catch (IOException e) {
                attempts.release();
                ended.countDown();
                LOG.warn("connection {} could not start: {}", i, e.toString());
            }
            if ((i + 1) % 10_000 == 0) {
                LOG.info("{} of {} connection attempts started, {} open", i + 1, count, open.size());
            }
        }
        ended.await();
        return new ArrayList<>(open);
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        for (WebSocketCoreClient client : clients) {
            stop(client);
        }
        stop(components);
        stop(scheduler);
        stop(threads);
    }

    private static void stop(LifeCycle component) {
        try {
            component.stop();
        } catch (Exception e) {
            LOG.warn("could not stop {}: {}", component, e.toString());
        }
    }
}
