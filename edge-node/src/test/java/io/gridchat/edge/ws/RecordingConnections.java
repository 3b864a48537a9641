package io.gridchat.edge.ws;

import io.gridchat.edge.auth.TokenService.Token;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Open connections whose socket records the frames written to it, for unit tests of what the node writes where a
 * real socket cannot set the case up (the end-to-end tests use real sockets).
 */
public final class RecordingConnections {
    private RecordingConnections() {
    }

    /** An open connection of {@code userId}; every frame written to it lands in {@code written}. */
    public static ChatConnection open(String connectionId, String userId, List<String> written) {
        return open(connectionId, userId, written, null);
    }

    /** As above, with frame writers as an edge node has them (null: frames are written on the sending thread). */
    public static ChatConnection open(String connectionId, String userId, List<String> written, Executor writers) {
        ChatConnection connection = new ChatConnection(connectionId, new Token(userId, Long.MAX_VALUE, null), 100,
                100_000, (frames, roomId, seq) -> { }, writers);
        connection.attach(recordingSession(written));
        connection.releaseAllButPushing();
        return connection;
    }

    private static Session recordingSession(List<String> written) {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                RecordingConnections.class.getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2
                            && args[1] instanceof SendHandler handler) {
                        written.add((String) args[0]);
                        handler.onResult(new SendResult());
                    }
                    return null;
                });
        return (Session) Proxy.newProxyInstance(RecordingConnections.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) ->
                        method.getName().equals("getAsyncRemote") ? remote : null);
    }
}
