package io.streamrecorder.recording;

import java.util.concurrent.atomic.LongAdder;

/** How many recordings started, ended and failed since the application started. */
public final class RecordingCounts {

    private final LongAdder started = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder droppedInEnded = new LongAdder();

    void onStart() {
        started.increment();
    }

    void onEnd(long droppedSamples, boolean success) {
        droppedInEnded.add(droppedSamples);
        (success ? succeeded : failed).increment();
    }

    public long started() {
        return started.sum();
    }

    /** Recordings that ended with all their files finalised. */
    public long succeeded() {
        return succeeded.sum();
    }

    /** Recordings that ended in a failure (disk full, encoder error); what they wrote is kept. */
    public long failed() {
        return failed.sum();
    }

    long droppedInEnded() {
        return droppedInEnded.sum();
    }
}
