package io.streamrecorder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RenderLeadTest {

    private static final long MS = 1_000_000;

    private final RenderLead lead = new RenderLead();

    @Test
    void startsAsAPlainMeanOfTheFirstFrames() {
        assertEquals(2 * MS, lead.add(2 * MS), "the key frame, decoded late");
        assertEquals(6 * MS, lead.add(10 * MS));
        assertEquals(8 * MS, lead.add(12 * MS));
    }

    @Test
    void thenMovesByAFiftiethOfEachFramesDisagreement() {
        for (int i = 0; i < 200; i++) {
            lead.add(10 * MS);
        }
        assertEquals(10 * MS + MS, lead.add(60 * MS), "one frame 50 ms off moves it by 1 ms");
    }
}
