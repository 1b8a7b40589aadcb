package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PausedSpansTest {

    private final PausedSpans spans = new PausedSpans();

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
    void refusesToBePausedWithoutEnd() {
        for (int i = 0; i < PausedSpans.MAX_PAUSES; i++) {
            spans.pause(i * 10L);
            spans.resume(i * 10L + 5);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> spans.pause(1_000_000));
        assertEquals("A recording can be paused 1000 times; stop and publish again", e.getMessage());
    }
}
