package io.streamrecorder.recording;

import io.streamrecorder.encoder.PcmAudio;
import java.util.Optional;

/**
 * The audio's side of a resume. A pause takes out whole frame periods ({@link PausedSpans}), so the
 * media after a resume starts up to a period later on the file's timeline than the media before the
 * pause ended. The frame grid holds the last frame over that gap; the audio timeline would take a
 * gap that short for arrival jitter and make it up by resampling, the sound running early for seconds
 * after every resume. Silence fills the gap instead, as it fills a gap in what arrives.
 */
final class ResumeSilence {

    private long pausedNanos;
    private long endMicros = -1;

    /**
     * The silence to write before a chunk at {@code ptsMicros}, now that {@code pausedNanos} have
     * been taken out of the timeline before it; empty unless a pause lies between it and the chunk before.
     */
    Optional<Silence> before(PcmAudio chunk, long ptsMicros, long pausedNanos) {
        boolean resumed = pausedNanos != this.pausedNanos && endMicros >= 0;
        long gapMicros = ptsMicros - endMicros;
        long lastEnd = endMicros;
        this.pausedNanos = pausedNanos;
        endMicros = ptsMicros + chunk.frames() * 1_000_000L / chunk.sampleRate();
        int frames = (int) (gapMicros * chunk.sampleRate() / 1_000_000);
        if (!resumed || frames <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Silence(new PcmAudio(new byte[frames * chunk.channels() * 2], chunk.sampleRate(),
                chunk.channels(), frames), lastEnd));
    }

    /** Silent samples to write at {@code ptsMicros}, where the audio before the pause ended. */
    record Silence(PcmAudio audio, long ptsMicros) {
    }
}
