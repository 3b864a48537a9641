package io.gridchat.bench.density;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The edge node's HTTP API as the density run needs it: wait until ready, register accounts, read the connection
 * gauge from /metrics. Uses the JDK's HTTP client; called from the main thread.
 */
final class EdgeApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARALLEL_REGISTRATIONS = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    EdgeApi(URI base) {
        this.base = base;
    }

    /** Polls /health/ready until it answers 200. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (send(HttpRequest.newBuilder(base.resolve("/health/ready")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("edge node " + base + " not ready within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** Registers {@code count} new users, a few at a time, and returns their tokens. */
    List<String> register(int count) throws InterruptedException {
        String run = Long.toString(System.currentTimeMillis(), 36);
        Semaphore permits = new Semaphore(PARALLEL_REGISTRATIONS);
        List<CompletableFuture<String>> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            permits.acquire();
            String body = JSON.createObjectNode().put("username", "dn" + run + "_" + i)
                    .put("password", "density-" + run + "-" + i).toString();
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/auth/register")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            tokens.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> permits.release())
                    .thenApply(EdgeApi::token));
        }
        return tokens.stream().map(CompletableFuture::join).toList();
    }

    /** The edge's gridchat_edge_connections gauge, or -1 when /metrics does not show it. */
    long serverConnections() throws InterruptedException {
        try {
            String metrics = send(HttpRequest.newBuilder(base.resolve("/metrics")).GET()).body();
            return metrics.lines().filter(line -> line.startsWith("gridchat_edge_connections "))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()))
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("register answered " + response.statusCode() + ": " + response.body());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            return body.get("token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("register answered no JSON: " + response.body(), e);
        }
    }
}
