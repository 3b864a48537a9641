package io.gridchat.edge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket from a chosen loopback source address (127.0.0.x; Linux routes all of 127/8 to
 * the loopback interface), for limits counted per client address: the JDK's HTTP and WebSocket clients cannot
 * choose theirs on Java 17. An upgrade answered 101 keeps its socket open, a live connection, until closed.
 */
final class LoopbackClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 20_000;

    /** Status, headers (names lower-cased) and the JSON body (null when none). */
    record Reply(int status, Map<String, String> headers, JsonNode body) {
    }

    private final Socket socket;
    private final Reply reply;

    private LoopbackClient(Socket socket, Reply reply) {
        this.socket = socket;
        this.reply = reply;
    }

    Reply reply() {
        return reply;
    }

    /** A WebSocket upgrade of {@code /ws} with {@code token}; close it to end a connection it opened. */
    static LoopbackClient upgrade(URI http, String sourceAddress, String token) throws IOException {
        String request = "GET /ws?token=" + token + " HTTP/1.1\r\nHost: " + http.getAuthority()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        Socket socket = open(http, sourceAddress);
        try {
            return new LoopbackClient(socket, exchange(socket, request.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A JSON POST; the connection closes after the reply. */
    static Reply post(URI http, String sourceAddress, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + http.getAuthority()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = open(http, sourceAddress)) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(head.getBytes(StandardCharsets.US_ASCII));
            request.write(body);
            return exchange(socket, request.toByteArray());
        }
    }

    private static Socket open(URI http, String sourceAddress) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress(http.getHost(), http.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static Reply exchange(Socket socket, byte[] request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        InputStream in = socket.getInputStream();
        String[] lines = readHead(in).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Reply(status, headers, length == 0 ? null : Json.MAPPER.readTree(body));
    }

    /** The status line and headers, up to the empty line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            head.write(next);
            matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.length() - 4);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
