package io.gridchat.edge;

import io.gridchat.config.LimitSettings;
import io.gridchat.edge.auth.AccountService;
import io.gridchat.edge.auth.RevokedTokens;
import io.gridchat.edge.auth.TokenService;
import io.gridchat.edge.messages.MessageService;
import io.gridchat.edge.rooms.ActiveRoomList;
import io.gridchat.edge.rooms.RoomModeration;
import io.gridchat.edge.rooms.RoomService;
import io.gridchat.edge.friends.FriendService;
import io.gridchat.edge.presence.PresenceService;
import io.gridchat.edge.ratelimit.FailedLogins;
import io.gridchat.edge.ratelimit.RateLimiter;
import io.gridchat.edge.receipts.ReceiptService;
import io.gridchat.edge.typing.TypingRelay;
import java.util.concurrent.Executor;

/** What the HTTP and WebSocket handlers of one edge node call. Immutable, thread-safe parts. */
public record EdgeServices(String edgeId, Grid grid, TokenService tokens, RevokedTokens revokedTokens,
                           AccountService accounts, RoomService rooms, ActiveRoomList activeRooms,
                           RoomModeration moderation, MessageService messages, TypingRelay typing,
                           PresenceService presence,
                           ReceiptService receipts, FriendService friends, RateLimiter rateLimits,
                           FailedLogins failedLogins, LimitSettings limits, EdgeMetrics metrics,
                           Executor frameWriters) {
}
