package io.cgscope.ui;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway coalesces: many offers, one pending drain, nothing lost, order kept. */
class FxGatewayTest {
    @Test
    void offersBeforeTheDrainRunsArriveInOneDrainInOrder() {
        List<Runnable> scheduled = new ArrayList<>();
        List<List<Integer>> drains = new ArrayList<>();
        FxGateway<Integer> gateway = new FxGateway<>(scheduled::add, drains::add);
        for (int i = 0; i < 1000; i++) {
            gateway.offer(i);
        }
        assertEquals(1, scheduled.size(), "one drain scheduled for the whole burst");
        scheduled.get(0).run();
        assertEquals(1, drains.size());
        assertEquals(1000, drains.get(0).size());
        assertEquals(0, drains.get(0).get(0));
        assertEquals(999, drains.get(0).get(999));
        gateway.offer(1000);
        assertEquals(2, scheduled.size(), "the next offer after a drain schedules again");
    }

    @Test
    void aDirectExecutorDrainsAtOnce() {
        List<List<String>> drains = new ArrayList<>();
        FxGateway<String> gateway = new FxGateway<>(Runnable::run, drains::add);
        gateway.offer("a");
        gateway.offer("b");
        assertEquals(List.of(List.of("a"), List.of("b")), drains);
    }

    @Test
    void offersFromManyThreadsAreAllDelivered() throws Exception {
        ConcurrentLinkedQueue<Runnable> scheduled = new ConcurrentLinkedQueue<>();
        List<Integer> received = new ArrayList<>();
        FxGateway<Integer> gateway = new FxGateway<>(scheduled::add, received::addAll);
        int threads = 4;
        int each = 10_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    gateway.offer(base + i);
                }
                done.countDown();
            }).start();
        }
        // the "FX thread": runs scheduled drains while the producers work
        while (done.getCount() > 0 || !scheduled.isEmpty()) {
            Runnable r = scheduled.poll();
            if (r != null) {
                r.run();
            }
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        Runnable r;
        while ((r = scheduled.poll()) != null) {
            r.run();
        }
        assertEquals(threads * each, received.size());
        assertEquals(threads * each, received.stream().distinct().count());
    }
}
