package io.gridchat.edge.ws;

import io.gridchat.edge.ClientError;
import io.gridchat.edge.EdgeServices;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Failures;
import io.gridchat.edge.http.Bearer;
import io.gridchat.edge.http.JsonResponses;
import io.gridchat.edge.auth.TokenService.Token;
import io.gridchat.edge.ratelimit.RateLimit;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /ws?token=...}: authenticates before the upgrade, so a bad token is an HTTP 401 and never an
 * opened-then-closed socket. The token may also come as {@code Authorization: Bearer}. The connection is
 * registered in the grid before the upgrade completes (one grid call on this thread), so a client gets every
 * message accepted after it saw its socket open; if the grid cannot take it, the answer is 503 UNAVAILABLE.
 * Before that, the client address's connection limit (one more grid call) and, in the registration, the user's;
 * over either the answer is 429 RATE_LIMITED. Once open, the connection is closed when its token expires or is
 * revoked ({@link TokenWatch}).
 * Runs on Jetty threads.
 */
public final class UpgradeServlet extends HttpServlet {
    /** How long an upgrade waits for the connection limit's answer before the client gets UNAVAILABLE. */
    private static final long PERMIT_TIMEOUT_MILLIS = 5_000;
    private final transient EdgeServices services;
    private final transient SessionRegistry sessions;
    private final transient FrameHandler frames;

    public UpgradeServlet(EdgeServices services, SessionRegistry sessions) {
        this.services = services;
        this.sessions = sessions;
        this.frames = new FrameHandler(services);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            JsonResponses.error(response, ErrorCode.BAD_REQUEST, "this endpoint only accepts WebSocket upgrades");
            return;
        }
        Optional<Token> token = services.tokens().parse(tokenOf(request));
        if (token.isEmpty()) {
            JsonResponses.error(response, ErrorCode.UNAUTHORIZED, "missing, invalid or expired token");
            return;
        }
        ChatConnection connection = ChatEndpoint.newConnection(services, token.get());
        try {
            services.grid().checkServing();
            checkBeforeUpgrade(request.getRemoteAddr(), token.get());
            sessions.admit(connection);
        } catch (ClientError refused) {
            services.metrics().error(refused.code());
            JsonResponses.error(response, refused);
            return;
        }
        ServerContainer container = (ServerContainer) request.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        ServerEndpointConfig endpoint = ServerEndpointConfig.Builder.create(ChatEndpoint.class, "/ws")
                .configurator(new ServerEndpointConfig.Configurator() {
                    /** No permessage-deflate: it costs ~140 KB of native memory per idle connection. */
                    @Override
                    public List<Extension> getNegotiatedExtensions(List<Extension> installed,
                                                                   List<Extension> requested) {
                        return List.of();
                    }

                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new ChatEndpoint(sessions, services, frames, connection));
                    }
                }).build();
        try {
            container.upgradeHttpToWebSocket(request, response, endpoint, Map.of());
        } catch (DeploymentException | IOException | RuntimeException e) {
            sessions.unregister(connection);
            throw new IOException("WebSocket upgrade failed: " + e.getMessage(), e);
        }
        if (response.getStatus() != HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
            sessions.unregister(connection);
        }
    }

    /** The per-address connection limit, checked before anything is registered; waits on this Jetty thread. */
    /**
     * The address's connection permit and the token's revocation look-up, side by side, waited for on this
     * (upgrading) thread.
     */
    private void checkBeforeUpgrade(String address, Token token) {
        try {
            CompletableFuture.allOf(services.rateLimits().take(RateLimit.CONNECTS, address).toCompletableFuture(),
                    services.revokedTokens().check(token).toCompletableFuture())
                    .get(PERMIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw Failures.toClientError(e, "upgrade checks of " + address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientError(ErrorCode.UNAVAILABLE, "the server is stopping; try again");
        }
    }

    static String tokenOf(HttpServletRequest request) {
        String token = request.getParameter("token");
        if (token != null) {
            return token;
        }
        return Bearer.token(request);
    }
}
