package io.gridchat.edge;

import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.spi.impl.ClientInvocationServiceImpl;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.impl.sequence.AbstractCallIdSequence;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number of calls the node's grid client has waiting, as its own limit counts them (each call and each callback
 * on a pending one). Read from the client's internals: Hazelcast offers no public view of it.
 */
final class CallsInFlight {
    private static final Logger LOG = LoggerFactory.getLogger(CallsInFlight.class);

    private CallsInFlight() {
    }

    static LongSupplier of(HazelcastInstance client) {
        if (client instanceof HazelcastClientProxy proxy
                && proxy.client.getInvocationService() instanceof ClientInvocationServiceImpl invocations
                && invocations.getCallIdSequence() instanceof AbstractCallIdSequence sequence) {
            return sequence::concurrentInvocations;
        }
        LOG.warn("cannot read the grid client's calls in flight: requests are refused only at the client's own "
                + "limit, which the node's inbox reader shares");
        return () -> 0;
    }
}
