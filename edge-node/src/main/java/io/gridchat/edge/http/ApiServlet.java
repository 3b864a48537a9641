package io.gridchat.edge.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.EdgeServices;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Failures;
import io.gridchat.edge.Json;
import io.gridchat.edge.auth.AccountService.SignedIn;
import io.gridchat.edge.auth.TokenService.Token;
import io.gridchat.edge.ratelimit.RateLimit;
import io.gridchat.edge.rooms.RoomModeration;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/*}: reads and bounds the request on the Jetty thread, then answers asynchronously when the
 * grid call completes. Every failure becomes a JSON error body; no stack trace ever reaches a client. An
 * authenticated call first takes a permit of the user's API limit; a login, of the failed-login limits. A request
 * the grid has not answered within {@code edge.httpTimeoutSeconds} gets UNAVAILABLE; its late answer is dropped.
 */
public final class ApiServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    private final transient EdgeServices services;
    private final transient ApiRoutes routes;
    private final long timeoutMillis;

    public ApiServlet(EdgeServices services, int timeoutSeconds) {
        this.services = services;
        this.routes = new ApiRoutes(services);
        this.timeoutMillis = TimeUnit.SECONDS.toMillis(timeoutSeconds);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CompletionStage<Reply> reply;
        try {
            services.grid().checkServing();
            reply = routes.route(Request.read(request, services.limits().maxHttpBodyBytes()));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(timeoutMillis);
        // Exactly one of the answer and the timeout writes the response: the first to claim it.
        AtomicBoolean claimed = new AtomicBoolean();
        async.addListener(new TimeoutAnswer(claimed));
        reply.whenComplete((result, failure) -> {
            if (!claimed.compareAndSet(false, true)) {
                LOG.debug("dropped the late answer to {} {}", request.getMethod(), request.getRequestURI());
                return;
            }
            try {
                if (failure != null) {
                    ClientError error = Failures.toClientError(failure, request.getMethod() + " "
                            + request.getRequestURI());
                    services.metrics().error(error.code());
                    JsonResponses.error(response, error);
                } else {
                    JsonResponses.write(response, result.status(), result.body());
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("could not write the response to {}", request.getRequestURI(), e);
            } finally {
                async.complete();
            }
        });
    }

    /**
     * Answers a request still waiting for the grid when its time is up with UNAVAILABLE; without it the container
     * would answer 500 with an HTML page.
     */
    private final class TimeoutAnswer implements AsyncListener {
        private final AtomicBoolean claimed;

        TimeoutAnswer(AtomicBoolean claimed) {
            this.claimed = claimed;
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (!claimed.compareAndSet(false, true)) {
                // The answer claimed it a moment before and completes the request. Should the container end the
                // request first (the answer has not called complete() yet), the answer's write fails quietly.
                return;
            }
            AsyncContext async = event.getAsyncContext();
            HttpServletRequest request = (HttpServletRequest) async.getRequest();
            LOG.warn("no answer from the grid in {} ms for {} {}", timeoutMillis, request.getMethod(),
                    request.getRequestURI());
            try {
                services.metrics().error(ErrorCode.UNAVAILABLE);
                JsonResponses.error((HttpServletResponse) async.getResponse(), ErrorCode.UNAVAILABLE,
                        "the server did not answer in time, try again");
            } finally {
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** The routes of protocol v1 that this server implements. */
    static final class ApiRoutes {
        private final EdgeServices services;

        ApiRoutes(EdgeServices services) {
            this.services = services;
        }

        CompletionStage<Reply> route(Request request) {
            if (request.is("POST", "auth", "register")) {
                return services.accounts().register(request.string("username"), request.string("password"),
                        request.string("displayName")).thenApply(signedIn -> Reply.created(session(signedIn)));
            }
            if (request.is("POST", "auth", "login")) {
                String username = request.string("username");
                String password = request.string("password");
                return services.failedLogins().attempt(request.raw().getRemoteAddr(), username,
                        () -> services.accounts().login(username, password))
                        .thenApply(signedIn -> Reply.ok(session(signedIn)));
            }
            Token token = services.tokens().parse(Bearer.token(request.raw())).orElseThrow(() ->
                    new ClientError(ErrorCode.UNAUTHORIZED, "missing, invalid or expired token"));
            String userId = token.userId();
            // the revocation look-up and the API permit run side by side: one round trip, not two
            CompletionStage<Token> notRevoked = services.revokedTokens().check(token);
            return services.rateLimits().take(RateLimit.API_CALLS, userId)
                    .thenCombine(notRevoked, (permit, valid) -> valid)
                    .thenCompose(valid -> request.is("POST", "auth", "logout")
                            ? services.revokedTokens().revoke(token).thenApply(done -> Reply.noContent())
                            : authenticated(request, userId));
        }

        private CompletionStage<Reply> authenticated(Request request, String userId) {
            if (request.is("GET", "me")) {
                return services.accounts().user(userId).thenApply(user -> Reply.ok(Json.user(user)));
            }
            if (request.path().size() >= 1 && request.path().get(0).equals("friends")) {
                return friends(request, userId);
            }
            if (request.is("POST", "rooms")) {
                return services.rooms().create(userId, request.string("name"), request.string("kind"),
                        request.string("topic"), request.integer("capacity")).thenApply(view ->
                        Reply.created(Json.room(view.room(), view.participantCount())));
            }
            if (request.method().equals("PATCH") && request.path().size() == 2 && request.path().get(0).equals("rooms")) {
                return services.moderation().update(userId, request.path().get(1), request.string("name"),
                        request.string("topic")).thenCompose(room -> services.rooms().get(userId, room.roomId()))
                        .thenApply(view -> Reply.ok(Json.room(view.room(), view.participantCount())));
            }
            if (request.is("GET", "rooms")) {
                String active = request.query("active");
                if (active != null && !active.equals("true")) {
                    throw ClientError.badRequest("only active=true is supported: rooms are listed by activity");
                }
                return services.activeRooms().top(request.queryInt("limit")).thenApply(rooms ->
                        Reply.ok(Json.object().set("rooms", Json.activeRooms(rooms))));
            }
            if (request.method().equals("POST") && request.path().size() == 2 && request.path().get(0).equals("dm")) {
                return services.rooms().openDirect(userId, request.path().get(1)).thenApply(view ->
                        Reply.ok(Json.room(view.room(), view.participantCount())));
            }
            if (request.method().equals("GET") && request.path().size() == 2 && request.path().get(0).equals("rooms")) {
                return services.rooms().get(userId, request.path().get(1)).thenApply(view -> {
                    ObjectNode room = Json.room(view.room(), view.participantCount());
                    if (view.timer() != null) {
                        room.set("timer", Json.timer(view.timer(), System.currentTimeMillis()));
                    }
                    return Reply.ok(room);
                });
            }
            if (request.path().size() >= 3 && request.path().get(0).equals("rooms")
                    && !request.path().get(2).equals("messages")) {
                return roomChange(request, userId);
            }
            if (request.method().equals("GET") && request.path().size() == 3 && request.path().get(0).equals("rooms")
                    && request.path().get(2).equals("messages")) {
                String room = request.path().get(1);
                return services.receipts().shown(userId, room, services.messages().before(userId, room,
                        request.queryLong("beforeSeq"), request.queryInt("limit"))).thenApply(shown ->
                        Reply.ok(Json.object().set("messages", shown.messages())));
            }
            throw new ClientError(ErrorCode.NOT_FOUND, "no such endpoint: " + request.method() + " /api/v1/"
                    + String.join("/", request.path()));
        }

        /** Extensions: members, bans, roles, rename/topic and the study timer of one room. */
        private CompletionStage<Reply> roomChange(Request request, String userId) {
            List<String> path = request.path();
            String room = path.get(1);
            RoomModeration moderation = services.moderation();
            if (request.is("POST", "rooms", room, "members")) {
                String invited = request.string("userId");
                return moderation.invite(userId, room, invited).thenApply(done -> Reply.created(Json.object()
                        .put("roomId", room).put("userId", invited).put("role", "member")));
            }
            if (request.method().equals("DELETE") && path.size() == 4 && path.get(2).equals("members")) {
                return moderation.remove(userId, room, path.get(3), false).thenApply(done -> Reply.noContent());
            }
            if (request.method().equals("PUT") && path.size() == 5 && path.get(2).equals("members")
                    && path.get(4).equals("role")) {
                return moderation.setRole(userId, room, path.get(3), request.string("role")).thenApply(role ->
                        Reply.ok(Json.object().put("roomId", room).put("userId", path.get(3))
                                .put("role", request.string("role"))));
            }
            if (request.is("POST", "rooms", room, "bans")) {
                return moderation.remove(userId, room, request.string("userId"), true).thenApply(done ->
                        Reply.created(Json.object().put("roomId", room).put("userId", request.string("userId"))));
            }
            if (request.method().equals("DELETE") && path.size() == 4 && path.get(2).equals("bans")) {
                return moderation.liftBan(userId, room, path.get(3)).thenApply(done -> Reply.noContent());
            }
            if (request.is("POST", "rooms", room, "timer")) {
                return moderation.timer(userId, room, request.string("action"), request.longValue("durationMs"))
                        .thenApply(Reply::ok);
            }
            throw new ClientError(ErrorCode.NOT_FOUND, "no such endpoint: " + request.method() + " /api/v1/"
                    + String.join("/", path));
        }

        private CompletionStage<Reply> friends(Request request, String userId) {
            List<String> path = request.path();
            if (request.is("GET", "friends")) {
                return services.friends().friends(userId).thenApply(users ->
                        Reply.ok(Json.object().set("friends", Json.users(users))));
            }
            if (request.is("POST", "friends", "requests")) {
                return services.friends().request(userId, request.string("toUserId")).thenApply(id ->
                        Reply.created(Json.object().put("requestId", id)));
            }
            if (request.method().equals("POST") && path.size() == 4 && path.get(1).equals("requests")
                    && path.get(3).equals("accept")) {
                return services.friends().accept(userId, path.get(2)).thenApply(friend ->
                        Reply.ok(Json.object().set("friend", Json.user(friend))));
            }
            if (request.method().equals("GET") && path.size() == 3 && path.get(1).equals("mutual")) {
                return services.friends().mutual(userId, path.get(2)).thenApply(users ->
                        Reply.ok(Json.object().set("users", Json.users(users))));
            }
            if (request.method().equals("DELETE") && path.size() == 2) {
                return services.friends().unfriend(userId, path.get(1)).thenApply(done -> Reply.noContent());
            }
            throw new ClientError(ErrorCode.NOT_FOUND, "no such endpoint: " + request.method() + " /api/v1/"
                    + String.join("/", path));
        }

        private static ObjectNode session(SignedIn signedIn) {
            return Json.object().put("userId", signedIn.userId()).put("token", signedIn.token());
        }
    }
}
