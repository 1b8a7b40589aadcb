package io.streamrecorder.it;

import java.time.Duration;

/**
 * The time a test lets a stream publish. This sleep is the subject, not a wait for a condition: how
 * long the recording is, or that something holds all the while, is what the test then checks.
 */
final class Publishing {

    private Publishing() {
    }

    /** Lets whatever publishes go on for {@code length}. */
    static void keepFor(Duration length) throws InterruptedException {
        Thread.sleep(length.toMillis());
    }
}
