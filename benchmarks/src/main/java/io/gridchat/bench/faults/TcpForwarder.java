package io.gridchat.bench.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on loopback that can be cut and restored, to make one MySQL shard unreachable:
 * {@code TcpForwarder LISTEN_PORT TARGET_HOST:TARGET_PORT CONTROL_PORT}. The control port takes one line per
 * connection, {@code cut} (close the listening socket, so new connections are refused, and reset every open
 * one) or {@code restore} (listen again), and answers {@code ok <state>}. Runs until killed. Thread-safe.
 */
public final class TcpForwarder {
    private static final int BUFFER = 16 * 1024;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int listenPort;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listening;

    TcpForwarder(int listenPort, InetSocketAddress target) {
        this.listenPort = listenPort;
        this.target = target;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: TcpForwarder LISTEN_PORT TARGET_HOST:TARGET_PORT CONTROL_PORT");
            System.exit(2);
        }
        String[] hostPort = args[1].split(":");
        TcpForwarder forwarder = new TcpForwarder(Integer.parseInt(args[0]),
                new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        forwarder.restore();
        try (ServerSocket control = new ServerSocket(Integer.parseInt(args[2]), 8, LOOPBACK)) {
            System.err.println("forwarding 127.0.0.1:" + args[0] + " to " + args[1] + ", control port " + args[2]);
            while (true) {
                try (Socket client = control.accept()) {
                    forwarder.command(client);
                } catch (IOException e) {
                    System.err.println("control connection failed: " + e);
                }
            }
        }
    }

    private void command(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = in.readLine();
        String command = line == null ? "" : line.strip();
        switch (command) {
            case "cut" -> cut();
            case "restore" -> restore();
            case "status" -> { }
            default -> {
                out.println("error unknown command " + command);
                return;
            }
        }
        String state = state();
        System.err.println(System.currentTimeMillis() + " " + command + ": " + state);
        out.println("ok " + state);
    }

    synchronized String state() {
        return listening == null ? "cut" : "forwarding (" + open.size() / 2 + " connections)";
    }

    /** Refuses new connections and resets the open ones (both ends see the connection drop at once). */
    synchronized void cut() throws IOException {
        if (listening != null) {
            listening.close();
            listening = null;
        }
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // already closed
            }
            closeQuietly(socket);
        }
        open.clear();
    }

    synchronized void restore() throws IOException {
        if (listening != null) {
            return;
        }
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(LOOPBACK, listenPort), 128);
        listening = server;
        Thread acceptor = new Thread(() -> accept(server), "forwarder-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed by cut()
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                synchronized (this) {
                    if (listening != server) { // cut while connecting
                        closeQuietly(client);
                        closeQuietly(upstream);
                        continue;
                    }
                    open.add(client);
                    open.add(upstream);
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the other direction or cut() closed it
            } finally {
                open.remove(from);
                open.remove(to);
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "forwarder-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
