package io.streamrecorder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiveDelaysTest {

    private final ReceiveDelays delays = new ReceiveDelays();

    @Test
    void knowNothingBeforeTheFirstReport() {
        assertNull(delays.audioReport());
        assertFalse(delays.videoKnown());
    }

    @Test
    void knowEachTrackFromItsFirstReportWithMediaIn() {
        delays.update(report(0.0, 0, 0, 0.18, 15));
        assertNull(delays.audioReport(), "no audio emitted yet");
        assertTrue(delays.videoKnown());
    }

    @Test
    void takeTheFirstReportsAverageSinceTheTrackBegan() {
        // 24 000 samples held 1 200 s in all: 50 ms each; 15 frames, 0.18 s of target delay: 12 ms.
        delays.update(report(1200.0, 24_000, 480, 0.18, 15));
        assertEquals(new ReceiveDelays.AudioReport(1, 50_000_000, 480), delays.audioReport());
        assertEquals(12_000_000, delays.videoNanos());
    }

    @Test
    void giveAudioEachIntervalsOwnDelayAndFollowVideosHalfway() {
        delays.update(report(1200.0, 24_000, 0, 0.18, 15));
        // The next 24 000 samples were held 30 ms each; video's delay goes halfway from 12 to 20 ms.
        delays.update(report(1200.0 + 720.0, 48_000, 960, 0.18 + 0.30, 30));
        assertEquals(new ReceiveDelays.AudioReport(2, 30_000_000, 960), delays.audioReport());
        assertEquals(16_000_000, delays.videoNanos());
    }

    @Test
    void reportNoNewIntervalWhileNothingIsEmitted() {
        delays.update(report(1200.0, 24_000, 0, 0.18, 15));
        delays.update(report(1200.0, 24_000, 0, 0.18, 15));
        assertEquals(1, delays.audioReport().sequence());
    }

    private static RTCStatsReport report(double audioDelay, long samples, long removed, double videoTargetDelay,
            long frames) {
        RTCStats audio = new RTCStats(0, RTCStatsType.INBOUND_RTP, "IA", Map.of("kind", "audio",
                "jitterBufferDelay", audioDelay, "jitterBufferEmittedCount", samples,
                "removedSamplesForAcceleration", removed, "insertedSamplesForDeceleration", 0L)) {
        };
        RTCStats video = new RTCStats(0, RTCStatsType.INBOUND_RTP, "IV", Map.of("kind", "video",
                "jitterBufferTargetDelay", videoTargetDelay, "jitterBufferEmittedCount", frames)) {
        };
        return new RTCStatsReport(Map.of("IA", audio, "IV", video), 0) {
        };
    }
}
