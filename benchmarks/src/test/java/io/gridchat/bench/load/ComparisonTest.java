package io.gridchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.Json;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final String SAMPLE = """
            {"seconds": 10.02, "processes": {"member-0": {"cpu": 0.792, "user": 0.569, "system": 0.223},
            "edge-0": {"cpu": 0.831, "user": 0.386, "system": 0.445}, "generator": {"cpu": 0.394}},
            "box": {"cpus": 2, "busy": 0.99, "switchesPerSec": 46082}}""";

    @Test
    void eachProcessGetsItsCpuPerAcceptedSendAndTheServersTheirSum() throws Exception {
        JsonNode summary = Json.MAPPER.readTree("{\"acceptedSendsPerSec\": 2000.0}");

        JsonNode cpu = Comparison.perSend(Json.MAPPER.readTree(SAMPLE), summary);

        assertThat(cpu.path("processes").path("member-0").path("microsPerSend").asDouble()).isEqualTo(396.0);
        assertThat(cpu.path("processes").path("edge-0").path("microsPerSend").asDouble()).isEqualTo(415.5);
        assertThat(cpu.path("processes").path(Comparison.GENERATOR).path("microsPerSend").asDouble())
                .isEqualTo(197.0);
        assertThat(cpu.path("serversMicrosPerSend").asDouble()).isEqualTo(811.5);
    }

    @Test
    void aMissingSampleOrARunWithoutSendsIsLeftAsItIs() throws Exception {
        JsonNode empty = Json.MAPPER.readTree("{}");
        JsonNode noSends = Json.MAPPER.readTree("{\"acceptedSendsPerSec\": 0.0}");

        assertThat(Comparison.perSend(empty, Json.MAPPER.readTree("{\"acceptedSendsPerSec\": 2000.0}")))
                .isEqualTo(empty);
        assertThat(Comparison.perSend(Json.MAPPER.readTree(SAMPLE), noSends).has("serversMicrosPerSend")).isFalse();
    }
}
