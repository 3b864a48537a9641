package io.gridchat.edge.friends;

import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Grid;
import io.gridchat.edge.Ids;
import io.gridchat.edge.Json;
import io.gridchat.model.FriendList;
import io.gridchat.model.FriendRequest;
import io.gridchat.model.User;
import io.gridchat.model.processor.ChangeFriend;
import io.gridchat.model.processor.EdgeEvents;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The friend graph: requests, accepting, unfriending, listing, mutual friends. A friendship is an entry in each
 * user's {@link FriendList}; both sides are changed by idempotent entry processors, so a retried accept or
 * unfriend repairs a half-done one. Thread-safe.
 */
public final class FriendService {
    /** Most friends one user may have (bounds list sizes, presence fan-out and the friend_lists row). */
    public static final int MAX_FRIENDS = 5_000;

    private final Grid grid;
    private final Executor blocking;

    public FriendService(Grid grid, Executor blocking) {
        this.grid = grid;
        this.blocking = blocking;
    }

    /**
     * Asks {@code toUserId} to be friends; asking again returns the same request. If they had asked first, this
     * accepts their request instead. Returns the request id.
     */
    public CompletionStage<String> request(String userId, String toUserId) {
        requireUserId(toUserId);
        if (toUserId.equals(userId)) {
            throw ClientError.badRequest("you cannot befriend yourself");
        }
        return existingUser(toUserId).thenCompose(target -> friendsOf(userId)).thenCompose(mine -> {
            if (mine.contains(toUserId)) {
                throw new ClientError(ErrorCode.CONFLICT, "already friends");
            }
            String theirs = FriendRequest.idOf(toUserId, userId);
            return grid.friendRequests().getAsync(theirs).thenCompose(reverse -> {
                if (reverse != null) {
                    return accept(userId, theirs).thenApply(friend -> theirs);
                }
                FriendRequest request = new FriendRequest(FriendRequest.idOf(userId, toUserId), userId, toUserId,
                        System.currentTimeMillis());
                return grid.friendRequests().setAsync(request.requestId(), request)
                        .thenApply(stored -> request.requestId());
            });
        });
    }

    /** Accepts a request made to {@code userId}; returns the new friend. */
    public CompletionStage<User> accept(String userId, String requestId) {
        if (!Ids.isValid(requestId)) {
            throw ClientError.badRequest("requestId must be an id");
        }
        return grid.friendRequests().getAsync(requestId).thenCompose(request -> {
            if (request == null || !request.toUserId().equals(userId)) {
                throw new ClientError(ErrorCode.NOT_FOUND, "no such friend request");
            }
            String friendId = request.fromUserId();
            return grid.friends().submitToKey(userId, ChangeFriend.add(friendId, MAX_FRIENDS))
                    .thenCombine(grid.friends().submitToKey(friendId, ChangeFriend.add(userId, MAX_FRIENDS)),
                            (mine, theirs) -> {
                                if (!mine || !theirs) {
                                    throw new ClientError(ErrorCode.CONFLICT, "a friend list is full ("
                                            + MAX_FRIENDS + ")");
                                }
                                return friendId;
                            })
                    .thenCompose(friend -> grid.friendRequests().removeAsync(requestId))
                    .thenCompose(removed -> {
                        tellFriends(userId, friendId);
                        tellFriends(friendId, userId);
                        return existingUser(friendId);
                    });
        });
    }

    /**
     * The connections of {@code userId}, on whatever edge node, get a {@code friend} event and watch the new
     * friend's presence from now on. Best effort: a connection that misses it sees the friend on its next start.
     */
    private void tellFriends(String userId, String friendId) {
        tell(userId, friendId, "added", friendId, "");
    }

    private void tell(String userId, String friendId, String state, String watch, String unwatch) {
        String frame = Json.write(Json.object().put("type", "friend").put("user", friendId).put("state", state));
        grid.sessions().getAsync(userId).thenAccept(sessions -> {
            if (sessions != null) {
                EdgeEvents.publish(grid.client(), "", frame, List.of(sessions), watch, unwatch);
            }
        });
    }

    /**
     * Ends a friendship on both sides; nothing to end is fine. The connections of both get a {@code friend}
     * event with state {@code removed} and stop watching each other's presence (unless they share a room).
     */
    public CompletionStage<Void> unfriend(String userId, String friendId) {
        requireUserId(friendId);
        return grid.friends().submitToKey(userId, ChangeFriend.remove(friendId))
                .thenCombine(grid.friends().submitToKey(friendId, ChangeFriend.remove(userId)), (mine, theirs) -> {
                    if (mine || theirs) {
                        tell(userId, friendId, "removed", "", friendId);
                        tell(friendId, userId, "removed", "", userId);
                    }
                    return null;
                });
    }

    public CompletionStage<List<User>> friends(String userId) {
        return friendsOf(userId).thenCompose(list -> users(list.friendIds()));
    }

    /** Friends {@code userId} and {@code otherId} have in common. */
    public CompletionStage<List<User>> mutual(String userId, String otherId) {
        requireUserId(otherId);
        return friendsOf(userId).thenCombine(friendsOf(otherId), (mine, theirs) -> {
            Set<String> common = new LinkedHashSet<>(mine.friendIds());
            common.retainAll(theirs.friendIds());
            return List.copyOf(common);
        }).thenCompose(this::users);
    }

    public CompletionStage<FriendList> friendsOf(String userId) {
        return grid.friends().getAsync(userId).thenApply(list -> list == null ? FriendList.empty(userId) : list);
    }

    private CompletionStage<List<User>> users(List<String> userIds) {
        if (userIds.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.supplyAsync(() -> {
            Map<String, User> found = grid.users().getAll(new LinkedHashSet<>(userIds));
            List<User> ordered = new ArrayList<>(found.size());
            userIds.forEach(id -> {
                if (found.containsKey(id)) {
                    ordered.add(found.get(id));
                }
            });
            return ordered;
        }, blocking);
    }

    private CompletionStage<User> existingUser(String userId) {
        return grid.users().getAsync(userId).thenApply(user -> {
            if (user == null) {
                throw new ClientError(ErrorCode.NOT_FOUND, "no such user");
            }
            return user;
        });
    }

    private static void requireUserId(String userId) {
        if (!Ids.isValid(userId)) {
            throw ClientError.badRequest("userId must be an id of 1 to 64 of A-Z a-z 0-9 _ -");
        }
    }
}
