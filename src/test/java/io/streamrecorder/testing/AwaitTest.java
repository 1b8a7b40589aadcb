package io.streamrecorder.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration OFTEN = Duration.ofMillis(5);

    @Test
    void timesOutNamingWhatWasAwaitedAndTheLastValue() {
        AssertionError timedOut = assertThrows(AssertionError.class,
                () -> Await.until("the light to turn green", SHORT, OFTEN, () -> "red", "green"::equals));
        assertEquals("Timed out after 200 ms waiting for the light to turn green; last value: red", timedOut.getMessage());
    }

    @Test
    void returnsTheFirstAcceptedValue() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        assertEquals(3, Await.until("the third poll", Duration.ofSeconds(10), OFTEN, polls::incrementAndGet, n -> n >= 3));
        assertEquals("there", Await.untilPresent("a present value", Duration.ofSeconds(10), () -> Optional.of("there")));
    }

    @Test
    void keepsPollingThroughExceptionsAndKeepsTheLastAsTheCause() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        Await.until("the server to answer", Duration.ofSeconds(10), () -> {
            if (polls.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return true;
        });
        assertEquals(3, polls.get());

        IOException refused = new IOException("connection refused");
        AssertionError timedOut = assertThrows(AssertionError.class, () -> Await.until("the server to answer", SHORT, OFTEN, () -> {
            throw refused;
        }, answer -> true));
        assertTrue(timedOut.getMessage().endsWith("; last attempt threw java.io.IOException: connection refused"),
                timedOut.getMessage());
        assertSame(refused, timedOut.getCause());
    }

    @Test
    void endsTheWaitAtAFailedAssertionInsideIt() {
        AtomicInteger polls = new AtomicInteger();
        AssertionError failed = assertThrows(AssertionError.class, () -> Await.until("never", Duration.ofSeconds(10), () -> {
            polls.incrementAndGet();
            throw new AssertionError("two recordings where one was expected");
        }));
        assertEquals("two recordings where one was expected", failed.getMessage());
        assertEquals(1, polls.get());
    }
}
