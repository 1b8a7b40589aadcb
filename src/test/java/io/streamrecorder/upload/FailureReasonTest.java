package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void aShortReasonIsTheExitStatus() {
        assertEquals("FAILED: S3 unreachable", FailureReason.exitStatus("S3 unreachable"));
    }

    @Test
    void aLongReasonIsCutToWhatTheJobRepositoryStores() {
        String status = FailureReason.exitStatus("S3 unreachable: " + "x".repeat(2000));
        assertEquals(FailureReason.MAX_EXIT_STATUS, status.length());
        assertTrue(status.startsWith("FAILED: S3 unreachable: ") && status.endsWith("..."), status);
    }
}
