package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PausedSpansTest {

    private final PausedSpans spans = new PausedSpans(1);

    @Test
    void coversWhatWasCapturedWhilePausedAndCountsItBetweenTwoInstants() {
        assertTrue(spans.pause(100));
        assertFalse(spans.pause(120), "a second pause changes nothing");
        assertTrue(spans.resume(150));
        assertFalse(spans.resume(160), "nor does a resume while recording");
        spans.pause(300);

        assertFalse(spans.covers(99));
        assertTrue(spans.covers(100));
        assertTrue(spans.covers(149));
        assertFalse(spans.covers(150));
        assertTrue(spans.covers(10_000), "still paused");
        assertTrue(spans.isPaused());

        assertEquals(50, spans.between(0, 200));
        assertEquals(30, spans.between(120, 200), "only what lies after the start counts");
        assertEquals(50 + 20, spans.between(0, 320));
    }

    @Test
    void takesOutWholeFramePeriodsSoFramesKeepTheirPhase() {
        PausedSpans framed = new PausedSpans(33);
        framed.pause(1_000);
        framed.resume(1_100);
        assertEquals(99, framed.between(0, 2_000), "3 frame periods of the 100 paused");
        assertEquals(100, framed.lasted(0, 2_000), "as long as it lasted, for the log");
        assertTrue(framed.covers(1_099), "what was captured while paused is still left out");
    }

    @Test
    void refusesToBePausedWithoutEnd() {
        for (int i = 0; i < PausedSpans.MAX_PAUSES; i++) {
            spans.pause(i * 10L);
            spans.resume(i * 10L + 5);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> spans.pause(1_000_000));
        assertEquals("A recording can be paused 1000 times; stop and publish again", e.getMessage());
    }
}
