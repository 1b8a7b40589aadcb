package io.streamrecorder.recording;

import io.streamrecorder.encoder.TrackFormats;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the first samples of a recording until every expected track has produced one, then puts
 * both tracks on one timeline starting at zero: the later track's first sample defines time zero,
 * earlier audio is dropped and the latest earlier video frame is shown from zero. Browsers start
 * audio and video apart, by an amount that differs from launch to launch (docs/BENCHMARKS.md,
 * "Recording fidelity: A/V sync, duration, frame rate"); aligning here keeps the file's tracks in
 * step.
 */
final class SampleAligner {

    /** A track that has not produced anything by then is treated as absent. */
    static final long WAIT_FOR_TRACKS_NANOS = 3_000_000_000L;
    static final long MIN_LEAD_IN_NANOS = 20_000_000L;

    private final boolean expectVideo;
    private final boolean expectAudio;
    private final List<MediaSample> held = new ArrayList<>();
    private MediaSample.Video firstVideo;
    private MediaSample.Audio firstAudio;

    SampleAligner(boolean expectVideo, boolean expectAudio) {
        this.expectVideo = expectVideo;
        this.expectAudio = expectAudio;
    }

    /** Holds a sample; true once the timeline can start. */
    boolean hold(MediaSample sample) {
        held.add(sample);
        if (sample instanceof MediaSample.Video video && firstVideo == null) {
            firstVideo = video;
        } else if (sample instanceof MediaSample.Audio audio && firstAudio == null) {
            firstAudio = audio;
        }
        boolean videoReady = !expectVideo || firstVideo != null;
        boolean audioReady = !expectAudio || firstAudio != null;
        boolean waitedEnough = sample.captureNanos() - held.get(0).captureNanos() > WAIT_FOR_TRACKS_NANOS;
        return (videoReady && audioReady) || waitedEnough;
    }

    boolean hasAnything() {
        return !held.isEmpty();
    }

    TrackFormats formats() {
        return new TrackFormats(
                firstVideo == null ? null : new TrackFormats.VideoFormat(firstVideo.frame().width(), firstVideo.frame().height()),
                firstAudio == null ? null : new TrackFormats.AudioFormat(firstAudio.audio().sampleRate(), firstAudio.audio().channels()));
    }

    /** Time zero on the capture clock. */
    long origin() {
        long origin = Long.MIN_VALUE;
        if (firstVideo != null) {
            origin = firstVideo.captureNanos();
        }
        if (firstAudio != null) {
            origin = Math.max(origin, firstAudio.captureNanos());
        }
        return origin;
    }

    /** The held samples that belong on the timeline, in arrival order, the lead-in video moved to zero. */
    List<MediaSample> release() {
        long origin = origin();
        List<MediaSample> kept = new ArrayList<>();
        MediaSample.Video leadIn = null;
        long firstKeptVideo = Long.MAX_VALUE;
        for (MediaSample sample : held) {
            if (sample.captureNanos() >= origin) {
                kept.add(sample);
                if (sample instanceof MediaSample.Video) {
                    firstKeptVideo = Math.min(firstKeptVideo, sample.captureNanos());
                }
            } else if (sample instanceof MediaSample.Video video) {
                leadIn = video;
            }
        }
        // The lead-in fills the gap until the next frame; a frame close behind needs no filler, and
        // two frames a few milliseconds apart would collide on a player's frame clock.
        if (leadIn != null && firstKeptVideo - origin >= MIN_LEAD_IN_NANOS) {
            kept.add(0, new MediaSample.Video(leadIn.frame(), origin));
        }
        held.clear();
        return kept;
    }
}
