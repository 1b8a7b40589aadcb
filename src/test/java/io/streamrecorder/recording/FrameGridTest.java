package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FrameGridTest {

    @Test
    void putsFramesOnTheNearestSlot() {
        FrameGrid grid = new FrameGrid(30);
        assertEquals(OptionalLong.of(0), grid.place(1_000));
        assertEquals(OptionalLong.of(33_333), grid.place(31_000));
        assertEquals(OptionalLong.of(66_667), grid.place(70_000));
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
        java.util.Random jitter = new java.util.Random(7);
        int kept = 0;
        for (int i = 0; i < 900; i++) {
            // Half a slot off the grid, give or take 3 ms.
            long micros = Math.round((i + 0.5) * 1e6 / 30) + jitter.nextInt(6_001) - 3_000;
            if (grid.place(micros).isPresent()) {
                kept++;
            }
        }
        assertEquals(900, kept);
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
