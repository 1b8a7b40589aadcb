package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SegmentTimelineTest {

    private static final long MS = 1_000_000;
    private static final long ORIGIN = 10_000 * MS;

    private final PausedSpans paused = new PausedSpans(1_000_000_000L / 30);
    private final SegmentTimeline timeline = new SegmentTimeline(ORIGIN, paused, 30);

    @Test
    void leavesPausedTimeOutInWholeFramePeriods() {
        paused.pause(ORIGIN + 1_000 * MS);
        paused.resume(ORIGIN + 1_500 * MS);
        assertEquals(900_000, timeline.micros(ORIGIN + 900 * MS));
        // 15 whole periods (500 ms) of the 500 ms paused: all of it.
        assertEquals(2_000_000, timeline.micros(ORIGIN + 2_500 * MS), 1);
        assertEquals(0, timeline.micros(ORIGIN - 5 * MS), "captured before the segment began");
        assertEquals(500 * MS, timeline.pausedUntil(ORIGIN + 3_000 * MS));
    }

    @Test
    void tellsOfTheCutBeforeTheFirstAudioAfterEachResume() {
        assertFalse(timeline.audioFollowsCut(ORIGIN + 900 * MS));
        paused.pause(ORIGIN + 1_000 * MS);
        paused.resume(ORIGIN + 1_520 * MS);
        assertTrue(timeline.audioFollowsCut(ORIGIN + 1_530 * MS));
        assertFalse(timeline.audioFollowsCut(ORIGIN + 1_540 * MS), "only the first chunk after it");
    }

    @Test
    void putsFramesOnTheGrid() {
        assertEquals(0, timeline.videoAt(0).orElseThrow());
        assertEquals(33_333, timeline.videoAt(34_000).orElseThrow(), 1);
        assertTrue(timeline.videoAt(40_000).isEmpty(), "its slot is taken");
    }
}
