package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentRotationTest {

    @TempDir
    Path dir;

    @Test
    void endsASegmentAfterItsRecordedTime() throws Exception {
        SegmentRotation rotation = new SegmentRotation(new RecordingOptions(64, 32, 30, 4_000_000, 0), dir.resolve("a"));
        assertFalse(rotation.due(3_999_999));
        assertTrue(rotation.due(4_000_000));
    }

    @Test
    void looksAtTheFilesSizeOncePerSecondOfMedia() throws Exception {
        Path file = Files.write(dir.resolve("b"), new byte[2_000]);
        SegmentRotation rotation = new SegmentRotation(new RecordingOptions(64, 32, 30, 0, 1_000), file);
        assertFalse(rotation.due(500_000), "not looked at before the first second");
        assertTrue(rotation.due(1_000_000));
        Files.write(file, new byte[500]);
        assertFalse(rotation.due(1_500_000));
        assertFalse(rotation.due(2_100_000), "under the size");
        Files.write(file, new byte[1_000]);
        assertFalse(rotation.due(2_500_000), "not looked at again until a second later");
        assertTrue(rotation.due(3_100_000));
    }
}
