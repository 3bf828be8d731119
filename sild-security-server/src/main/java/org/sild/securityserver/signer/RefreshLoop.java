package org.sild.securityserver.signer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background virtual thread that runs a task whenever the planned time has come, or earlier when
 * woken. The plan is read again after every run, so the task plans its own next run.
 *
 * <p>Thread-safe. Lifecycle: {@link #start} once, {@link #close} once; closing interrupts a running task.
 */
final class RefreshLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshLoop.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Runnable task;
    private final Supplier<Instant> plan;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean woken;
    private boolean closed;
    private Thread thread;

    RefreshLoop(String name, Runnable task, Supplier<Instant> plan, Clock clock) {
        this.name = name;
        this.task = task;
        this.plan = plan;
        this.clock = clock;
    }

    void start() {
        lock.lock();
        try {
            if (thread != null || closed) {
                throw new IllegalStateException(name + " was already started or closed");
            }
            thread = Thread.ofVirtual().name(name).start(this::run);
        } finally {
            lock.unlock();
        }
    }

    /** Runs the task as soon as the current run (if any) is over. */
    void wakeUp() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            running = thread;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(STOP_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (awaitTurn()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", name, e.toString());
            }
        }
    }

    /** Waits until the planned time or a wake-up; false when closed. */
    private boolean awaitTurn() {
        lock.lock();
        try {
            while (!closed && !woken) {
                long nanos = nanosUntil(plan.get());
                if (nanos <= 0) {
                    break;
                }
                changed.await(nanos, TimeUnit.NANOSECONDS);
            }
            woken = false;
            return !closed;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private long nanosUntil(Instant when) {
        if (when.equals(Instant.MIN)) {
            return 0;
        }
        try {
            return Duration.between(clock.instant(), when).toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
