package io.gridchat.bench.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lean WebSocket client for the load generators: each connection is served by one of a few selector threads,
 * which read and parse its frames and call its listener; sends are written by the thread that sends. A generator
 * shares the machine with the servers it measures, so it should cost as little as it can: Jetty's client hands
 * every incoming frame from its selector to a pool thread and back (a thread wake-up and more per frame), which
 * made the generator about a third of the box's CPU in a room-operations run. Plain {@code ws://} only, text
 * messages only, no extensions. Connecting (TCP and the HTTP upgrade) blocks the caller.
 */
public final class WsClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WsClient.class);
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HANDSHAKE_BYTES = 16 * 1024;

    private final List<SelectorLoop> loops = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final int maxMessageBytes;
    private final Duration connectTimeout;

    /**
     * @param selectorThreads threads that read every connection's frames (connections are spread over them)
     * @param maxMessageBytes largest message accepted from a server; a larger one fails its connection
     */
    public WsClient(String name, int selectorThreads, int maxMessageBytes, Duration connectTimeout) throws IOException {
        if (selectorThreads < 1) {
            throw new IllegalArgumentException("selectorThreads must be at least 1: " + selectorThreads);
        }
        this.maxMessageBytes = maxMessageBytes;
        this.connectTimeout = connectTimeout;
        try {
            for (int i = 0; i < selectorThreads; i++) {
                SelectorLoop loop = new SelectorLoop(name + "-" + i);
                loops.add(loop);
                loop.thread.start();
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens a WebSocket to {@code uri} ({@code ws://host:port/path?query}); returns once the server accepted the
     * upgrade. Throws {@link WsRefusedException} when it answered anything but 101.
     */
    public WsConnection connect(URI uri, WsListener listener) throws IOException {
        if (!"ws".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only ws:// URIs: " + uri);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        SocketChannel channel = SocketChannel.open();
        try {
            Socket socket = channel.socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) connectTimeout.toMillis());
            ByteBuffer rest = handshake(socket, uri, port);
            channel.configureBlocking(false);
            SelectorLoop loop = loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
            WsConnection connection = new WsConnection(channel, listener, loop::execute, maxMessageBytes, rest);
            loop.register(channel, connection);
            return connection;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Stops the selector threads and closes every connection without a handshake. */
    @Override
    public void close() {
        loops.forEach(SelectorLoop::stop);
        for (SelectorLoop loop : loops) {
            try {
                loop.thread.join(connectTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sends the upgrade request and reads the answer's head; returns the bytes read after it (frames already). */
    private static ByteBuffer handshake(Socket socket, URI uri, int port) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[MAX_HANDSHAKE_BYTES];
        int length = 0;
        int headEnd;
        while ((headEnd = headEnd(buffer, length)) < 0) {
            if (length == buffer.length) {
                throw new IOException("upgrade answer head over " + MAX_HANDSHAKE_BYTES + " bytes");
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                throw new IOException("connection closed during the upgrade");
            }
            length += read;
        }
        String head = new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !"101".equals(status[1])) {
            throw new WsRefusedException(status.length < 2 ? lines[0] : status[1], lines[0]);
        }
        String expected = acceptOf(key);
        boolean accepted = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = colon > 0 ? lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
            if (name.equals("sec-websocket-accept")) {
                accepted = lines[i].substring(colon + 1).trim().equals(expected);
            }
        }
        if (!accepted) {
            throw new IOException("upgrade answer without the expected Sec-WebSocket-Accept");
        }
        return ByteBuffer.wrap(buffer, headEnd + 4, length - headEnd - 4);
    }

    /** Index of the blank line's {@code \r\n\r\n} ending the head, or -1. */
    private static int headEnd(byte[] buffer, int length) {
        for (int i = 0; i + 3 < length; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String acceptOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** One selector thread and the connections it serves. */
    private static final class SelectorLoop {
        private final Selector selector;
        private final Thread thread;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;

        SelectorLoop(String name) throws IOException {
            this.selector = Selector.open();
            this.thread = new Thread(this::run, name);
            thread.setDaemon(true);
        }

        void execute(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        void register(SocketChannel channel, WsConnection connection) {
            execute(() -> {
                try {
                    connection.registered(channel.register(selector, SelectionKey.OP_READ, connection));
                } catch (IOException | RuntimeException e) {
                    connection.terminate(1006, "registration failed: " + e);
                }
            });
        }

        void stop() {
            running = false;
            selector.wakeup();
        }

        private void run() {
            try {
                while (running) {
                    selector.select();
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        WsConnection connection = (WsConnection) key.attachment();
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isWritable()) {
                            connection.onWritable();
                        }
                        if (key.isValid() && key.isReadable()) {
                            connection.onReadable();
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | ClosedSelectorException e) {
                LOG.warn("selector {} failed", thread.getName(), e);
            } finally {
                for (SelectionKey key : selector.keys()) {
                    ((WsConnection) key.attachment()).terminate(1006, "client stopped");
                }
                try {
                    selector.close();
                } catch (IOException e) {
                    LOG.debug("selector {} did not close", thread.getName(), e);
                }
            }
        }
    }
}
