package io.gridchat.edge.ws;

import jakarta.websocket.Session;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Where one connection's text frames go. A frame sent with {@code moreFollow} may wait in the socket's
 * buffer for the next one, so a run of queued frames goes out in one write instead of one write (and one pass
 * through Jetty's flusher) per frame; the sender must send another frame after it. {@code written} gets null
 * once the frame is written or buffered, or the failure.
 */
@FunctionalInterface
public interface FrameSocket {
    void send(String frame, boolean moreFollow, Consumer<Throwable> written);

    /**
     * Jetty's own session: frames go to its core session, whose flusher gathers frames sent as a batch (the
     * Jakarta API can batch only by a mode switch and a blocking flush). Any other session: its async remote, a
     * write per frame.
     */
    static FrameSocket of(Session session) {
        if (session instanceof JakartaWebSocketSession jetty) {
            CoreSession core = jetty.getCoreSession();
            return (frame, moreFollow, written) -> core.sendFrame(new Frame(OpCode.TEXT, frame),
                    Callback.from(() -> written.accept(null), written::accept), moreFollow);
        }
        return (frame, moreFollow, written) -> session.getAsyncRemote().sendText(frame,
                result -> written.accept(result.isOK() ? null : result.getException()));
    }
}
