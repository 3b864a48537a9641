package io.gridchat.jet.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.test.TestSources;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.MapNames;
import io.gridchat.model.serial.ModelSerialization;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The edge-inbox sink on an in-process member, writing to a real reliable topic. */
class EdgeInboxSinkTest {
    private static final int MESSAGES = 20_000;
    private static HazelcastInstance member;

    @BeforeAll
    static void start() {
        Config config = new Config().setClusterName("edge-inbox-sink-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(36_701).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getJetConfig().setEnabled(true);
        config.getRingbufferConfig(MapNames.EDGE_INBOX_PREFIX + "*").setCapacity(MESSAGES);
        ModelSerialization.register(config.getSerializationConfig());
        member = Hazelcast.newHazelcastInstance(config);
    }

    @AfterAll
    static void stop() {
        member.shutdown();
    }

    @Test
    void when_more_deliveries_for_one_edge_arrive_than_one_ringbuffer_batch_takes_then_all_reach_its_inbox_in_order() {
        List<Long> received = new CopyOnWriteArrayList<>();
        member.<EdgeDelivery>getReliableTopic(MapNames.edgeInbox("edgeA"))
                .addMessageListener(message -> received.add(message.getMessageObject().message().seq()));
        Pipeline pipeline = Pipeline.create().setPreserveOrder(true);
        pipeline.readFrom(TestSources.items(LongStream.rangeClosed(1, MESSAGES).boxed().toList()))
                .map(seq -> new EdgeDelivery("edgeA",
                        new ChatMessage("r1", seq, "r1-" + seq, "ann", "text " + seq, seq, null), List.of("ben")))
                .writeTo(EdgeInboxSink.sink());

        Job job = member.getJet().newJob(pipeline);
        job.join();

        // A sink inbox of 1,024 items for one edge used to fail the job: the ringbuffer takes at most 1,000.
        assertThat(job.getStatus()).isEqualTo(JobStatus.COMPLETED);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= MESSAGES);
        assertThat(received).containsExactlyElementsOf(LongStream.rangeClosed(1, MESSAGES).boxed().toList());
    }
}
