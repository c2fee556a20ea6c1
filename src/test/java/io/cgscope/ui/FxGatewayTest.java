package io.cgscope.ui;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
        assertEquals(IntStream.range(0, 1000).boxed().toList(), drains.get(0));
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
    void offersFromManyThreadsAreAllDeliveredEachThreadsInItsOrder() throws Exception {
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done.getCount() > 0 || !scheduled.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the producers finish: " + done.getCount() + " still offering");
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
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            assertEquals(IntStream.range(base, base + each).boxed().toList(),
                    received.stream().filter(i -> i >= base && i < base + each).toList(),
                    "producer " + t + "'s offers, in the order it made them");
        }
    }
}
