package io.gridchat.edge.ws;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.EdgeServices;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Failures;
import io.gridchat.edge.Json;
import io.gridchat.edge.rooms.RoomService;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MessagePage;
import io.gridchat.model.ReadOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Parses and answers client frames. Every frame gets exactly one reply (ack, pong or error) except
 * {@code typing}; nothing here blocks: grid calls complete the reply in their callback. Thread-safe.
 */
final class FrameHandler {
    private final EdgeServices services;
    /** Most users one presence frame may name (protocol). */
    static final int MAX_PRESENCE_USERS = 500;
    private final int maxFrameBytes;
    private final int maxRooms;

    FrameHandler(EdgeServices services) {
        this.services = services;
        this.maxFrameBytes = services.limits().maxFrameBytes();
        this.maxRooms = services.limits().maxRoomsPerConnection();
    }

    void handle(ChatConnection connection, String text) {
        JsonNode id = null;
        try {
            if (isTooLarge(text)) {
                throw new ClientError(ErrorCode.TOO_LARGE, "frame is larger than " + maxFrameBytes + " bytes");
            }
            Frame frame = Frame.of(parse(text));
            id = frame.id();
            services.metrics().frame(frame.type());
            if (!"ping".equals(frame.type())) {
                services.grid().checkServing();
            }
            dispatch(connection, frame);
        } catch (Frame.FrameError e) {
            sendError(connection, e.id(), e.error());
        } catch (RuntimeException e) {
            sendError(connection, id, Failures.toClientError(e, "frame on connection " + connection.connectionId()));
        }
    }

