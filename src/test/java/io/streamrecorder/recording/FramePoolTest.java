package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.streamrecorder.encoder.I420Frame;
import org.junit.jupiter.api.Test;

class FramePoolTest {

    @Test
    void handsOutAGivenBackFrameAgain() {
        FramePool pool = new FramePool(2);
        I420Frame frame = pool.take(64, 48);
        pool.giveBack(frame);
        assertSame(frame, pool.take(64, 48));
        assertNotSame(frame, pool.take(64, 48), "taken already");
    }

    @Test
    void makesFramesOfANewSizeAndForgetsTheOldOnes() {
        FramePool pool = new FramePool(2);
        I420Frame small = pool.take(64, 48);
        pool.giveBack(small);
        I420Frame large = pool.take(65, 49);
        assertEquals(65 * 49, large.y().length);
        assertEquals(33 * 25, large.u().length);
        assertEquals(33 * 25, large.v().length);
        pool.giveBack(large);
        assertSame(large, pool.take(65, 49));
        assertNotSame(small, pool.take(64, 48), "the small frame went when the size changed");
    }

    @Test
    void keepsNoMoreThanItsCapacity() {
        FramePool pool = new FramePool(1);
        I420Frame first = pool.take(64, 48);
        I420Frame second = pool.take(64, 48);
        pool.giveBack(first);
        pool.giveBack(second);
        assertSame(first, pool.take(64, 48));
        I420Frame third = pool.take(64, 48);
        assertNotSame(first, third);
        assertNotSame(second, third);
    }
}
