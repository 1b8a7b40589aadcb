package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartPlanTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void sendsASmallFileInOnePiece() {
        PartPlan plan = new PartPlan(3 * MIB, 8 * MIB);
        assertFalse(plan.multipart());
        assertEquals(1, plan.partCount());
        assertEquals(new FilePart(1, 0, 3 * MIB, true), plan.part(1));
    }

    @Test
    void cutsALargeFileIntoPartsWithAShorterLastOne() {
        PartPlan plan = new PartPlan(20 * MIB + 5, 8 * MIB);
        assertTrue(plan.multipart());
        assertEquals(3, plan.partCount());
        assertEquals(new FilePart(2, 8 * MIB, 8 * MIB, false), plan.part(2));
        assertEquals(new FilePart(3, 16 * MIB, 4 * MIB + 5, true), plan.part(3));
    }

    @Test
    void aFileOfExactlyOnePartIsNotMultipart() {
        assertFalse(new PartPlan(8 * MIB, 8 * MIB).multipart());
        assertEquals(2, new PartPlan(16 * MIB, 8 * MIB).partCount());
    }

    @Test
    void refusesPlansBeyondTenThousandParts() {
        assertThrows(IllegalArgumentException.class, () -> new PartPlan(10_001 * 5 * MIB, 5 * MIB));
        assertThrows(IllegalArgumentException.class, () -> new PartPlan(10, 10).part(2));
    }
}
