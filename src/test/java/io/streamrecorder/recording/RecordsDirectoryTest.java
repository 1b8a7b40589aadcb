package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsDirectoryTest {

    private static final Instant START = Instant.parse("2026-11-25T10:15:30Z");

    @TempDir
    Path root;

    @Test
    void namesFilesAfterStreamAndStartTime() throws Exception {
        RecordsDirectory.RecordingFile file = new RecordsDirectory(root).reserve("cam", START);
        assertEquals(root.resolve("cam-20261125T101530Z.mp4.part"), file.partial());
        assertEquals("cam-20261125T101530Z.mp4", file.fileName());
        assertTrue(Files.exists(file.partial()));
    }

    @Test
    void givesTwoRecordingsStartingInTheSameSecondDifferentFiles() throws Exception {
        RecordsDirectory directory = new RecordsDirectory(root);
        RecordsDirectory.RecordingFile first = directory.reserve("cam", START);
        RecordsDirectory.RecordingFile second = directory.reserve("cam", START);
        assertEquals("cam-20261125T101530Z-1.mp4", second.fileName());
        assertTrue(!first.partial().equals(second.partial()));
    }

    @Test
    void findsOnlyFinishedRecordingsInsideTheRoot() throws Exception {
        RecordsDirectory directory = new RecordsDirectory(root.resolve("records"));
        RecordsDirectory.RecordingFile file = directory.reserve("cam", START);
        Files.move(file.partial(), file.finished());
        Files.writeString(root.resolve("secret.mp4"), "not yours");

        assertEquals(file.finished(), directory.finishedRecording("cam-20261125T101530Z.mp4").orElseThrow());
        assertTrue(directory.finishedRecording("../secret.mp4").isEmpty());
        assertTrue(directory.finishedRecording("..%2Fsecret.mp4").isEmpty());
        assertTrue(directory.finishedRecording("cam-20261125T101530Z.mp4.part").isEmpty());
        assertTrue(directory.finishedRecording("missing.mp4").isEmpty());
        assertTrue(directory.finishedRecording("").isEmpty());
    }

    @Test
    void tellsTheStreamOfARecordingFile() {
        assertEquals("cam-1", RecordsDirectory.streamNameOf("cam-1-20261125T101530Z.mp4").orElseThrow());
        assertEquals("cam", RecordsDirectory.streamNameOf("cam-20261125T101530Z-2.mp4").orElseThrow());
        assertTrue(RecordsDirectory.streamNameOf("cam.mp4").isEmpty());
    }

    @Test
    void listsRecordingsACrashLeftUnfinished() throws Exception {
        RecordsDirectory directory = new RecordsDirectory(root);
        RecordsDirectory.RecordingFile unfinished = directory.reserve("cam", START);
        RecordsDirectory.RecordingFile done = directory.reserve("other", START);
        Files.move(done.partial(), done.finished());
        assertEquals(java.util.List.of(unfinished), directory.unfinished());
    }
}
