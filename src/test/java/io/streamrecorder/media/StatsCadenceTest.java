package io.streamrecorder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsCadenceTest {

    private final StatsCadence cadence = new StatsCadence();

    @Test
    void readsAtEveryPollWhileWaitingAndThroughTheSettlingThenEveryFifth() {
        for (int i = 0; i < 7; i++) {
            assertTrue(cadence.due(true));
        }
        assertEquals(StatsCadence.SETTLING_READS, reads(StatsCadence.SETTLING_READS));
        assertEquals(4, reads(20));
    }

    @Test
    void settlesAgainAfterANewWait() {
        reads(StatsCadence.SETTLING_READS + 10);
        assertTrue(cadence.due(true), "video's first frames, say, after audio had been stamped for seconds");
        assertEquals(StatsCadence.SETTLING_READS, reads(StatsCadence.SETTLING_READS));
    }

    private int reads(int polls) {
        int reads = 0;
        for (int i = 0; i < polls; i++) {
            reads += cadence.due(false) ? 1 : 0;
        }
        return reads;
    }
}
