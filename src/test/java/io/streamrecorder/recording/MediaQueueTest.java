package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.PcmAudio;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MediaQueueTest {

    private static final long QUIET = TimeUnit.SECONDS.toNanos(10);
    private final MediaQueue queue = new MediaQueue(2, 1, () -> "test.mp4.part");

    @Test
    void anEncoderIsStuckOnlyWhenTheQueueIsFullAndNothingWasTakenForTheWholeQuietTime() throws Exception {
        queue.offerAudio(chunk(), 0);
        assertFalse(queue.stalled(System.nanoTime() + QUIET, QUIET), "not full: a quiet stream, not a stuck encoder");
        queue.offerAudio(chunk(), 0);
        assertFalse(queue.stalled(System.nanoTime(), QUIET), "full, but only just");
        assertTrue(queue.stalled(System.nanoTime() + QUIET, QUIET), "full, and nothing taken for the quiet time");
        queue.take();
        queue.offerAudio(chunk(), 0);
        assertFalse(queue.stalled(System.nanoTime() + QUIET / 2, QUIET), "full again, but the encoder took one just now");
    }

    private static PcmAudio chunk() {
        return new PcmAudio(new byte[960 * 2], 48_000, 1, 480);
    }
}
