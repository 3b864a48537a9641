package io.gridchat.bench.load;

/**
 * Who is in which room, and who sends next. Room r's participants are the connections
 * {@code (r * participants + slot) mod connections} for slot 0..participants-1: distinct because
 * participants <= connections, and every connection is in about the same number of rooms. Sends go
 * round-robin over rooms first, then over each room's participants, so consecutive sends hit different
 * rooms and every membership sends equally often. Immutable.
 */
public record RoomPlan(int connections, int rooms, int participants) {

    static RoomPlan of(LoadOptions options) {
        return new RoomPlan(options.connections(), options.rooms(), options.participants());
    }

    public int connectionOf(int room, int slot) {
        return (int) (((long) room * participants + slot) % connections);
    }

    public int memberships() {
        return rooms * participants;
    }

    /** The room of the {@code send}-th send. */
    public int roomOfSend(long send) {
        return (int) (send % rooms);
    }

    /** The connection that makes the {@code send}-th send. */
    public int senderOfSend(long send) {
        return connectionOf(roomOfSend(send), (int) ((send / rooms) % participants));
    }
}
