package io.gridchat.edge.http;

import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Grid;
import io.gridchat.edge.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /health/live}: the process serves HTTP. {@code /health/ready}: it is connected to the grid. */
public final class HealthServlet extends HttpServlet {
    private final transient Grid grid;

    public HealthServlet(Grid grid) {
        this.grid = grid;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/live" -> JsonResponses.write(response, 200, Json.object().put("status", "up"));
            case "/ready" -> {
                if (grid.isReady()) {
                    JsonResponses.write(response, 200, Json.object().put("status", "ready"));
                } else {
                    JsonResponses.error(response, ErrorCode.UNAVAILABLE, "not connected to the grid");
                }
            }
            default -> JsonResponses.error(response, ErrorCode.NOT_FOUND, "no such health check");
        }
    }
}
