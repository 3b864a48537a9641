package io.gridchat.edge;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.spi.exception.RetryableException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure into what a client may see: its own errors as they are, the rest without details. */
public final class Failures {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    public static ClientError toClientError(Throwable failure, String context) {
        Throwable root = Futures.rootOf(failure);
        if (root instanceof ClientError clientError) {
            return clientError;
        }
        if (root instanceof RetryableException || root instanceof HazelcastInstanceNotActiveException
                || root instanceof TimeoutException || root instanceof RejectedExecutionException
                || root instanceof HazelcastException && isConnectionProblem(root)) {
            LOG.warn("grid unavailable for {}: {}", context, root.toString());
            return new ClientError(ErrorCode.UNAVAILABLE, "service temporarily unavailable, try again");
        }
        LOG.error("unexpected failure in {}", context, root);
        return new ClientError(ErrorCode.INTERNAL, "internal error");
    }

    private static boolean isConnectionProblem(Throwable root) {
        String name = root.getClass().getSimpleName();
        return name.contains("Offline") || name.contains("Disconnected") || name.contains("Timeout");
    }
}
