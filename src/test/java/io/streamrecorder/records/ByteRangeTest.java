package io.streamrecorder.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void servesWholeFileWithoutUsableHeader() throws Exception {
        assertTrue(ByteRange.parse(null, 100).isEmpty());
        assertTrue(ByteRange.parse("items=0-1", 100).isEmpty());
        assertTrue(ByteRange.parse("bytes=0-1,5-6", 100).isEmpty());
        assertTrue(ByteRange.parse("bytes=x-y", 100).isEmpty());
    }

    @Test
    void parsesClosedOpenAndSuffixRanges() throws Exception {
        assertEquals(new ByteRange(10, 19), ByteRange.parse("bytes=10-19", 100).orElseThrow());
        assertEquals(new ByteRange(10, 99), ByteRange.parse("bytes=10-", 100).orElseThrow());
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=-10", 100).orElseThrow());
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-500", 100).orElseThrow());
        assertEquals(new ByteRange(95, 99), ByteRange.parse("bytes=95-500", 100).orElseThrow());
    }

    @Test
    void describesContentRange() {
        assertEquals("bytes 10-19/100", new ByteRange(10, 19).contentRange(100));
        assertEquals(10, new ByteRange(10, 19).length());
    }

    @Test
    void refusesRangesOutsideTheFile() {
        assertThrows(ByteRange.UnsatisfiableRangeException.class, () -> ByteRange.parse("bytes=100-", 100));
        assertThrows(ByteRange.UnsatisfiableRangeException.class, () -> ByteRange.parse("bytes=20-10", 100));
        assertThrows(ByteRange.UnsatisfiableRangeException.class, () -> ByteRange.parse("bytes=-0", 100));
    }
}
