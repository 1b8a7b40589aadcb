package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRetentionTest {

    @TempDir
    Path dir;

    private final Instant cutoff = Instant.now().minus(Duration.ofHours(24));

    @Test
    void anOldRecordingGoesOnlyOnceItsUploadIsVerified() throws Exception {
        Path old = recording("old.mp4", Duration.ofHours(30));
        assertFalse(LocalRetention.expired(old, cutoff, true), "not yet in the bucket: kept");
        Files.writeString(UploadResults.resultOf(old), "{}");
        assertTrue(LocalRetention.expired(old, cutoff, true));
    }

    @Test
    void withoutUploadsAgeAloneDecides() throws Exception {
        assertTrue(LocalRetention.expired(recording("old.mp4", Duration.ofHours(30)), cutoff, false));
        assertFalse(LocalRetention.expired(recording("new.mp4", Duration.ofHours(2)), cutoff, false));
    }

    private Path recording(String name, Duration age) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "mp4");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }
}
