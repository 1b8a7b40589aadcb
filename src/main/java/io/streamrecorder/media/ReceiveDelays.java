package io.streamrecorder.media;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;

/**
 * How long the receiver holds each track between a packet's arrival and its hand-over to us,
 * learnt from successive stats reports. Audio leaves webrtc when the audio device pulls it, after
 * NetEq's jitter buffer has held it for tens of milliseconds, a delay that wanders within a
 * recording (docs/BENCHMARKS.md, "Recording fidelity: A/V sync, duration, frame rate"); video
 * carries render times, its jitter buffer's target delay past arrival. Taking each track's own
 * delay off puts both on their arrival clock, which the jitter buffers do not move.
 */
final class ReceiveDelays {

    /** Weight of the newest interval: smooths single reports without lagging the wander by much. */
    private static final double WEIGHT = 0.5;

    private final Track audio = new Track("jitterBufferDelay");
    private final Track video = new Track("jitterBufferTargetDelay");
    private volatile long audioStretchSamples;

    /** Takes in a stats report; call with successive reports of one peer connection. */
    void update(RTCStatsReport report) {
        for (RTCStats stats : report.getStats().values()) {
            if (stats.getType() == RTCStatsType.INBOUND_RTP) {
                Object kind = stats.getAttributes().get("kind");
                if ("audio".equals(kind)) {
                    audio.update(stats.getAttributes());
                    updateStretch(stats.getAttributes());
                } else if ("video".equals(kind)) {
                    video.update(stats.getAttributes());
                }
            }
        }
    }

    /** Whether a report has given audio's delay yet. */
    boolean audioKnown() {
        return audio.known;
    }

    /** Whether a report has given video's delay yet. */
    boolean videoKnown() {
        return video.known;
    }

    long audioNanos() {
        return audio.nanos;
    }

    long videoNanos() {
        return video.nanos;
    }

    /**
     * Samples of the sender's audio the jitter buffer has left out (accelerating) minus those it
     * made up (decelerating), so far: how far the sender's audio is ahead of the samples handed over.
     */
    long audioStretchSamples() {
        return audioStretchSamples;
    }

    private void updateStretch(Map<String, Object> attributes) {
        if (attributes.get("removedSamplesForAcceleration") instanceof Number removed
                && attributes.get("insertedSamplesForDeceleration") instanceof Number inserted) {
            audioStretchSamples = removed.longValue() - inserted.longValue();
        }
    }

    /**
     * One track's delay: the growth of a cumulative delay (seconds, summed over emitted samples or
     * frames) over the growth of jitterBufferEmittedCount, since the previous report.
     */
    private static final class Track {
        private final String delayName;
        private double lastDelay;
        private double lastEmitted;
        private volatile long nanos;
        private volatile boolean known;

        Track(String delayName) {
            this.delayName = delayName;
        }

        void update(Map<String, Object> attributes) {
            if (!(attributes.get(delayName) instanceof Number delay)
                    || !(attributes.get("jitterBufferEmittedCount") instanceof Number emitted)) {
                return;
            }
            double emittedSince = emitted.doubleValue() - lastEmitted;
            // The first report's interval is everything since the track began.
            if (emittedSince > 0) {
                double interval = (delay.doubleValue() - lastDelay) / emittedSince * 1e9;
                nanos = Math.round(known ? (1 - WEIGHT) * nanos + WEIGHT * interval : interval);
                known = true;
            }
            lastDelay = delay.doubleValue();
            lastEmitted = emitted.doubleValue();
        }
    }
}
