package org.sild.securityserver.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sild.securityserver.signer.Faults.assertFault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.SignatureData;

class BatchQueueTest {

    /** A batch signer that "signs" each message with its own bytes, slowly, recording batch sizes and threads. */
    private static final class RecordingSigner implements BatchQueue.BatchSigner<String> {
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        final ConcurrentLinkedQueue<String> credentialsSeen = new ConcurrentLinkedQueue<>();
        final AtomicInteger concurrent = new AtomicInteger();
        volatile int maxConcurrent;
        volatile long delayMillis;
        volatile RuntimeException failure;
        volatile int failingBatch = -1;
        final CountDownLatch firstStarted = new CountDownLatch(1);
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public List<SignatureData> sign(List<MessageParts> messages, String credentials) {
            int now = concurrent.incrementAndGet();
            maxConcurrent = Math.max(maxConcurrent, now);
            try {
                batches.add(messages.size());
                int index = batches.size() - 1;
                credentialsSeen.add(credentials);
                if (index == 0) {
                    firstStarted.countDown();
                    gate.await();
                }
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                if (index == failingBatch) {
                    throw failure;
                }
                return messages.stream().map(m -> SignatureData.of(m.message())).toList();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                concurrent.decrementAndGet();
            }
        }
    }

    private static MessageParts message(int i) {
        return MessageParts.of(("message " + i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anIdleQueueSignsAloneOnTheCallersThread() {
        var signer = new RecordingSigner();
        var queue = new BatchQueue<>(10, signer);
        SignatureData signature = queue.sign(message(1), "key");
        assertThat(signature.signatureXml()).isEqualTo(message(1).message());
        assertThat(queue.sign(message(2), "key").signatureXml()).isEqualTo(message(2).message());
        assertThat(signer.batches).containsExactly(1, 1);
    }

    @Test
    void concurrentCallersAreBatchedAndEachGetsItsOwnResult() throws Exception {
        var signer = new RecordingSigner();
        signer.delayMillis = 20;
        var queue = new BatchQueue<>(16, signer);
        int callers = 400;
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<byte[]>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                int n = i;
                results.add(threads.submit(() -> {
                    start.await();
                    return queue.sign(message(n), "key" + n).signatureXml();
                }));
            }
            start.countDown();
            for (int i = 0; i < callers; i++) {
                assertThat(results.get(i).get()).isEqualTo(message(i).message());
            }
        }
        assertThat(signer.batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(callers);
        assertThat(signer.batches).allSatisfy(size -> assertThat(size).isBetween(1, 16));
        assertThat(signer.batches).anySatisfy(size -> assertThat(size).isGreaterThan(1));
        assertThat(signer.batches.size()).isLessThan(callers / 4);
        assertThat(signer.maxConcurrent).as("one private-key operation at a time per queue").isEqualTo(1);
    }

    @Test
    void aFailedBatchFailsEveryCallerInItAndTheQueueGoesOn() throws Exception {
        var signer = new RecordingSigner();
        signer.gate = new CountDownLatch(1);
        signer.failure = new XRoadException(ErrorCode.CANNOT_SIGN, "token unplugged");
        signer.failingBatch = 1;
        var queue = new BatchQueue<>(100, signer);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = threads.submit(() -> queue.sign(message(0), "k"));
            signer.firstStarted.await();
            var waiting = new ArrayList<Future<SignatureData>>();
            for (int i = 1; i <= 5; i++) {
                int n = i;
                waiting.add(threads.submit(() -> queue.sign(message(n), "k")));
            }
            awaitQueued(queue, 5);
            signer.gate.countDown();
            assertThat(first.get().signatureXml()).isEqualTo(message(0).message());
            for (var f : waiting) {
                assertThat(f).failsWithin(java.time.Duration.ofSeconds(10)).withThrowableThat()
                        .havingCause().isInstanceOfSatisfying(XRoadException.class, e -> {
                            assertThat(e.code().toString()).isEqualTo("CannotCreateSignature");
                            assertThat(e).hasMessageContaining("token unplugged");
                        });
            }
        }
        assertThat(signer.batches).containsExactly(1, 5);
        assertThat(queue.sign(message(9), "k").signatureXml()).isEqualTo(message(9).message());
        assertThat(queue.queued()).isZero();
    }

    @Test
    void unexpectedFailuresBecomeCannotCreateSignature() {
        var signer = new RecordingSigner();
        signer.failure = new IllegalStateException("bug");
        signer.failingBatch = 0;
        var queue = new BatchQueue<>(4, signer);
        assertFault(() -> queue.sign(message(1), "k"), ErrorCode.CANNOT_CREATE_SIGNATURE).hasMessageContaining("bug");
        BatchQueue<String> miscounting = new BatchQueue<>(4, (messages, c) -> List.of());
        assertFault(() -> miscounting.sign(message(1), "k"), ErrorCode.CANNOT_CREATE_SIGNATURE)
                .hasMessageContaining("0 signatures for 1 messages");
        assertThat(queue.sign(message(2), "k").signatureXml()).isEqualTo(message(2).message());
    }

    @Test
    void aBatchOfOneMeansNoBatching() throws Exception {
        var signer = new RecordingSigner();
        signer.delayMillis = 5;
        var queue = new BatchQueue<>(1, signer);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<SignatureData>>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                futures.add(threads.submit(() -> queue.sign(message(n), "k")));
            }
            for (var f : futures) {
                f.get();
            }
        }
        assertThat(signer.batches).hasSize(20).containsOnly(1);
    }

    @Test
    void aBatchUsesTheCredentialsOfItsNewestRequest() throws Exception {
        var signer = new RecordingSigner();
        signer.gate = new CountDownLatch(1);
        var queue = new BatchQueue<>(100, signer);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = threads.submit(() -> queue.sign(message(0), "first"));
            signer.firstStarted.await();
            var second = threads.submit(() -> queue.sign(message(1), "older"));
            awaitQueued(queue, 1);
            var third = threads.submit(() -> queue.sign(message(2), "newest"));
            awaitQueued(queue, 2);
            signer.gate.countDown();
            first.get();
            second.get();
            third.get();
        }
        assertThat(signer.credentialsSeen).containsExactly("first", "newest");
    }

    /** Waits until {@code count} requests wait behind the batch being signed. */
    private static void awaitQueued(BatchQueue<?> queue, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (queue.queued() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " queued requests, have " + queue.queued());
            }
            Thread.sleep(1);
        }
    }
}
