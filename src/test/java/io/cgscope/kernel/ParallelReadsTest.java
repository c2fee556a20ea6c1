package io.cgscope.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A level read side by side comes back in the order it was asked, whatever thread read each part. */
class ParallelReadsTest {
    @Test
    void aLargeLevelComesBackInItsOrderAndASmallOneIsReadHere() {
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            List<String> many = IntStream.range(0, 5_000).mapToObj(i -> "/c" + i).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                expected.add("/c" + i + " read");
            }
            assertEquals(expected, ParallelReads.each(pool, many, p -> p + " read"));

            Thread here = Thread.currentThread();
            assertEquals(List.of(true, true), ParallelReads.each(pool, List.of("/a", "/b"),
                    p -> Thread.currentThread() == here));
            assertEquals(List.of(), ParallelReads.each(pool, List.of(), p -> p));
        } finally {
            pool.shutdownNow();
        }
    }
}
