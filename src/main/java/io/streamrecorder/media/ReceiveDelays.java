package io.streamrecorder.media;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How long the receiver holds each track between a packet's arrival and its hand-over to us,
 * learnt from successive stats reports. Audio leaves webrtc when the audio device pulls it, after
 * NetEq's jitter buffer has held it for tens of milliseconds, a delay that wanders within a
 * recording (docs/BENCHMARKS.md, "Recording fidelity: A/V sync, duration, frame rate"); video
 * carries render times, its jitter buffer's target delay past arrival. Taking each track's own
 * delay off puts both on their arrival clock, which the jitter buffers do not move.
 */
final class ReceiveDelays {

    /** Weight of the newest interval in video's delay: smooths single reports without lagging by much. */
    private static final double VIDEO_WEIGHT = 0.5;

    private final Interval audio = new Interval("jitterBufferDelay");
    private final Interval video = new Interval("jitterBufferTargetDelay");
    private volatile AudioReport audioReport;
    private volatile long videoNanos;
    private volatile boolean videoKnown;

    /** Takes in a stats report; call with successive reports of one peer connection. */
    void update(RTCStatsReport report) {
        for (RTCStats stats : report.getStats().values()) {
            if (stats.getType() == RTCStatsType.INBOUND_RTP) {
                Map<String, Object> attributes = stats.getAttributes();
                Object kind = attributes.get("kind");
                if ("audio".equals(kind)) {
                    updateAudio(attributes);
                } else if ("video".equals(kind)) {
                    updateVideo(attributes);
                }
            }
        }
    }

    /** The latest report on audio, or null before the first one with audio handed over. */
    AudioReport audioReport() {
        return audioReport;
    }

    /** Whether a report has given video's delay yet. */
    boolean videoKnown() {
        return videoKnown;
    }

    long videoNanos() {
        return videoNanos;
    }

    private void updateAudio(Map<String, Object> attributes) {
        audio.update(attributes).ifPresent(delay -> {
            AudioReport last = audioReport;
            audioReport = new AudioReport(last == null ? 1 : last.sequence() + 1, Math.round(delay), stretch(attributes));
        });
    }

    private void updateVideo(Map<String, Object> attributes) {
        video.update(attributes).ifPresent(delay -> {
            videoNanos = Math.round(videoKnown ? (1 - VIDEO_WEIGHT) * videoNanos + VIDEO_WEIGHT * delay : delay);
            videoKnown = true;
        });
    }

    /**
     * Samples of the sender's audio the jitter buffer has left out (accelerating) minus those it
     * made up (decelerating), so far: how far the sender's audio is ahead of the samples handed over.
     */
    private static long stretch(Map<String, Object> attributes) {
        if (attributes.get("removedSamplesForAcceleration") instanceof Number removed
                && attributes.get("insertedSamplesForDeceleration") instanceof Number inserted) {
            return removed.longValue() - inserted.longValue();
        }
        return 0;
    }

    /**
     * One report on audio: the average delay of the samples handed over since the report before
     * ({@code delayNanos}; since the track began, for the first), and the stretch so far
     * ({@code stretchSamples}: how far the sender's audio is ahead of the samples handed over).
     * {@code sequence} counts the reports from 1.
     */
    record AudioReport(long sequence, long delayNanos, long stretchSamples) {
    }

    /**
     * One track's delay over the interval since the previous report: the growth of a cumulative
     * delay (seconds, summed over emitted samples or frames) over the growth of
     * jitterBufferEmittedCount.
     */
    private static final class Interval {
        private final String delayName;
        private double lastDelay;
        private double lastEmitted;

        Interval(String delayName) {
            this.delayName = delayName;
        }

        /** The interval's delay in nanoseconds; empty when the report lacks it or nothing was emitted. */
        OptionalDouble update(Map<String, Object> attributes) {
            if (!(attributes.get(delayName) instanceof Number delay)
                    || !(attributes.get("jitterBufferEmittedCount") instanceof Number emitted)) {
                return OptionalDouble.empty();
            }
            double emittedSince = emitted.doubleValue() - lastEmitted;
            double delaySince = delay.doubleValue() - lastDelay;
            lastDelay = delay.doubleValue();
            lastEmitted = emitted.doubleValue();
            return emittedSince > 0 ? OptionalDouble.of(delaySince / emittedSince * 1e9)
                    : OptionalDouble.empty();
        }
    }
}
