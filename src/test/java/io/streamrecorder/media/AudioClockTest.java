package io.streamrecorder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AudioClockTest {

    private static final long MS = 1_000_000;
    private static final int RATE = 48_000;
    private static final int CHUNK = 480;

    private final ReceiveDelays delays = new ReceiveDelays();
    private final AudioClock clock = new AudioClock(delays);
    private double delaySum;
    private long emitted;
    private long now = 1_000 * MS;

    @Test
    void stampsNothingUntilTheIntervalBetweenTwoReportsHasGivenTheStart() {
        assertTrue(clock.captureNanos(now, CHUNK, RATE).isEmpty());
        report(0.02, 0, 0);
        assertTrue(chunks(10).isEmpty(), "the first report's delay is the average since the track began");
        assertFalse(clock.started());
        report(0.05, 0, 0);
        assertEquals(now - 50 * MS, stamp(), "hand-over minus the interval's delay");
        assertTrue(clock.started());
    }

    @Test
    void countsSamplesThroughJitteryHandOvers() {
        start(0.05);
        long first = stamp();
        // The device pulls late, then early: the count keeps 10 ms steps, and the start moves only
        // when a report closes an interval.
        now += 6 * MS;
        long second = stamp();
        now -= 5 * MS;
        long third = stamp();
        assertEquals(10 * MS, second - first);
        assertEquals(10 * MS, third - second);
    }

    @Test
    void addsBackWhatTheJitterBufferLeftOut() {
        start(0.05);
        chunks(2_000);
        report(0.05, 0, 0);
        long before = stamp();
        // 12 ms compressed away, 2 ms stretched in: the next chunk was captured 10 ms later than counted.
        report(0.05, 576, 96);
        assertEquals(20 * MS, stamp() - before, MS / 10);
    }

    @Test
    void takesEachIntervalsStretchHalfwayThroughIt() {
        report(0.02, 0, 0);
        long first = now;
        chunks(10);
        // 20 ms compressed away during the interval, at its end 40 ms held: the sender's clock is
        // 10 ms ahead of the count on average, and the buffer held the audio 40 ms on average.
        report(0.04, 960, 0);
        assertEquals(first + 100 * MS - 40 * MS - 10 * MS + 20 * MS, stamp(), MS / 10);
    }

    @Test
    void averagesTheFirstIntervalsThenFollowsTheirStarts() {
        start(0.05);
        for (int i = 0; i < 100; i++) {
            chunks(10);
            report(i % 2 == 0 ? 0.04 : 0.06, 0, 0);
        }
        long expected = now - 50 * MS;
        long first = stamp();
        // Followed after the first 2 s, each short interval moves the start by a tenth of its 10 ms.
        assertEquals(expected, first, MS, "the mean of intervals 10 ms either side");
        // Then one interval of 10 chunks 40 ms off moves the start by 10 % of its disagreement.
        chunks(9);
        report(0.01, 0, 0);
        double weight = 1 - Math.pow(1 - AudioClock.FOLLOW_WEIGHT, 10);
        assertEquals(first + 100 * MS + weight * (expected + 40 * MS - first), stamp(), MS / 100);
    }

    @Test
    void followsAShiftOfTheSendersWithinSeconds() {
        long steady = steady();
        // The sender's audio device lost 30 ms: every chunk from now on arrives 30 ms later than
        // counted, its delay in the buffer unchanged. After 3 s (three time constants) the start has
        // made up 95 % of it.
        now += 30 * MS;
        for (int i = 0; i < 6; i++) {
            chunks(49);
            report(0.05, 0, 0);
            stamp();
        }
        assertEquals(steady + 301 * 10 * MS + 28.5 * MS, stamp(), MS / 2);
    }

    @Test
    void jumpsAtOnceToAStepSeenByTwoIntervalsInARow() {
        long steady = steady();
        // The machine stalled for 400 ms, the sender's capture clock with it: from now on every chunk
        // arrives 400 ms later than counted. The first interval after it moves the start by two fifths;
        // the second, 400 ms off as well, moves it the whole way.
        now += 400 * MS;
        chunks(49);
        report(0.05, 0, 0);
        long afterOne = stamp();
        assertEquals(steady + 50 * 10 * MS + 392 * MS * (1 - Math.pow(1 - AudioClock.FOLLOW_WEIGHT, 50)), afterOne, MS / 2);
        chunks(49);
        report(0.05, 0, 0);
        assertEquals(steady + 100 * 10 * MS + 400 * MS, stamp(), MS / 100);
    }

    @Test
    void followsASingleIntervalFarOffOnlyByItsShare() {
        long steady = steady();
        // One interval's chunks came 100 ms late, the next ones on time again: no step.
        now += 100 * MS;
        chunks(49);
        now -= 100 * MS;
        report(0.05, 0, 0);
        double weight = 1 - Math.pow(1 - AudioClock.FOLLOW_WEIGHT, 50);
        long afterOne = stamp();
        assertEquals(steady + 50 * 10 * MS + 98 * MS * weight, afterOne, MS / 2);
        chunks(49);
        report(0.05, 0, 0);
        assertTrue(stamp() < afterOne + 50 * 10 * MS, "the next interval, on time, draws the start back");
    }

    /** Starts the clock and runs it for 50 s at a steady 50 ms delay, past its first seconds; stamps the next chunk. */
    private long steady() {
        start(0.05);
        for (int i = 0; i < 100; i++) {
            chunks(50);
            report(0.05, 0, 0);
        }
        return stamp();
    }

    private void start(double delaySeconds) {
        report(delaySeconds, 0, 0);
        chunks(1);
        report(delaySeconds, 0, 0);
    }

    /** One chunk handed over now, the next 10 ms later. */
    private long stamp() {
        long stamp = clock.captureNanos(now, CHUNK, RATE).orElseThrow();
        now += 10 * MS;
        return stamp;
    }

    /** Hands over {@code count} chunks 10 ms apart; returns the last one's stamp, if any. */
    private OptionalLong chunks(int count) {
        OptionalLong stamp = OptionalLong.empty();
        for (int i = 0; i < count; i++, now += 10 * MS) {
            stamp = clock.captureNanos(now, CHUNK, RATE);
        }
        return stamp;
    }

    /** A report whose interval's samples were held {@code delaySeconds} on average. */
    private void report(double delaySeconds, long removed, long inserted) {
        emitted += 4_800;
        delaySum += delaySeconds * 4_800;
        RTCStats audio = new RTCStats(0, RTCStatsType.INBOUND_RTP, "IA", Map.of("kind", "audio",
                "jitterBufferDelay", delaySum, "jitterBufferEmittedCount", emitted,
                "removedSamplesForAcceleration", removed, "insertedSamplesForDeceleration", inserted)) {
        };
        delays.update(new RTCStatsReport(Map.of("IA", audio), 0) {
        });
    }
}
