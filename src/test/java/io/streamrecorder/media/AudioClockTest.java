package io.streamrecorder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AudioClockTest {

    private static final long MS = 1_000_000;
    private static final int RATE = 48_000;
    private static final int CHUNK = 480;

    private final ReceiveDelays delays = new ReceiveDelays();
    private final AudioClock clock = new AudioClock(delays);

    @Test
    void stampsNothingUntilTheDelayIsKnown() {
        assertTrue(clock.captureNanos(1_000 * MS, CHUNK, RATE).isEmpty());
        report(0.05, 0, 0);
        assertEquals(960 * MS, stamp(1_010 * MS), "the first stamped chunk sets the start");
    }

    @Test
    void countsSamplesThroughJitteryHandOvers() {
        report(0.05, 0, 0);
        long first = stamp(1_000 * MS);
        assertEquals(950 * MS, first, "hand-over minus the jitter buffer's delay");
        // The device pulls late, then early: the count keeps 10 ms steps. The start follows the
        // average disagreement, so it moves by a share of the lateness.
        long second = stamp(1_016 * MS);
        long third = stamp(1_021 * MS);
        assertEquals(10 * MS, second - first, 3 * MS);
        assertEquals(10 * MS, third - second, 3 * MS);
        assertEquals(970 * MS, third, 3 * MS);
    }

    @Test
    void addsBackWhatTheJitterBufferLeftOut() {
        report(0.05, 0, 0);
        long now = steadyChunks(3_000);
        long before = stamp(now);
        // 12 ms compressed away, 2 ms stretched in: the next chunk was captured 10 ms later than counted.
        report(0.05, 576, 96);
        long after = stamp(now + 10 * MS);
        assertEquals(20 * MS, after - before, MS / 10);
    }

    @Test
    void followsTheArrivalClockOnlySlowly() {
        report(0.05, 0, 0);
        long now = steadyChunks(1_000);
        // The hand-over jumps 40 ms late once (a stall): one chunk moves the start by 0.1 % of it.
        long late = stamp(now + 40 * MS);
        assertEquals(now - 50 * MS, late, MS / 10);
    }

    private long stamp(long nowNanos) {
        return clock.captureNanos(nowNanos, CHUNK, RATE).orElseThrow();
    }

    /** Hands over chunks every 10 ms from 1 s on; returns the time of the next one. */
    private long steadyChunks(int count) {
        long now = 1_000 * MS;
        for (int i = 0; i < count; i++, now += 10 * MS) {
            stamp(now);
        }
        return now;
    }

    private void report(double delaySeconds, long removed, long inserted) {
        RTCStats audio = new RTCStats(0, RTCStatsType.INBOUND_RTP, "IA", Map.of("kind", "audio",
                "jitterBufferDelay", delaySeconds * 48_000, "jitterBufferEmittedCount", 48_000L,
                "removedSamplesForAcceleration", removed, "insertedSamplesForDeceleration", inserted)) {
        };
        delays.update(new RTCStatsReport(Map.of("IA", audio), 0) {
        });
    }
}
