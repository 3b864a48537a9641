package io.gridchat.bench.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client WebSocket (RFC 6455) on a {@link WsClient}'s selector thread: text messages out, text messages in.
 * {@link #sendText} may be called from any thread and writes on the calling thread when nothing waits before it
 * (one {@code write} call, no hand-over); what the socket does not take waits for the selector thread. Frames
 * from the server are read and parsed on the selector thread, which answers pings and the close handshake itself.
 * Binary messages are ignored: the chat protocol has none.
 */
public final class WsConnection {
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;
    private static final int NORMAL_CLOSURE = 1000;
    private static final int NO_STATUS = 1005;
    private static final int ABNORMAL_CLOSURE = 1006;
    private static final int INITIAL_READ_BUFFER = 16 * 1024;

    private final SocketChannel channel;
    private final WsListener listener;
    /** Runs a task on this connection's selector thread. */
    private final Executor selectorThread;
    private final int maxMessageBytes;
    private final Object writeLock = new Object();
    /** Frames the socket has not taken yet, in order; guarded by {@code writeLock}. */
    private final ArrayDeque<ByteBuffer> unwritten = new ArrayDeque<>();
    private volatile SelectionKey key;
    private volatile boolean closeSent;
    private volatile boolean closed;
    /** Selector thread only from here on; {@code in} is in write mode between reads. */
    private ByteBuffer in;
    /** Size of the partial frame at the start of {@code in}, when it is larger than the buffer. */
    private int needed;
    private ByteArrayOutputStream fragments;
    private boolean fragmentsText;

    WsConnection(SocketChannel channel, WsListener listener, Executor selectorThread, int maxMessageBytes,
                 ByteBuffer alreadyRead) {
        this.channel = channel;
        this.listener = listener;
        this.selectorThread = selectorThread;
        this.maxMessageBytes = maxMessageBytes;
        this.in = ByteBuffer.allocate(Math.max(INITIAL_READ_BUFFER, alreadyRead.remaining()));
        in.put(alreadyRead);
    }

    /** Sends one text message; false when the connection is closed or closing (nothing is sent then). */
    public boolean sendText(String text) {
        return !closeSent && !closed && sendFrame(OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts the close handshake (1000); the listener hears {@code onClose} once the server answered it. */
    public void close() {
        if (closeSent || closed) {
            return;
        }
        closeSent = true;
        sendFrame(OP_CLOSE, closePayload(NORMAL_CLOSURE));
    }

    public boolean isOpen() {
        return !closed && !closeSent;
    }

    /** Selector thread: the socket is registered; frames that came with the handshake's answer are parsed. */
    void registered(SelectionKey selectionKey) {
        synchronized (writeLock) {
            this.key = selectionKey;
            if (!unwritten.isEmpty()) {
                selectionKey.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }
        in.flip();
        parse();
        in.compact();
    }

    /** Reads what the socket has and hands every whole message to the listener. Selector thread. */
    void onReadable() {
        try {
            while (true) {
                if (needed > in.capacity() || !in.hasRemaining()) {
                    growTo(Math.max(needed, in.capacity() * 2));
                }
                int read = channel.read(in);
                if (read < 0) {
                    terminate(ABNORMAL_CLOSURE, "connection closed by the server without a close frame");
                    return;
                }
                boolean filled = !in.hasRemaining();
                in.flip();
                boolean open = parse();
                in.compact();
                if (!open || !filled) {
                    return; // a read that did not fill the buffer took all the socket had
                }
            }
        } catch (IOException | RuntimeException e) {
            terminate(ABNORMAL_CLOSURE, e.toString());
        }
    }

    /** Writes what waits; stops asking for writability once nothing does. Selector thread. */
    void onWritable() {
        synchronized (writeLock) {
            try {
                writeUnwritten();
            } catch (IOException e) {
                terminate(ABNORMAL_CLOSURE, e.toString());
                return;
            }
            if (unwritten.isEmpty()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    /** Closes the socket without a handshake; the listener hears the code unless it heard one already. */
    void terminate(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        SelectionKey current = key;
        if (current != null) {
            current.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        listener.onClose(this, code, reason);
    }

    /**
     * Parses the whole frames in {@code in} (flipped); true when it stopped at a partial frame or the end (reading
     * more may complete it), false when the connection closed meanwhile.
     */
    private boolean parse() {
        needed = 0;
        while (in.remaining() >= 2 && !closed) {
            int start = in.position();
            int b0 = in.get(start) & 0xFF;
            int b1 = in.get(start + 1) & 0xFF;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            boolean masked = (b1 & 0x80) != 0;
            long length = b1 & 0x7F;
            int header = 2;
            if (length == 126) {
                if (in.remaining() < 4) {
                    return true;
                }
                length = in.getShort(start + 2) & 0xFFFF;
                header = 4;
            } else if (length == 127) {
                if (in.remaining() < 10) {
                    return true;
                }
                length = in.getLong(start + 2);
                header = 10;
            }
            int maskBytes = masked ? 4 : 0;
            if (length < 0 || length > maxMessageBytes) {
                terminate(ABNORMAL_CLOSURE, "frame of " + length + " bytes is over the limit of " + maxMessageBytes);
                return false;
            }
            int total = header + maskBytes + (int) length;
            if (in.remaining() < total) {
                needed = total;
                return true;
            }
            byte[] payload = new byte[(int) length];
            in.position(start + header + maskBytes);
            in.get(payload);
            if (masked) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= in.get(start + header + (i & 3));
                }
            }
            frame(fin, opcode, payload);
        }
        return !closed;
    }

    private void frame(boolean fin, int opcode, byte[] payload) {
        switch (opcode) {
            case OP_TEXT, OP_BINARY -> {
                if (fin) {
                    if (opcode == OP_TEXT) {
                        listener.onText(this, new String(payload, StandardCharsets.UTF_8));
                    }
                } else {
                    fragments = new ByteArrayOutputStream();
                    fragments.writeBytes(payload);
                    fragmentsText = opcode == OP_TEXT;
                }
            }
            case OP_CONTINUATION -> {
                if (fragments == null) {
                    terminate(ABNORMAL_CLOSURE, "continuation frame without a first fragment");
                    return;
                }
                if (fragments.size() + payload.length > maxMessageBytes) {
                    terminate(ABNORMAL_CLOSURE, "message over the limit of " + maxMessageBytes + " bytes");
                    return;
                }
                fragments.writeBytes(payload);
                if (fin) {
                    byte[] whole = fragments.toByteArray();
                    fragments = null;
                    if (fragmentsText) {
                        listener.onText(this, new String(whole, StandardCharsets.UTF_8));
                    }
                }
            }
            case OP_PING -> sendFrame(OP_PONG, payload);
            case OP_PONG -> {
                // we send no pings
            }
            case OP_CLOSE -> {
                int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : NO_STATUS;
                String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2,
                        StandardCharsets.UTF_8) : "";
                if (!closeSent) {
                    closeSent = true;
                    sendFrame(OP_CLOSE, closePayload(code == NO_STATUS ? NORMAL_CLOSURE : code));
                }
                terminate(code, reason);
            }
            default -> terminate(ABNORMAL_CLOSURE, "unknown opcode " + opcode);
        }
    }

    private boolean sendFrame(int opcode, byte[] payload) {
        ByteBuffer frame = encode(opcode, payload);
        synchronized (writeLock) {
            if (closed) {
                return false;
            }
            if (!unwritten.isEmpty()) {
                unwritten.addLast(frame);
                return true;
            }
            try {
                channel.write(frame);
            } catch (IOException e) {
                selectorThread.execute(() -> terminate(ABNORMAL_CLOSURE, e.toString()));
                return false;
            }
            if (frame.hasRemaining()) {
                unwritten.addLast(frame);
                SelectionKey current = key;
                if (current != null) {
                    current.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    current.selector().wakeup();
                }
            }
            return true;
        }
    }

    /** Writes waiting frames in order until the socket takes no more; under {@code writeLock}. */
    private void writeUnwritten() throws IOException {
        ByteBuffer next;
        while ((next = unwritten.peekFirst()) != null) {
            channel.write(next);
            if (next.hasRemaining()) {
                return;
            }
            unwritten.removeFirst();
        }
    }

    /** A larger {@code in} (write mode) holding the same unread bytes. */
    private void growTo(int capacity) {
        ByteBuffer larger = ByteBuffer.allocate(capacity);
        in.flip();
        larger.put(in);
        in = larger;
    }

    private static ByteBuffer encode(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            frame.put((byte) (0x80 | 126));
            frame.putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127));
            frame.putLong(length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        byte[] maskBytes = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        frame.put(maskBytes);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ maskBytes[i & 3]));
        }
        frame.flip();
        return frame;
    }

    private static byte[] closePayload(int code) {
        return new byte[]{(byte) (code >>> 8), (byte) code};
    }
}
