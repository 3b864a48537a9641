package io.gridchat.bench.baseline;

import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.http.Bearer;
import io.gridchat.edge.http.JsonResponses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /ws?token=...}: checks the token before the upgrade (HTTP 401 otherwise), as the edge node
 * does. Runs on Jetty threads; thread-safe. Public only because Jetty's servlet holder requires it.
 */
public final class BareUpgradeServlet extends HttpServlet {
    private final transient BareDirectory directory;

    BareUpgradeServlet(BareDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            JsonResponses.error(response, ErrorCode.BAD_REQUEST, "this endpoint only accepts WebSocket upgrades");
            return;
        }
        String token = request.getParameter("token") != null ? request.getParameter("token") : Bearer.token(request);
        Optional<String> userId = directory.userOfToken(token);
        if (userId.isEmpty()) {
            JsonResponses.error(response, ErrorCode.UNAUTHORIZED, "missing, invalid or expired token");
            return;
        }
        ServerContainer container = (ServerContainer) request.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        ServerEndpointConfig endpoint = ServerEndpointConfig.Builder.create(BareEndpoint.class, "/ws")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new BareEndpoint(directory, userId.get()));
                    }
                }).build();
        try {
            container.upgradeHttpToWebSocket(request, response, endpoint, Map.of());
        } catch (DeploymentException e) {
            throw new IOException("WebSocket upgrade failed: " + e.getMessage(), e);
        }
    }
}
