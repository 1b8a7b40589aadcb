package io.streamrecorder.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.DiskFullException;
import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.MediaWriter;
import io.streamrecorder.encoder.MediaWriterFactory;
import io.streamrecorder.encoder.PcmAudio;
import io.streamrecorder.encoder.TestMedia;
import io.streamrecorder.encoder.ffmpeg.FfmpegMediaFiles;
import io.streamrecorder.encoder.ffmpeg.FfmpegMediaWriterFactory;
import io.streamrecorder.records.FileNameTemplate;
import io.streamrecorder.records.RecordInfo;
import io.streamrecorder.records.RecordingFinaliser;
import io.streamrecorder.records.RecordingMetadata;
import io.streamrecorder.records.RecordsDirectory;
import io.streamrecorder.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSessionTest {

    private static final long MS = 1_000_000;
    private static final long T0 = 5_000 * MS;

    @TempDir
    Path root;

    private final MediaWriterFactory writers = new FfmpegMediaWriterFactory(new EncoderSettings("ultrafast", 30, 30, 64_000), 0);
    private final List<RecordInfo> announced = new CopyOnWriteArrayList<>();

    @Test
    void finalisesTheFileUnderItsTemplateNameWithAPoster() throws Exception {
        RecordingSession session = start(true, true, 0);
        feed(session, 0, 2000);
        List<RecordInfo> files = session.finish().get(30, TimeUnit.SECONDS);

        RecordInfo info = files.get(0);
        assertEquals(List.of(info), announced);
        assertEquals("cam-20261125T101530Z.mp4", info.fileName());
        assertTrue(Files.isRegularFile(info.file()));
        assertEquals(Files.size(info.file()), info.sizeBytes());
        assertEquals(2000, info.durationMillis(), 50);
        assertTrue(Files.size(root.resolve("cam-20261125T101530Z.jpg")) > 1000, "a poster");
        assertEquals(List.of(root.resolve("cam-20261125T101530Z.jpg"), info.file()), filesIn(root));
    }

    @Test
    void leavesPausedTimeOutAndGoesOnWhereItStopped() throws Exception {
        RecordingSession session = start(true, true, 0);
        session.pauseAt(T0 + 1000 * MS);
        session.resumeAt(T0 + 1500 * MS);
        session.pauseAt(T0 + 2500 * MS);
        session.resumeAt(T0 + 3500 * MS);
        feed(session, 0, 4000);
        RecordInfo info = session.finish().get(30, TimeUnit.SECONDS).get(0);

        assertEquals(2500, info.durationMillis(), 50, "4 s published, 1.5 s of it paused");
        assertEquals(75, videoFrames(info.file()), 1, "2.5 s at 30 fps, no frame for the paused time");
    }

    @Test
    void leavesNoFileWhenNoMediaArrived() throws Exception {
        RecordingSession session = start(true, true, 0);
        assertTrue(session.finish().get(10, TimeUnit.SECONDS).isEmpty());
        assertEquals(List.of(), filesIn(root));
    }

    @Test
    void discardedLeavesNoFileOfWhatItWrote() throws Exception {
        RecordingSession session = start(true, true, 0);
        feed(session, 0, 2000);
        assertTrue(session.discard().get(10, TimeUnit.SECONDS).isEmpty());
        assertEquals(List.of(), announced);
        assertEquals(List.of(), filesIn(root));
    }

    @Test
    void stopsAcceptingMediaOnceFinished() throws Exception {
        RecordingSession session = start(true, false, 0);
        session.offerVideo(TestMedia.frame(320, 240, 0), 0);
        RecordInfo info = session.finish().get(10, TimeUnit.SECONDS).get(0);
        session.offerVideo(TestMedia.frame(320, 240, 1), 33 * MS);
        assertTrue(info.durationMillis() <= 34, "one frame, was " + info.durationMillis());
    }

    @Test
    void reusesFramesOnceTheyAreEncoded() throws Exception {
        RecordingSession session = start(true, false, 0);
        Set<I420Frame> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 60; i++) {
            I420Frame source = TestMedia.frame(320, 240, i);
            I420Frame frame = session.blankFrame(320, 240);
            System.arraycopy(source.y(), 0, frame.y(), 0, source.y().length);
            System.arraycopy(source.u(), 0, frame.u(), 0, source.u().length);
            System.arraycopy(source.v(), 0, frame.v(), 0, source.v().length);
            handedOut.add(frame);
            session.offerVideo(frame, T0 + i * 33 * MS);
            // Paced by the encoder, however slow the machine: the next frame is taken once it has this one.
            Await.until("the encoder to take frame " + i, Duration.ofSeconds(10), Duration.ofMillis(1), session::queuedSamples,
                    queued -> queued == 0);
        }
        RecordInfo info = session.finish().get(10, TimeUnit.SECONDS).get(0);
        assertTrue(handedOut.size() <= 10, "60 frames through " + handedOut.size() + " arrays");
        assertEquals(60 * 33, info.durationMillis(), 40);
    }

    @Test
    void dropsVideoBeforeAudioWhenTheEncoderFallsBehind() throws Exception {
        RecordingSession session = new RecordingSession(reserve(), RecordingMetadata.NONE, directory(), finaliser(), writers,
                new RecordingOptions(256, 30, 30, 0, 0), true, true, Thread::new, announced::add);
        // Not started: nothing takes from the queue, as when the encoder has fallen behind.
        for (int i = 0; i < 100; i++) {
            session.offerVideo(TestMedia.frame(320, 240, i), T0 + i * 33 * MS);
        }
        assertEquals(100 - 30, session.droppedSamples(), "frames beyond the cap");
        for (int i = 0; i < 150; i++) {
            session.offerAudio(TestMedia.tone(i, 48_000, 2), T0 + i * 10 * MS);
        }
        assertEquals(100 - 30, session.droppedSamples(), "no audio dropped");
        assertEquals(30 + 150, session.queuedSamples());

        session.start();
        RecordInfo info = session.finish().get(30, TimeUnit.SECONDS).get(0);
        assertEquals(1000, info.durationMillis(), 50, "the 30 frames' second");
    }

    @Test
    void rotatesIntoConsecutiveSegmentsEachFinishedOnItsOwn() throws Exception {
        RecordingSession session = start(true, true, 1_000_000);
        feed(session, 0, 3500);
        List<RecordInfo> files = session.finish().get(30, TimeUnit.SECONDS);

        assertEquals(4, files.size(), files.toString());
        assertEquals(Set.copyOf(files), Set.copyOf(announced));
        long total = files.stream().mapToLong(RecordInfo::durationMillis).sum();
        assertEquals(3500, total, 100, files.toString());
        for (RecordInfo segment : files.subList(0, 3)) {
            // A segment ends on the first frame at or past a second.
            assertEquals(1017, segment.durationMillis(), 17, segment.toString());
        }
        assertEquals(4, files.stream().map(RecordInfo::fileName).distinct().count());
    }

    @Test
    void keepsWhatWasWrittenWhenTheDiskFills() throws Exception {
        String reason = failAfter45Frames(true);
        assertTrue(reason.startsWith("disk full: the recording of cam stopped; cam-"), reason);
        RecordInfo kept = announced.get(0);
        assertTrue(kept.durationMillis() >= 500, "kept " + kept.durationMillis() + " ms");
        assertFalse(Files.exists(root.resolve(kept.fileName() + ".part")));
    }

    @Test
    void keepsWhatWasWrittenWhenTheHeapRunsOut() throws Exception {
        String reason = failAfter45Frames(false);
        assertTrue(reason.contains("out of memory"), reason);
        assertTrue(announced.get(0).durationMillis() >= 500, "kept " + announced.get(0).durationMillis() + " ms");
    }

    /** Records 3 s into a writer that fails on the 46th frame; the reason the recording failed with. */
    private String failAfter45Frames(boolean diskFull) throws Exception {
        MediaWriterFactory failing = (file, formats) -> new FailingWriter(writers.open(file, formats), 45, diskFull);
        RecordingSession session = new RecordingSession(reserve(), RecordingMetadata.NONE, directory(), finaliser(), failing,
                new RecordingOptions(512, 512, 30, 0, 0), true, true, Thread::new, announced::add);
        session.start();
        feed(session, 0, 3000);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> session.finish().get(30, TimeUnit.SECONDS));
        return failed.getCause().getMessage();
    }

    private static int videoFrames(Path file) throws Exception {
        Process ffprobe = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String output = new String(ffprobe.getInputStream().readAllBytes()).strip();
        assertEquals(0, ffprobe.waitFor(), output);
        return Integer.parseInt(output);
    }

    /** 30 fps video and 10 ms audio chunks from {@code fromMillis} to {@code toMillis}, in capture order. */
    private void feed(RecordingSession session, long fromMillis, long toMillis) {
        long nextFrame = fromMillis * 1000;
        for (long t = fromMillis; t < toMillis; t += 10) {
            while (nextFrame <= t * 1000) {
                session.offerVideo(TestMedia.frame(320, 240, (int) (nextFrame / 33_333)), T0 + nextFrame * 1000);
                nextFrame += 33_333;
            }
            session.offerAudio(TestMedia.tone((int) (t / 10), 48_000, 2), T0 + t * MS);
        }
    }

    private RecordingSession start(boolean video, boolean audio, long rotateAfterMicros) throws IOException {
        RecordingSession session = new RecordingSession(reserve(), RecordingMetadata.NONE, directory(), finaliser(), writers,
                new RecordingOptions(2048, 2048, 30, rotateAfterMicros, 0), video, audio, Thread::new, announced::add);
        session.start();
        return session;
    }

    private RecordingFinaliser finaliser() {
        return new RecordingFinaliser(directory(), new FfmpegMediaFiles(), 5L * 1024 * 1024);
    }

    private RecordsDirectory directory() {
        return new RecordsDirectory(root, FileNameTemplate.parse(FileNameTemplate.DEFAULT), 0);
    }

    private RecordsDirectory.RecordingFile reserve() throws IOException {
        return directory().reserve("cam", Instant.parse("2026-11-25T10:15:30Z"), "s1", RecordingMetadata.NONE);
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Writes normally, then fails on a frame: a full disk (which fails the closing too) or a full heap. */
    private static final class FailingWriter implements MediaWriter {
        private final MediaWriter delegate;
        private final boolean diskFull;
        private int framesLeft;

        FailingWriter(MediaWriter delegate, int frames, boolean diskFull) {
            this.delegate = delegate;
            this.framesLeft = frames;
            this.diskFull = diskFull;
        }

        @Override
        public void writeVideo(I420Frame frame, long ptsMicros) throws IOException {
            if (framesLeft-- <= 0) {
                if (diskFull) {
                    throw new DiskFullException("Writing a packet: disk full (-28)");
                }
                throw new OutOfMemoryError("Java heap space");
            }
            delegate.writeVideo(frame, ptsMicros);
        }

        @Override
        public void writeAudio(PcmAudio audio, long ptsMicros) throws IOException {
            delegate.writeAudio(audio, ptsMicros);
        }

        @Override
        public void cut() {
            delegate.cut();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
            if (diskFull) {
                throw new DiskFullException("Finishing the MP4: disk full (-28)");
            }
        }
    }
}
