package io.streamrecorder.recording;

import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.TrackFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Holds the first samples of a recording until every expected track has produced one, then puts
 * both tracks on one timeline starting at zero. Browsers start audio and video apart, by an amount
 * that differs from launch to launch (docs/BENCHMARKS.md, "Recording fidelity: A/V sync, duration,
 * frame rate"); aligning here keeps the file's tracks in step.
 * <p>
 * Time zero is a video frame's own time: the first frame from {@link #AUDIO_START_SLACK_NANOS}
 * before the first audio on, and earlier samples are dropped. The frame grid takes its phase from
 * the first frame it places, so a zero anywhere else (the first audio's time, with an earlier frame
 * shown from there) put every frame up to half a slot from its own time until the grid settled, 4 s
 * in. The cost is up to one frame period of the first audio.
 */
final class SampleAligner {

    /** A track that has not produced anything by then is treated as absent. */
    static final long WAIT_FOR_TRACKS_NANOS = 3_000_000_000L;
    /**
     * How long before the first audio the first frame may be: the audio then starts within that of
     * zero, as it does after a frame the audio began before (a chunk is 10 ms).
     */
    static final long AUDIO_START_SLACK_NANOS = 10_000_000L;

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
        boolean audioReady = !expectAudio || firstAudio != null;
        boolean videoReady = !expectVideo || audioReady && firstFrameWithAudio() != null;
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

    /**
     * Time zero on the capture clock: the first frame with the audio, else the first audio (a video
     * track that stopped before the audio began starts at its next frame), else the first frame.
     */
    long origin() {
        MediaSample.Video start = firstFrameWithAudio();
        if (start != null) {
            return start.captureNanos();
        }
        return firstAudio != null ? firstAudio.captureNanos() : firstVideo.captureNanos();
    }

    /**
     * The held samples from time zero on, in arrival order; the frames before it go to
     * {@code dropped}, so that their pictures are used again.
     */
    List<MediaSample> release(Consumer<I420Frame> dropped) {
        long origin = origin();
        List<MediaSample> kept = new ArrayList<>();
        for (MediaSample sample : held) {
            if (sample.captureNanos() >= origin) {
                kept.add(sample);
            } else if (sample instanceof MediaSample.Video video) {
                dropped.accept(video.frame());
            }
        }
        held.clear();
        return kept;
    }

    /** The earliest held frame from the slack before the first audio on; any first frame without audio. */
    private MediaSample.Video firstFrameWithAudio() {
        long from = firstAudio == null ? Long.MIN_VALUE : firstAudio.captureNanos() - AUDIO_START_SLACK_NANOS;
        MediaSample.Video first = null;
        for (MediaSample sample : held) {
            if (sample instanceof MediaSample.Video video && video.captureNanos() >= from
                    && (first == null || video.captureNanos() < first.captureNanos())) {
                first = video;
            }
        }
        return first;
    }
}
