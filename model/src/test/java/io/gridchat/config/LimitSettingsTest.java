package io.gridchat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits as config/gridchat.yaml, the environment and overrides give them. */
class LimitSettingsTest {
    @Test
    void when_nothing_is_set_then_the_documented_defaults_apply() {
        LimitSettings limits = ConfigLoader.load(Map.of(), Map.of()).limits();
        assertThat(limits.rateWindowMillis()).isEqualTo(60_000);
        assertThat(limits.messagesPerUser()).isEqualTo(100);
        assertThat(limits.apiCallsPerUser()).isEqualTo(1_000);
        assertThat(limits.connectsPerAddress()).isEqualTo(5);
        assertThat(limits.failedLoginsPerAddress()).isEqualTo(5);
        assertThat(limits.failedLoginsPerUsername()).isEqualTo(5);
        assertThat(limits.permitLeaseMax()).isEqualTo(1);
        assertThat(limits.maxConnectionsPerUser()).isEqualTo(20);
        assertThat(limits.maxRoomsPerConnection()).isEqualTo(200);
    }

    @Test
    void when_the_environment_names_a_limit_then_it_wins_and_overrides_win_over_it() {
        Map<String, String> environment = Map.of("GRIDCHAT_LIMITS_MESSAGESPERUSER", "300",
                "GRIDCHAT_LIMITS_CONNECTSPERADDRESS", "0");
        LimitSettings limits = ConfigLoader.load(environment, Map.of("limits.connectsPerAddress", "9")).limits();
        assertThat(limits.messagesPerUser()).isEqualTo(300);
        assertThat(limits.connectsPerAddress()).isEqualTo(9);
        assertThat(ConfigLoader.load(environment, Map.of()).limits().connectsPerAddress()).as("0: off").isZero();
    }

    @Test
    void when_a_limit_is_out_of_range_then_loading_fails_naming_the_key() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("limits.messagesPerUser", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("limits.messagesPerUser");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("limits.maxConnectionsPerUser", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("limits.maxConnectionsPerUser");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("limits.permitLeaseMax", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("limits.permitLeaseMax");
    }
}
