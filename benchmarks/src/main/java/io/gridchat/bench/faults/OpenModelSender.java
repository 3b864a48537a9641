package io.gridchat.bench.faults;

import io.gridchat.bench.load.RoomPlan;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes message k at {@code start + k / rate}, whatever the server does, into the queue of the client the
 * {@link RoomPlan} names, with clientMsgId {@code <run>-<k>}. Runs on its own thread until {@link #stop()}.
 */
final class OpenModelSender implements Runnable {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<FaultClient> clients;
    private final List<String> rooms;
    private final RoomPlan plan;
    private final String run;
    private final double rate;
    private volatile boolean stopped;

    OpenModelSender(List<FaultClient> clients, List<String> rooms, RoomPlan plan, String run, double rate) {
        this.clients = clients;
        this.rooms = rooms;
        this.plan = plan;
        this.run = run;
        this.rate = rate;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long send = 0;
        while (!stopped) {
            long due = (long) ((System.nanoTime() - start) * rate / 1e9) + 1;
            for (; send < due && !stopped; send++) {
                int room = plan.roomOfSend(send);
                clients.get(plan.senderOfSend(send)).submit(rooms.get(room), run + "-" + send,
                        "fault " + run + " " + send);
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
    }
}
