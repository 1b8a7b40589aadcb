package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.recording.humble.HumbleMediaWriterFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSessionTest {

    private static final long MS = 1_000_000;

    @TempDir
    Path root;

    private final MediaWriterFactory writers = new HumbleMediaWriterFactory(new EncoderSettings("ultrafast", 30, 30, 64_000));

    @Test
    void finalisesTheFileUnderItsFinalNameWithItsDuration() throws Exception {
        RecordingSession session = start(true, true);
        long t0 = 5_000 * MS;
        for (int i = 0; i < 60; i++) {
            session.offerVideo(TestMedia.frame(320, 240, i), t0 + i * 33_333_333L);
        }
        for (int i = 0; i < 200; i++) {
            session.offerAudio(TestMedia.tone(i, 48_000, 2), t0 + 40 * MS + i * 10 * MS);
        }
        RecordInfo info = session.finish().get(30, TimeUnit.SECONDS).orElseThrow();

        assertEquals(session.fileName(), info.fileName());
        assertTrue(Files.isRegularFile(info.file()));
        assertFalse(Files.exists(root.resolve(session.fileName() + ".part")), "no partial file is left");
        assertEquals(Files.size(info.file()), info.sizeBytes());
        // Both tracks start at the audio's first chunk (40 ms in); audio runs 2 s from there.
        assertEquals(2000, info.durationMillis(), 20);
    }

    @Test
    void leavesNoFileWhenNoMediaArrived() throws Exception {
        RecordingSession session = start(true, true);
        Optional<RecordInfo> info = session.finish().get(10, TimeUnit.SECONDS);
        assertTrue(info.isEmpty());
        try (var files = Files.list(root)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void stopsAcceptingMediaOnceFinished() throws Exception {
        RecordingSession session = start(true, false);
        session.offerVideo(TestMedia.frame(320, 240, 0), 0);
        RecordInfo info = session.finish().get(10, TimeUnit.SECONDS).orElseThrow();
        session.offerVideo(TestMedia.frame(320, 240, 1), 33 * MS);
        assertEquals(0, info.durationMillis());
    }

    private RecordingSession start(boolean video, boolean audio) throws Exception {
        RecordingSession session = new RecordingSession("cam", new RecordsDirectory(root).reserve("cam", Instant.now()),
                writers, 512, 30, video, audio, Thread::new);
        session.start();
        return session;
    }
}
