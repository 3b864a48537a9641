package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.edge.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The friend graph over HTTP, and presence seen through friendship, on the shared platform. */
@ExtendWith(SharedPlatform.class)
class FriendsTest {
    private final Platform platform;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();
    private ApiClient api;
    private Account alice;
    private Account bob;

    FriendsTest(Platform platform) {
        this.platform = platform;
    }

    @BeforeEach
    void twoUsers() {
        api = new ApiClient(platform.http(0));
        alice = api.register(ApiClient.uniqueName("alice"));
        bob = api.register(ApiClient.uniqueName("bob"));
    }

    private String request(Account from, Account to) {
        Response response = api.call("POST", "/api/v1/friends/requests", from.token(),
                "{\"toUserId\":\"" + to.userId() + "\"}");
        assertThat(response.status()).as("friend request: %s", response.body()).isEqualTo(201);
        return response.body().get("requestId").asText();
    }

    private void befriend(Account from, Account to) {
        String id = request(from, to);
        Response accepted = api.call("POST", "/api/v1/friends/requests/" + id + "/accept", to.token(), null);
        assertThat(accepted.status()).as("accept: %s", accepted.body()).isEqualTo(200);
        assertThat(accepted.body().get("friend").get("userId").asText()).isEqualTo(from.userId());
    }

    private List<String> ids(Account viewer, String path, String field) {
        Response response = api.call("GET", path, viewer.token(), null);
        assertThat(response.status()).isEqualTo(200);
        return response.body().get(field).findValuesAsText("userId");
    }

    @Test
    void when_a_request_is_accepted_then_both_are_friends_until_one_unfriends() {
        assertThat(request(alice, bob)).as("asking twice is the same request").isEqualTo(request(alice, bob));
        befriend(alice, bob);
        assertThat(ids(alice, "/api/v1/friends", "friends")).containsExactly(bob.userId());
        assertThat(ids(bob, "/api/v1/friends", "friends")).containsExactly(alice.userId());
        JsonNode friend = api.call("GET", "/api/v1/friends", alice.token(), null).body().get("friends").get(0);
        assertThat(friend.get("username").asText()).isEqualTo(bob.username());

        Account carol = api.register(ApiClient.uniqueName("carol"));
        befriend(carol, alice);
        befriend(bob, carol);
        assertThat(ids(alice, "/api/v1/friends/mutual/" + bob.userId(), "users")).containsExactly(carol.userId());

        assertThat(api.call("DELETE", "/api/v1/friends/" + bob.userId(), alice.token(), null).status()).isEqualTo(204);
        assertThat(ids(alice, "/api/v1/friends", "friends")).containsExactly(carol.userId());
        assertThat(ids(bob, "/api/v1/friends", "friends")).containsExactly(carol.userId());
    }

    @Test
    void when_both_ask_each_other_then_the_second_request_makes_them_friends() {
        request(alice, bob);
        request(bob, alice);
        assertThat(ids(alice, "/api/v1/friends", "friends")).containsExactly(bob.userId());
    }

    @Test
    void when_friend_calls_are_wrong_then_clear_errors() {
        String id = request(alice, bob);
        Account carol = api.register(ApiClient.uniqueName("carol"));
        assertThat(api.call("POST", "/api/v1/friends/requests/" + id + "/accept", carol.token(), null).status())
                .as("only the addressee accepts").isEqualTo(404);
        assertThat(api.call("POST", "/api/v1/friends/requests", alice.token(),
                "{\"toUserId\":\"" + alice.userId() + "\"}").status()).isEqualTo(400);
        assertThat(api.call("POST", "/api/v1/friends/requests", alice.token(), "{\"toUserId\":\"unobody\"}")
                .status()).isEqualTo(404);
        assertThat(api.call("POST", "/api/v1/friends/requests", alice.token(), "{\"toUserId\":7}").status())
                .isEqualTo(400);
        assertThat(api.call("GET", "/api/v1/friends", null, null).status()).isEqualTo(401);
        api.call("POST", "/api/v1/friends/requests/" + id + "/accept", bob.token(), null);
        Response again = api.call("POST", "/api/v1/friends/requests", alice.token(),
                "{\"toUserId\":\"" + bob.userId() + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("error").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void a_friends_presence_is_visible_and_pushed_without_a_shared_room() {
        WsClient aliceWs = sockets.connect(platform.ws(0, alice.token()));
        WsClient bobWs = sockets.connect(platform.ws(1, bob.token()));
        assertThat(bobWs.request("ping").path("type").asText()).isEqualTo("pong");
        JsonNode stranger = aliceWs.ack("presence", "users", List.of(bob.userId())).get("presence").get(0);
        assertThat(stranger.get("status").asText()).isEqualTo("offline");
        assertThat(stranger.get("lastSeen").isNull()).isTrue();

        befriend(alice, bob);
        assertThat(aliceWs.ack("presence", "users", List.of(bob.userId())).get("presence").get(0)
                .get("status").asText()).isEqualTo("online");
        WsClient aliceLater = sockets.connect(platform.ws(1, alice.token()));
        bobWs.close();
        aliceLater.await(node -> "presence".equals(node.path("type").asText())
                && bob.userId().equals(node.path("userId").asText()) && "offline".equals(node.path("status").asText()));
    }
}
