package io.streamrecorder.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The tests' one way to wait for something: poll it until it holds or a deadline passes, then fail
 * saying what was awaited and what was last seen. An exception thrown while polling means "not yet"
 * (a server still starting refuses connections) and becomes the failure's cause; an {@link Error},
 * such as a failed assertion inside the poll, ends the wait at once.
 */
public final class Await {

    /** How often a condition is looked at unless the test says otherwise. */
    public static final Duration POLL = Duration.ofMillis(100);

    private Await() {
    }

    /** A check that may throw while what it looks at is not there yet. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits until {@code condition} holds; {@code what} completes "waiting for ...". */
    public static void until(String what, Duration timeout, Condition condition) throws InterruptedException {
        until(what, timeout, condition::holds, Boolean::booleanValue);
    }

    /** Waits until {@code value} is present and returns it. */
    public static <T> T untilPresent(String what, Duration timeout, Callable<Optional<T>> value) throws InterruptedException {
        return until(what, timeout, value, Optional::isPresent).orElseThrow();
    }

    /** Waits until {@code value} is {@code accepted} and returns it. */
    public static <T> T until(String what, Duration timeout, Callable<T> value, Predicate<? super T> accepted)
            throws InterruptedException {
        return until(what, timeout, POLL, value, accepted);
    }

    /** The same, looking every {@code poll}: less often when looking is costly, more often when it is short. */
    public static <T> T until(String what, Duration timeout, Duration poll, Callable<T> value, Predicate<? super T> accepted)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing seen";
        Exception failure = null;
        while (true) {
            try {
                T current = value.call();
                if (accepted.test(current)) {
                    return current;
                }
                last = "last value: " + current;
                failure = null;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = "last attempt threw " + e;
                failure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Timed out after " + format(timeout) + " waiting for " + what + "; " + last, failure);
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private static String format(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
