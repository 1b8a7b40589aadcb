package io.streamrecorder.media;

/**
 * When to read a stream's stats, polled every {@link #POLL_MILLIS}: at every poll until each track
 * with media can be stamped (nothing is recorded until then, so little media comes before), then
 * at every poll through the first seconds, while the audio jitter buffer settles, and then at
 * every fifth. Read every 500 ms from the start, one interval could hold 20 ms of compressed or
 * stretched sound, and the audio's start and stamps, worked out per interval, carried it.
 */
final class StatsCadence {

    static final long POLL_MILLIS = 100;
    /** Reads at every poll after the wait: the jitter buffer settles within about 4 s. */
    static final int SETTLING_READS = 40;
    /** Then every this many polls (500 ms): often enough to follow the jitter buffer's wander. */
    static final int POLLS_PER_READ = 5;

    private int settlingReads;
    private int pollsSinceRead;

    /** Whether to read the stats at this poll; {@code waiting}: a track with media cannot be stamped yet. */
    boolean due(boolean waiting) {
        if (waiting) {
            settlingReads = 0;
        } else if (settlingReads < SETTLING_READS) {
            settlingReads++;
        } else if (++pollsSinceRead < POLLS_PER_READ) {
            return false;
        }
        pollsSinceRead = 0;
        return true;
    }
}