    /** Frame size in UTF-8 bytes, counted without copying, and only when it could exceed the limit. */
    private boolean isTooLarge(String text) {
        if (text.length() > maxFrameBytes) {
            return true;
        }
        if ((long) text.length() * 3 <= maxFrameBytes) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > maxFrameBytes;
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw ClientError.badRequest("frame is not valid JSON");
        }
    }

    private void dispatch(ChatConnection connection, Frame frame) {
        String user = connection.userId();
        if (services.grid().serving()) {
            services.presence().frame(connection, !frame.type().equals("ping"));
        }
        switch (frame.type()) {
            case "ping" -> connection.reply(Json.write(reply("pong", frame.id())));
            case "send" -> send(connection, frame);
            case "join" -> join(connection, frame);
            case "leave" -> {
                String room = frame.requiredString("room");
                reply(connection, frame, services.rooms().leave(user, room), left -> {
                    connection.forgetRoom(room);
                    services.presence().left(connection, room);
                    return ack(frame).put("room", room);
                });
            }
            case "history" -> {
                String room = frame.requiredString("room");
                reply(connection, frame, services.receipts().shown(user, room, services.messages().before(user, room,
                        frame.optionalLong("beforeSeq"), frame.optionalInt("limit"))), shown -> ack(frame)
                        .set("messages", shown.messages()));
            }
            case "resume" -> resume(connection, frame);
            case "typing" -> typing(connection, frame);
            case "presence" -> {
                List<String> users = frame.requiredIds("users", MAX_PRESENCE_USERS);
                reply(connection, frame, services.presence().query(connection, users), views ->
                        ack(frame).set("presence", Json.MAPPER.valueToTree(views)));
            }
            case "read" -> {
                String room = frame.requiredString("room");
                reply(connection, frame, services.receipts().read(connection.connectionId(), user, room,
                        frame.requiredLong("seq")), accepted -> ack(frame).put("room", room));
            }
            default -> throw ClientError.badRequest("unknown frame type " + frame.type());
        }
    }

    private void send(ChatConnection connection, Frame frame) {
        String room = frame.requiredString("room");
        long start = System.nanoTime();
        reply(connection, frame, services.messages().send(connection.userId(), room, frame.requiredString("text"),
                frame.optionalString("clientMsgId")), ref -> {
            services.metrics().sendAcked(start);
            return ack(frame).put("room", room).put("msgId", ref.msgId()).put("seq", ref.seq()).put("ts", ref.ts());
        });
    }

    private void join(ChatConnection connection, Frame frame) {
        String room = frame.requiredString("room");
        String user = connection.userId();
        RoomService.requireRoomId(room);
        if (!connection.reserveRoom(room, maxRooms)) {
            throw new ClientError(ErrorCode.FORBIDDEN, "a connection may be in at most " + maxRooms
                    + " rooms; leave one first");
        }
        CompletionStage<ObjectNode> joined = services.rooms().join(user, room, connection.connectionId())
                .thenCompose(result ->
                services.receipts().shown(user, room, result.recent() == null
                                ? services.messages().before(user, room, null, null)
                                : CompletableFuture.completedFuture(
                                        new MessagePage(ReadOutcome.OK, result.recent(), result.lastSeq(), false)))
                        .thenApply(shown -> {
                    MessagePage page = shown.page();
                    markDelivered(connection, room, page);
                    if (!connection.joinedRoom(room)) {
                        services.rooms().release(connection.connectionId(), room);
                    }
                    services.presence().joined(connection, room, result.participants());
                    ObjectNode ack = ack(frame).put("room", room);
                    ack.set("participants", Json.strings(result.participants()));
                    ack.set("recent", shown.messages());
                    return ack.put("lastSeq", page.lastSeq()).put("readSeq", result.readSeq());
                }));
        reply(connection, frame, joined.whenComplete((ack, failure) -> {
            if (failure != null) {
                connection.joinFailed(room);
                if (!connection.rooms().contains(room)) {
                    services.rooms().release(connection.connectionId(), room); // JoinRoom may have seated it
                }
            }
        }), node -> node);
    }

    /** No reply is due; only a refusal (not a member) is reported. */
    private void typing(ChatConnection connection, Frame frame) {
        String room = frame.requiredString("room");
        RoomService.requireRoomId(room);
        services.typing().update(connection.connectionId(), connection.userId(), room, frame.requiredBoolean("on"))
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        sendError(connection, frame.id(), Failures.toClientError(failure, "typing"));
                    }
                });
    }

    private void resume(ChatConnection connection, Frame frame) {
        String room = frame.requiredString("room");
        long afterSeq = frame.requiredLong("afterSeq");
        reply(connection, frame, services.receipts().shown(connection.userId(), room,
                services.messages().after(connection.userId(), room, afterSeq)), shown -> {
            MessagePage page = shown.page();
            markDelivered(connection, room, page);
            ObjectNode ack = ack(frame).put("room", room);
            ack.set("messages", shown.messages());
            return ack.put("lastSeq", page.lastSeq()).put("hasMore", page.hasMore());
        });
    }

    private static void markDelivered(ChatConnection connection, String room, MessagePage page) {
        List<ChatMessage> messages = page.messages();
        if (!messages.isEmpty()) {
            connection.markDelivered(room, messages.get(messages.size() - 1).seq());
        }
    }

    private <T> void reply(ChatConnection connection, Frame frame, CompletionStage<T> result,
                           Function<T, ObjectNode> toAck) {
        result.whenComplete((value, failure) -> {
            if (failure != null) {
                sendError(connection, frame.id(), Failures.toClientError(failure,
                        frame.type() + " on connection " + connection.connectionId()));
                return;
            }
            try {
                connection.reply(Json.write(toAck.apply(value)));
            } catch (RuntimeException e) {
                sendError(connection, frame.id(), Failures.toClientError(e, frame.type() + " reply"));
            }
        });
    }

    private static ObjectNode ack(Frame frame) {
        return reply("ack", frame.id());
    }

    private static ObjectNode reply(String type, JsonNode id) {
        ObjectNode node = Json.object().put("type", type);
        if (id != null) {
            node.set("id", id);
        }
        return node;
    }

    private void sendError(ChatConnection connection, JsonNode id, ClientError error) {
        services.metrics().error(error.code());
        ObjectNode node = error.toJson(reply("error", id), "code");
        connection.reply(Json.write(node));
    }
}
