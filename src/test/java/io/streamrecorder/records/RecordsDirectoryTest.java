package io.streamrecorder.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.DiskFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsDirectoryTest {

    private static final Instant START = Instant.parse("2026-11-25T10:15:30Z");
    private static final Instant END = Instant.parse("2026-11-25T10:20:00Z");
    private static final RecordingMetadata NONE = RecordingMetadata.NONE;

    @TempDir
    Path root;

    @Test
    void writesToAPartialFileNamedAfterStreamStartAndSession() throws Exception {
        RecordsDirectory.RecordingFile file = directory("{streamName}-{startTime}").reserve("cam", START, "ab12", NONE);
        assertEquals(root.resolve("cam-20261125T101530Z-ab12.mp4.part"), file.partial());
        assertTrue(Files.exists(file.partial()));
    }

    @Test
    void namesTheFinishedFileByTheTemplate() throws Exception {
        RecordsDirectory directory = directory("rec_{sessionId}_{streamName}_{startTime}_{endTime}");
        RecordsDirectory.RecordingFile file = directory.reserve("cam", START, "ab12", NONE);
        Path finished = directory.publish(file.partial(), file, END);
        assertEquals(root.resolve("rec_ab12_cam_20261125T101530Z_20261125T102000Z.mp4"), finished);
        assertTrue(Files.exists(finished));
    }

    @Test
    void keepsMetadataBesideTheRecordingFromReservationToItsFinalName() throws Exception {
        RecordsDirectory directory = directory("{streamName}-{startTime}");
        RecordingMetadata metadata = RecordingMetadata.of(Map.of("customer", "ACME Ltd", "case", "42"));
        RecordsDirectory.RecordingFile file = directory.reserve("cam", START, "s1", metadata);
        assertEquals(metadata, MetadataSidecar.read(file.partial()), "kept from the start, so a crash keeps it");

        Path finished = directory.publish(file.partial(), file, END);

        assertEquals(metadata, MetadataSidecar.read(finished));
        assertFalse(Files.exists(MetadataSidecar.of(file.partial())), "moved, not copied");
    }

    @Test
    void tellsWhoListensOfEachReservationAndAFollowerWhereTheFileWent() throws Exception {
        List<RecordsDirectory.RecordingFile> reserved = new ArrayList<>();
        RecordsDirectory directory = new RecordsDirectory(root, FileNameTemplate.parse("{streamName}-{startTime}"), 0,
                reserved::add);
        RecordsDirectory.RecordingFile followed = directory.reserve("cam", START, "s1", NONE);
        RecordsDirectory.RecordingFile unfollowed = directory.reserve("mic", START, "s2", NONE);
        assertEquals(List.of(followed, unfollowed), reserved);
        assertEquals(Optional.of("cam-20261125T101530Z.mp4"), directory.finalNameFromStart(followed));
        PartialForwarding.follow(followed.partial());
        assertEquals(Optional.empty(), PartialForwarding.destination(followed.partial()), "not finished yet");

        Path finished = directory.publish(followed.partial(), followed, END);
        directory.publish(unfollowed.partial(), unfollowed, END);

        assertEquals(Optional.of(finished), PartialForwarding.destination(followed.partial()));
        assertFalse(PartialForwarding.isFollowed(unfollowed.partial()), "no forwarding for a file nobody follows");
        PartialForwarding.forget(followed.partial());
        assertFalse(PartialForwarding.isFollowed(followed.partial()));
    }

    @Test
    void knowsNoFinalNameAtTheStartWhenTheTemplateNamesTheEnd() throws Exception {
        RecordsDirectory directory = directory("{streamName}-{startTime}-{endTime}");
        assertEquals(Optional.empty(), directory.finalNameFromStart(directory.reserve("cam", START, "s1", NONE)));
    }

    @Test
    void discardsAnEmptyRecordingWithItsMetadataAndItsForwardFile() throws Exception {
        RecordsDirectory directory = directory("{streamName}");
        RecordsDirectory.RecordingFile file = directory.reserve("cam", START, "s1", RecordingMetadata.of(Map.of("a", "b")));
        PartialForwarding.follow(file.partial());

        directory.discard(file);

        assertEquals(List.of(), Files.list(root).toList());
    }

    @Test
    void writesNoSidecarForNoMetadataAndReadsNoneBack() throws Exception {
        RecordsDirectory.RecordingFile file = directory("{streamName}").reserve("cam", START, "s1", NONE);
        assertFalse(Files.exists(MetadataSidecar.of(file.partial())));
        assertEquals(NONE, MetadataSidecar.read(file.partial()));
    }

    @Test
    void refusesToReadASidecarThatNoLongerHoldsValidMetadata() throws Exception {
        Path recording = root.resolve("cam.mp4");
        Files.writeString(MetadataSidecar.of(recording), "{\"Not A Key\":\"x\"}");
        IOException e = assertThrows(IOException.class, () -> MetadataSidecar.read(recording));
        assertTrue(e.getMessage().startsWith("cam.mp4.meta.json holds no valid metadata"), e.getMessage());
    }

    @Test
    void neverReplacesAnotherRecordingWithTheSameName() throws Exception {
        RecordsDirectory directory = directory("{streamName}");
        RecordsDirectory.RecordingFile first = directory.reserve("cam", START, "s1", NONE);
        RecordsDirectory.RecordingFile second = directory.reserve("cam", START, "s1", NONE);
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
        RecordsDirectory.RecordingFile file = directory.reserve("cam", START, "s1", NONE);
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
        directory.reserve("my-cam", START, "ab12", NONE);
        RecordsDirectory.RecordingFile done = directory.reserve("other", START, "ab12", NONE);
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
        DiskFullException refused = assertThrows(DiskFullException.class, () -> directory.reserve("cam", START, "s1", NONE));
        assertTrue(refused.getMessage().startsWith("disk full"), refused.getMessage());
    }

    private RecordsDirectory directory(String template) {
        return new RecordsDirectory(root, FileNameTemplate.parse(template), 0);
    }
}
