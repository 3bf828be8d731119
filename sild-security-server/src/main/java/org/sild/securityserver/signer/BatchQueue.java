package org.sild.securityserver.signer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.signature.MessageParts;
import org.sild.core.signature.SignatureData;

/**
 * Collects concurrent signing requests for one signing certificate into batches, signed with one
 * private-key operation each ("group commit").
 *
 * <p>There is no timer and no worker thread: the caller that finds the queue idle signs its message
 * alone at once. Requests arriving while a signature is being made wait; when it is done, the
 * first waiting request becomes the next leader and signs everything queued so far (at most
 * {@code maxBatch}) on its own thread, then hands over again. So an idle signer adds no latency and
 * a busy one signs whatever queued up during the previous signature. Invariant: when nobody is
 * leading, the queue is empty; every request is completed exactly once, with its own result or the
 * batch's failure. Waiting is not interruptible, so that a hand-over is never lost.
 *
 * <p>Thread-safe.
 */
final class BatchQueue<C> {

    /** Signs a batch with the credentials of its newest request; one result per message, in order. */
    @FunctionalInterface
    interface BatchSigner<C> {
        List<SignatureData> sign(List<MessageParts> messages, C credentials);
    }

    private final int maxBatch;
    private final BatchSigner<C> signer;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Request<C>> queue = new ArrayDeque<>();
    private boolean leading;

    BatchQueue(int maxBatch, BatchSigner<C> signer) {
        this.maxBatch = maxBatch;
        this.signer = signer;
    }

    /** What a waiting request learns: its signature, the batch's failure, or that it leads now. */
    private sealed interface Outcome {
    }

    private record Signed(SignatureData signature) implements Outcome {
    }

    private record Failed(XRoadException failure) implements Outcome {
    }

    private record Lead() implements Outcome {
    }

    private record Request<C>(MessageParts message, C credentials, CompletableFuture<Outcome> outcome) {
    }

    /** Signs {@code message}, alone or in a batch, blocking until its signature exists. */
    SignatureData sign(MessageParts message, C credentials) {
        var request = new Request<>(message, credentials, new CompletableFuture<Outcome>());
        boolean lead;
        lock.lock();
        try {
            queue.addLast(request);
            lead = !leading;
            leading = true;
        } finally {
            lock.unlock();
        }
        Outcome outcome = lead ? new Lead() : request.outcome().join();
        if (outcome instanceof Lead) {
            outcome = signBatch();
        }
        return switch (outcome) {
            case Signed signed -> signed.signature();
            case Failed failed -> throw new XRoadException(failed.failure().code(), failed.failure().getMessage(),
                    failed.failure());
            case Lead ignored -> throw new IllegalStateException("a leader's own outcome is never Lead");
        };
    }

    /** How many requests wait for the next batch (not counting those being signed); for tests and metrics. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Signs the batch at the head of the queue (whose first request is the caller's) and hands over. */
    private Outcome signBatch() {
        var batch = new ArrayList<Request<C>>();
        lock.lock();
        try {
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                batch.add(queue.pollFirst());
            }
        } finally {
            lock.unlock();
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        try {
            List<SignatureData> signatures = signer.sign(batch.stream().map(Request::message).toList(),
                    batch.get(batch.size() - 1).credentials());
            if (signatures.size() != batch.size()) {
                throw new IllegalStateException(signatures.size() + " signatures for " + batch.size() + " messages");
            }
            signatures.forEach(s -> outcomes.add(new Signed(s)));
        } catch (XRoadException e) {
            batch.forEach(r -> outcomes.add(new Failed(asCannotCreate(e))));
        } catch (RuntimeException | Error e) {
            var failure = new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE,
                    "signing a batch of " + batch.size() + " failed: " + e, e);
            batch.forEach(r -> outcomes.add(new Failed(failure)));
        } finally {
            if (outcomes.size() != batch.size()) {
                var failure = new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, "signing was interrupted");
                while (outcomes.size() < batch.size()) {
                    outcomes.add(new Failed(failure));
                }
            }
            for (int i = 1; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
            handOver();
        }
        return outcomes.get(0);
    }

    private void handOver() {
        lock.lock();
        try {
            Request<C> next = queue.peekFirst();
            if (next == null) {
                leading = false;
            } else {
                next.outcome().complete(new Lead());
            }
        } finally {
            lock.unlock();
        }
    }

    private static XRoadException asCannotCreate(XRoadException e) {
        if (e.code().equals(FaultCode.of(ErrorCode.CANNOT_CREATE_SIGNATURE))) {
            return e;
        }
        return new XRoadException(ErrorCode.CANNOT_CREATE_SIGNATURE, e.getMessage(), e);
    }
}
