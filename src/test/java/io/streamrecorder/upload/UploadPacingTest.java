package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UploadPacingTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void holdsAnUploadToItsRate() throws Exception {
        UploadPacing pacing = new UploadPacing(8 * MIB);
        long start = System.nanoTime();
        for (int part = 0; part < 4; part++) {
            pacing.sent(MIB);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 495, "4 MiB at 8 MiB/s take half a second, took " + millis + " ms");
    }

    @Test
    void withoutALimitNeverWaits() throws Exception {
        UploadPacing pacing = new UploadPacing(0);
        long start = System.nanoTime();
        pacing.sent(1024 * MIB);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Whether it waits is the subject, not how fast it is: a generous bound, half the paced case's half second.
        assertTrue(millis < 250, "no limit, no wait; took " + millis + " ms");
    }
}
