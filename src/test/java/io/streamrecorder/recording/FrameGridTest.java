package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameGridTest {

    @Test
    void putsFramesOnTheNearestSlotOfAGridInTheFirstFramesPhase() {
        FrameGrid grid = new FrameGrid(30);
        assertEquals(OptionalLong.of(1_000), grid.place(1_000));
        assertEquals(OptionalLong.of(34_333), grid.place(31_000));
        assertEquals(OptionalLong.of(67_667), grid.place(70_000));
    }

    @ParameterizedTest
    @ValueSource(ints = {14_000, -14_000, 25_000})
    void settlesOnTheFramesPhaseWhenTheFirstFrameIsOffIt(int firstFrameOffMicros) {
        FrameGrid grid = new FrameGrid(30);
        Random jitter = new Random(11);
        // The key frame off the phase of the frames that follow it, which jitter by 3 ms.
        long last = grid.place(firstFrameOffMicros + 100_000).orElseThrow();
        List<Long> moved = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            long micros = 100_000 + Math.round(i * 1e6 / 30) + jitter.nextInt(6_001) - 3_000;
            OptionalLong placed = grid.place(micros);
            if (placed.isPresent()) {
                assertTrue(placed.getAsLong() - last >= 33_333, "frame " + i + " less than a slot after the one before");
                last = placed.getAsLong();
                if (i > FrameGrid.SKIP_FRAMES + FrameGrid.SETTLE_FRAMES + 1) {
                    moved.add(Math.abs(placed.getAsLong() - micros));
                }
            }
        }
        Collections.sort(moved);
        assertTrue(moved.get(moved.size() / 2) <= 2_000, "frames keep their own times, moved by a median of " + moved.get(moved.size() / 2) + " us");
        assertTrue(moved.size() >= 600 - FrameGrid.SKIP_FRAMES - FrameGrid.SETTLE_FRAMES - 2, "at most one frame dropped: " + moved.size());
    }

    @Test
    void followsASourceWhosePhaseStepsAfterTheGridSettled() {
        FrameGrid grid = new FrameGrid(30);
        Random jitter = new Random(5);
        long last = Long.MIN_VALUE / 2;
        int kept = 0;
        long worst = 0;
        for (int i = 0; i < 600; i++) {
            // 10 s in, the frames come 0.4 slot (13 ms) later and stay there; one of them, 0.55 slot
            // later, crosses into the next slot. The grid's phase is then 0.4 slot off the source's:
            // holding it, every frame sat 13 ms early, or, from the one that crossed on, 20 ms late.
            double slots = i + (i >= 300 ? 0.4 : 0) + (i == 305 ? 0.15 : 0);
            long micros = 100_000 + Math.round(slots * 1e6 / 30) + jitter.nextInt(2_001) - 1_000;
            OptionalLong placed = grid.place(micros);
            if (placed.isPresent()) {
                assertTrue(placed.getAsLong() - last >= 33_333, "frame " + i + " less than a slot after the one before");
                last = placed.getAsLong();
                kept++;
                if (i >= 300 + 2 * FrameGrid.FOLLOW_FRAMES) {
                    worst = Math.max(worst, Math.abs(placed.getAsLong() - micros));
                }
            }
        }
        assertTrue(worst <= 1e6 / 30 * FrameGrid.FOLLOW_OFFSET + 1_000, "frames two windows after the step moved by up to " + worst + " us");
        assertTrue(kept >= 598, kept + " of 600 frames kept");
    }

    @Test
    void keepsTheTimesOfASteadySourceOffTheGridsPhase() {
        FrameGrid grid = new FrameGrid(30);
        for (int i = 0; i < 300; i++) {
            long micros = 12_000 + Math.round(i * 1e6 / 30);
            assertEquals(micros, grid.place(micros).orElseThrow(), 1.0, "frame " + i);
        }
    }

    @Test
    void dropsAFrameWhoseSlotIsTaken() {
        FrameGrid grid = new FrameGrid(30);
        grid.place(0);
        assertTrue(grid.place(10_000).isEmpty());
        assertEquals(OptionalLong.of(33_333), grid.place(40_000));
    }

    @Test
    void leavesSlotsEmptyAcrossAGap() {
        FrameGrid grid = new FrameGrid(30);
        grid.place(0);
        assertEquals(OptionalLong.of(200_000), grid.place(199_000));
    }

    @Test
    void keepsEveryFrameOfASourceAtTheGridRateJitteringAroundASlotBoundary() {
        FrameGrid grid = new FrameGrid(30);
        Random jitter = new Random(7);
        int kept = 0;
        grid.place(0);
        for (int i = 1; i < 900; i++) {
            // After the first, half a slot off the grid (the source skipped), give or take 3 ms.
            long micros = Math.round((i + 0.5) * 1e6 / 30) + jitter.nextInt(6_001) - 3_000;
            if (grid.place(micros).isPresent()) {
                kept++;
            }
        }
        // Until the grid settles on their phase, about half of these would share a slot with the
        // frame before; when it settles, one frame may go so that no two frames come closer than a slot.
        assertTrue(kept >= 898, kept + " of 899 frames kept");
    }

    @Test
    void neverStretchesASourceALittleFasterThanTheGrid() {
        FrameGrid grid = new FrameGrid(30);
        long last = 0;
        for (int i = 0; i < 350; i++) {
            long micros = Math.round(i * 1e6 / 35);
            OptionalLong slot = grid.place(micros);
            if (slot.isPresent()) {
                assertTrue(slot.getAsLong() - micros <= FrameGrid.MAX_LEAD * 1e6 / 30 + 1, "frame " + i + " moved ahead");
                last = slot.getAsLong();
            }
        }
        assertTrue(last <= 10_000_000, "ten seconds of frames end by " + last);
    }

    @Test
    void keepsTheClockOfASourceSendingItsFramesInPairs() {
        FrameGrid grid = new FrameGrid(30);
        long last = 0;
        for (int i = 0; i < 500; i++) {
            // 25 fps captured by a starved browser: two frames 2 ms apart every 80 ms.
            long micros = (i / 2) * 80_000L + (i % 2) * 2_000L;
            OptionalLong slot = grid.place(micros);
            if (slot.isPresent()) {
                assertTrue(Math.abs(slot.getAsLong() - micros) <= 1e6 / 30, "frame " + i + " moved");
                last = slot.getAsLong();
            }
        }
        assertTrue(Math.abs(last - 249 * 80_000L) <= 1e6 / 30, "the last frame at " + last);
    }

    @Test
    void halvesAFasterSource() {
        FrameGrid grid = new FrameGrid(30);
        int kept = 0;
        for (int i = 0; i < 600; i++) {
            if (grid.place(Math.round(i * 1e6 / 60)).isPresent()) {
                kept++;
            }
        }
        assertEquals(300, kept);
    }

    @Test
    void refusesSillyRates() {
        assertThrows(IllegalArgumentException.class, () -> new FrameGrid(0));
    }
}
