package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.PcmAudio;
import org.junit.jupiter.api.Test;

class ResumeSilenceTest {

    private static final long MS = 1_000_000;

    private final ResumeSilence silence = new ResumeSilence();

    @Test
    void fillsWhatAPauseLeftOfAFramePeriodWithSilence() {
        silence.before(chunk(), 1_000_000, 0);
        // Paused: the next chunk 3 s on, of which whole frame periods took out all but 15 ms.
        ResumeSilence.Silence gap = silence.before(chunk(), 1_025_000, 2_985 * MS).orElseThrow();
        assertEquals(1_010_000, gap.ptsMicros(), "where the chunk before the pause ended");
        assertEquals(720, gap.audio().frames(), "15 ms at 48 kHz");
        assertEquals(0, gap.audio().data()[100]);
        assertEquals(2 * 720, gap.audio().data().length);
    }

    @Test
    void leavesGapsWithoutAPauseToTheAudioTimeline() {
        silence.before(chunk(), 1_000_000, 0);
        assertTrue(silence.before(chunk(), 1_030_000, 0).isEmpty(), "arrival jitter");
        assertTrue(silence.before(chunk(), 1_040_000, 0).isEmpty());
    }

    @Test
    void addsNothingWhenTheChunkAfterThePauseOverlaps() {
        silence.before(chunk(), 1_000_000, 0);
        assertTrue(silence.before(chunk(), 1_005_000, 3_000 * MS).isEmpty());
    }

    @Test
    void addsNothingBeforeTheFirstChunk() {
        assertTrue(silence.before(chunk(), 1_000_000, 3_000 * MS).isEmpty());
    }

    private static PcmAudio chunk() {
        return new PcmAudio(new byte[960], 48_000, 1, 480);
    }
}
