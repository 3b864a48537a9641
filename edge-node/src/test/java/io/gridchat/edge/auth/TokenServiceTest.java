package io.gridchat.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key rotation: tokens signed with a previous key stay valid, new ones are signed with the current key. */
class TokenServiceTest {
    private static final String OLD_KEY = "old-key-old-key-old-key-old-key-old-key";
    private static final String NEW_KEY = "new-key-new-key-new-key-new-key-new-key";

    @Test
    void when_the_key_is_rotated_then_tokens_of_the_previous_key_still_verify_and_new_ones_use_the_new_key() {
        TokenService before = new TokenService(OLD_KEY, 3600, Clock.systemUTC());
        TokenService rotated = new TokenService(NEW_KEY, List.of(OLD_KEY), 3600, Clock.systemUTC());
        TokenService afterOldKeyDropped = new TokenService(NEW_KEY, 3600, Clock.systemUTC());
        String issuedBefore = before.issue("u1");
        String issuedAfter = rotated.issue("u2");

        assertThat(rotated.parse(issuedBefore).map(TokenService.Token::userId)).contains("u1");
        assertThat(rotated.parse(issuedAfter).map(TokenService.Token::userId)).contains("u2");
        assertThat(before.parse(issuedAfter).map(TokenService.Token::userId)).as("signed with the new key").isEmpty();
        assertThat(afterOldKeyDropped.parse(issuedBefore).map(TokenService.Token::userId)).isEmpty();
        assertThat(rotated.parse(issuedAfter).orElseThrow().tokenId()).isNotBlank()
                .isNotEqualTo(rotated.parse(rotated.issue("u2")).orElseThrow().tokenId());
    }
}
