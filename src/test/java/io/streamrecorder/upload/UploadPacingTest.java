package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UploadPacingTest {

    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    /** A clock that only the pacing's waits and the test move. */
    private long now = 1_000 * SECOND;
    private long waited;

    private UploadPacing pacing(long bytesPerSecond) {
        return new UploadPacing(bytesPerSecond, () -> now, nanos -> {
            waited += nanos;
            now += nanos;
        });
    }

    @Test
    void holdsAnUploadToItsRateBeyondOneSecondOfCredit() throws Exception {
        UploadPacing pacing = pacing(MIB);
        for (int part = 0; part < 5; part++) {
            pacing.sent(MIB);
        }
        assertEquals(4 * SECOND, waited, "5 MiB at 1 MiB/s: the first second's worth at once, then the link's pace");
    }

    @Test
    void timeSpentIdleEarnsAtMostOneSecondOfCredit() throws Exception {
        UploadPacing pacing = pacing(MIB);
        pacing.sent(MIB);
        now += 600 * SECOND;
        pacing.sent(3 * MIB);
        assertEquals(2 * SECOND, waited, "ten idle minutes do not let 3 MiB through a 1 MiB/s link at once");
    }

    @Test
    void withoutALimitNeverWaits() throws Exception {
        UploadPacing pacing = pacing(0);
        pacing.sent(1024 * MIB);
        assertEquals(0, waited);
    }
}
