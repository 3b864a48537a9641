package io.gridchat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token lifetime's range: short enough for a test to watch a token expire, never zero. */
class AuthSettingsTest {
    @Test
    void when_the_token_lifetime_is_below_the_minimum_then_loading_fails_naming_the_key() {
        assertThat(ConfigLoader.load(Map.of(), Map.of()).auth().tokenTtlSeconds()).isEqualTo(86_400);
        assertThat(ConfigLoader.load(Map.of(), Map.of("auth.tokenTtlSeconds", "5")).auth().tokenTtlSeconds())
                .isEqualTo(AuthSettings.MIN_TOKEN_TTL_SECONDS);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("auth.tokenTtlSeconds", "4")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.tokenTtlSeconds")
                .hasMessageContaining("at least 5 seconds");
    }
}
