package io.gridchat.edge.auth;

import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Grid;
import io.gridchat.edge.Ids;
import io.gridchat.model.User;
import io.gridchat.model.processor.ClaimUsername;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Register, log in, look up. Usernames are unique ignoring case: a name is claimed with {@link ClaimUsername}, an
 * atomic step on the name's partition. Password hashing runs on {@code kdfExecutor}.
 * Thread-safe.
 */
public final class AccountService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    private static final int MAX_DISPLAY_NAME = 64;

    private final Grid grid;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final Executor kdfExecutor;

    public AccountService(Grid grid, PasswordHasher hasher, TokenService tokens, Executor kdfExecutor) {
        this.grid = grid;
        this.hasher = hasher;
        this.tokens = tokens;
        this.kdfExecutor = kdfExecutor;
    }

    /** Session of a signed-in user: their id and a fresh token. */
    public record SignedIn(String userId, String token) {
    }

    public CompletionStage<SignedIn> register(String username, String password, String displayName) {
        validateUsername(username);
        validatePassword(password);
        String shownName = displayName == null || displayName.isBlank() ? username : displayName.strip();
        if (shownName.length() > MAX_DISPLAY_NAME) {
            throw ClientError.badRequest("displayName is longer than " + MAX_DISPLAY_NAME + " characters");
        }
        String userId = Ids.newId('u');
        return CompletableFuture.supplyAsync(() -> hasher.hash(password), kdfExecutor)
                .thenCompose(hash -> grid.usernames().submitToKey(normalize(username), new ClaimUsername(userId))
                        .thenCompose(holder -> {
                            if (!userId.equals(holder)) {
                                throw new ClientError(ErrorCode.CONFLICT, "username is taken");
                            }
                            User user = new User(userId, username, shownName, hash, System.currentTimeMillis());
                            return grid.users().setAsync(userId, user);
                        }))
                .thenApply(ignored -> new SignedIn(userId, tokens.issue(userId)));
    }

    public CompletionStage<SignedIn> login(String username, String password) {
        if (username == null || password == null || !USERNAME.matcher(username).matches()
                || password.length() > 128) {
            return CompletableFuture.failedFuture(wrongCredentials());
        }
        return grid.usernames().getAsync(normalize(username))
                .thenCompose(userId -> userId == null ? CompletableFuture.completedFuture(null)
                        : grid.users().getAsync(userId))
                .thenApplyAsync(user -> {
                    if (user == null) {
                        hasher.verifyDecoy(password);
                        throw wrongCredentials();
                    }
                    if (!hasher.verify(password, user.passwordHash())) {
                        throw wrongCredentials();
                    }
                    return new SignedIn(user.userId(), tokens.issue(user.userId()));
                }, kdfExecutor);
    }

    public CompletionStage<User> user(String userId) {
        return grid.users().getAsync(userId).thenApply(user -> {
            if (user == null) {
                throw new ClientError(ErrorCode.NOT_FOUND, "no such user");
            }
            return user;
        });
    }

    private static ClientError wrongCredentials() {
        return new ClientError(ErrorCode.UNAUTHORIZED, "wrong username or password");
    }

    private static String normalize(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static void validateUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ClientError.badRequest("username must be 3 to 32 of a-z A-Z 0-9 _ . -");
        }
    }

    private static void validatePassword(String password) {
        if (password == null || password.length() < 8 || password.length() > 128) {
            throw ClientError.badRequest("password must be 8 to 128 characters");
        }
    }
}
