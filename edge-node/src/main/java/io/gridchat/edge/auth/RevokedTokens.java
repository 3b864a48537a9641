package io.gridchat.edge.auth;

import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Grid;
import io.gridchat.edge.auth.TokenService.Token;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Logged-out tokens, cluster-wide: a revoked token is refused by every edge node, on HTTP and on upgrade, until
 * it would have expired anyway (then its entry expires too). One in-memory look-up by tokenId. Thread-safe.
 */
public final class RevokedTokens {
    private final Grid grid;
    private final Clock clock;

    public RevokedTokens(Grid grid, Clock clock) {
        this.grid = grid;
        this.clock = clock;
    }

    /** Revokes {@code token}; tokens of the old form (no tokenId) cannot be revoked and say so. */
    public CompletionStage<Void> revoke(Token token) {
        if (token.tokenId() == null) {
            return CompletableFuture.failedFuture(new ClientError(ErrorCode.BAD_REQUEST,
                    "this token predates logout support; it expires by itself"));
        }
        long ttlMillis = Math.max(1, token.expiresAt() - clock.millis());
        return grid.revokedTokens().setAsync(token.tokenId(), token.expiresAt(), ttlMillis, TimeUnit.MILLISECONDS);
    }

    /** Completes normally for a token that was not revoked; with UNAUTHORIZED for one that was. */
    public CompletionStage<Token> check(Token token) {
        if (token.tokenId() == null) {
            return CompletableFuture.completedFuture(token);
        }
        return grid.revokedTokens().getAsync(token.tokenId()).thenApply(revokedUntil -> {
            if (revokedUntil != null) {
                throw new ClientError(ErrorCode.UNAUTHORIZED, "missing, invalid or expired token");
            }
            return token;
        });
    }
}
