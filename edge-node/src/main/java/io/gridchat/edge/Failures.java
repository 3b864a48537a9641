package io.gridchat.edge;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.HazelcastOverloadException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
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
        if (root instanceof HazelcastOverloadException) {
            LOG.debug("grid calls at their limit for {}", context);
            return new ClientError(ErrorCode.UNAVAILABLE, "server busy, try again");
        }
        if (root instanceof RetryableException || root instanceof HazelcastInstanceNotActiveException
                || root instanceof HazelcastClientOfflineException || root instanceof OperationTimeoutException
                || root instanceof TimeoutException || root instanceof RejectedExecutionException
                || root instanceof TargetDisconnectedException || root instanceof MemberLeftException
                || root instanceof IndeterminateOperationStateException) {
            LOG.warn("grid unavailable for {}: {}", context, root.toString());
            return new ClientError(ErrorCode.UNAVAILABLE, "service temporarily unavailable, try again");
        }
        LOG.error("unexpected failure in {}", context, root);
        return new ClientError(ErrorCode.INTERNAL, "internal error");
    }
}
