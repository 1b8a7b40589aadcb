package io.streamrecorder.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.DiskFullException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsDirectoryTest {

    private static final Instant START = Instant.parse("2026-11-25T10:15:30Z");
    private static final Instant END = Instant.parse("2026-11-25T10:20:00Z");

    @TempDir
    Path root;

    @Test
    void writesToAPartialFileNamedAfterStreamStartAndSession() throws Exception {
        RecordsDirectory.RecordingFile file = directory("{streamName}-{startTime}").reserve("cam", START, "ab12");
        assertEquals(root.resolve("cam-20261125T101530Z-ab12.mp4.part"), file.partial());
        assertTrue(Files.exists(file.partial()));
    }

    @Test
    void namesTheFinishedFileByTheTemplate() throws Exception {
        RecordsDirectory directory = directory("rec_{sessionId}_{streamName}_{startTime}_{endTime}");
        RecordsDirectory.RecordingFile file = directory.reserve("cam", START, "ab12");
        Path finished = directory.publish(file.partial(), file, END);
        assertEquals(root.resolve("rec_ab12_cam_20261125T101530Z_20261125T102000Z.mp4"), finished);
        assertTrue(Files.exists(finished));
    }

    @Test
    void neverReplacesAnotherRecordingWithTheSameName() throws Exception {
        RecordsDirectory directory = directory("{streamName}");
        RecordsDirectory.RecordingFile first = directory.reserve("cam", START, "s1");
        RecordsDirectory.RecordingFile second = directory.reserve("cam", START, "s1");
        assertNotEquals(first.partial(), second.partial());
        Files.writeString(first.partial(), "first");
        Files.writeString(second.partial(), "second");

        Path one = directory.publish(first.partial(), first, END);
        Path two = directory.publish(second.partial(), second, END);

        assertEquals("cam.mp4", one.getFileName().toString());
        assertEquals("cam-1.mp4", two.getFileName().toString());
        assertEquals("first", Files.readString(one));
        assertEquals("second", Files.readString(two));
    }

    @Test
    void findsOnlyFinishedRecordingsAndPostersInsideTheRoot() throws Exception {
        RecordsDirectory directory = new RecordsDirectory(root.resolve("records"), FileNameTemplate.parse(FileNameTemplate.DEFAULT), 0);
        RecordsDirectory.RecordingFile file = directory.reserve("cam", START, "s1");
        Path finished = directory.publish(file.partial(), file, END);
        Files.writeString(RecordsDirectory.posterOf(finished), "jpeg");
        Files.writeString(root.resolve("secret.mp4"), "not yours");

        assertEquals(finished, directory.finishedRecording("cam-20261125T101530Z.mp4").orElseThrow());
        assertEquals(RecordsDirectory.posterOf(finished), directory.poster("cam-20261125T101530Z.jpg").orElseThrow());
        assertTrue(directory.finishedRecording("../secret.mp4").isEmpty());
        assertTrue(directory.finishedRecording("..%2Fsecret.mp4").isEmpty());
        assertTrue(directory.poster("cam-20261125T101530Z.mp4").isEmpty());
        assertTrue(directory.finishedRecording("missing.mp4").isEmpty());
        assertTrue(directory.finishedRecording("").isEmpty());
        assertEquals(List.of(finished), directory.finishedRecordings());
    }

    @Test
    void findsWhatACrashLeftUnfinishedWithEverythingItsNameNeeds() throws Exception {
        RecordsDirectory directory = directory("{streamName}-{startTime}");
        directory.reserve("my-cam", START, "ab12");
        RecordsDirectory.RecordingFile done = directory.reserve("other", START, "ab12");
        directory.publish(done.partial(), done, END);

        RecordsDirectory.RecordingFile unfinished = directory.unfinished().get(0);
        assertEquals(1, directory.unfinished().size());
        assertEquals("my-cam", unfinished.streamName());
        assertEquals(START, unfinished.startTime());
        assertEquals("ab12", unfinished.sessionId());
    }

    @Test
    void refusesToStartARecordingWithoutTheMinimumFreeSpace() {
        RecordsDirectory directory = new RecordsDirectory(root, FileNameTemplate.parse(FileNameTemplate.DEFAULT), Long.MAX_VALUE);
        DiskFullException refused = assertThrows(DiskFullException.class, () -> directory.reserve("cam", START, "s1"));
        assertTrue(refused.getMessage().startsWith("disk full"), refused.getMessage());
    }

    private RecordsDirectory directory(String template) {
        return new RecordsDirectory(root, FileNameTemplate.parse(template), 0);
    }
}
