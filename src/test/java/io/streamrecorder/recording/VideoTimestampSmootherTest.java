package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VideoTimestampSmootherTest {

    @Test
    void spacesJitteryFramesEvenlyWhileFollowingTheMeasuredClock() {
        VideoTimestampSmoother smoother = new VideoTimestampSmoother();
        Random random = new Random(42);
        long previous = -1;
        long last = 0;
        for (int i = 0; i < 3000; i++) {
            long ideal = Math.round(i * 1_000_000.0 / 30);
            // Millisecond resolution and up to +-6 ms jitter, as render times from webrtc have.
            long measured = (ideal + random.nextInt(12_001) - 6_000) / 1000 * 1000;
            long smoothed = smoother.smooth(measured);
            if (previous >= 0 && i > 30) {
                long delta = smoothed - previous;
                assertTrue(delta > 30_000 && delta < 36_700, "frame " + i + " spaced " + delta + " us");
            }
            assertEquals(ideal, smoothed, 8_000, "frame " + i + " stays on the measured clock");
            previous = smoothed;
            last = smoothed;
        }
        assertEquals(2999 * 1_000_000.0 / 30, last, 5_000);
    }

    @Test
    void resynchronisesAfterAGap() {
        VideoTimestampSmoother smoother = new VideoTimestampSmoother();
        for (int i = 0; i < 10; i++) {
            smoother.smooth(i * 33_333L);
        }
        assertEquals(2_000_000, smoother.smooth(2_000_000));
    }

    @Test
    void absorbsEarlyFramesWithoutBunchingThem() {
        VideoTimestampSmoother smoother = new VideoTimestampSmoother();
        // As seen from webrtc while its jitter buffer settles: the fourth frame 15 ms after the third.
        long[] measured = {0, 33_300, 65_940, 81_000, 114_200, 147_200, 180_000, 213_000};
        long previous = smoother.smooth(measured[0]);
        for (int i = 1; i < measured.length; i++) {
            long smoothed = smoother.smooth(measured[i]);
            assertTrue(smoothed - previous >= 31_000, "frame " + i + " spaced " + (smoothed - previous) + " us");
            previous = smoothed;
        }
        // A clock that steps 300 ms back is followed within seconds, still without bunching.
        long last = previous;
        for (int i = 0; i < 600; i++) {
            long smoothed = smoother.smooth(213_000 - 300_000 + (i + 1) * 33_333L);
            assertTrue(smoothed - last >= 31_000, "spaced " + (smoothed - last) + " us");
            last = smoothed;
        }
        assertEquals(213_000 - 300_000 + 600 * 33_333L, last, 2_000);
    }

    @Test
    void neverGoesBackwards() {
        VideoTimestampSmoother smoother = new VideoTimestampSmoother();
        long first = smoother.smooth(100_000);
        assertTrue(smoother.smooth(90_000) > first);
    }
}
