package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.records.PartialForwarding;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivePartReaderTest {

    private static final int PART = 1000;

    @TempDir
    Path dir;

    @Test
    void handsOutEachPartOnceAWholeFragmentEndsAPartPastTheLastThenWhereTheFileWent() throws Exception {
        Path partial = dir.resolve("cam-20261202T000000Z-s1.mp4.part");
        Files.write(partial, boxes(box("ftyp", 24), box("moov", 300), box("free", 200), box("moof", 50), box("mdat", 700)));
        PartialForwarding.follow(partial);
        LivePartReader reader = reader(partial, null);

        FilePart first = ((LiveItem.Part) reader.readItem()).part();
        assertEquals(new FilePart(1, 0, 1274, false), first, "up to the first fragment ending a part past the start");
        append(partial, boxes(box("moof", 50), box("mdat", 400), box("moof", 50), box("mdat", 600)));
        assertEquals(new FilePart(2, 1274, 1100, false), ((LiveItem.Part) reader.readItem()).part());

        LiveCursor cursor = (LiveCursor) reader.checkpointInfo();
        assertEquals(new LiveCursor(3, 2374, 1274, cursor.fileKey()), cursor);
        // A restart goes on from its checkpoint.
        LivePartReader restarted = reader(partial, cursor);
        Path finished = dir.resolve("cam-20261202T000000Z.mp4");
        Files.createLink(finished, partial);
        Files.writeString(dir.resolve(partial.getFileName() + ".forward"), finished.getFileName().toString());
        Files.delete(partial);

        LiveItem.Finished end = assertInstanceOf(LiveItem.Finished.class, restarted.readItem());
        assertEquals(finished.toString(), end.file());
        assertEquals(cursor, end.cursor());
        assertTrue(end.cursor().read(finished), "the same file under its final name");
        assertNull(restarted.readItem(), "the job's step ends");
    }

    @Test
    void saysARecordingWithoutAFinalNameWasDiscarded() throws Exception {
        Path partial = dir.resolve("cam-20261202T000000Z-s2.mp4.part");
        Files.write(partial, boxes(box("ftyp", 24), box("moov", 300)));
        PartialForwarding.follow(partial);
        LivePartReader reader = reader(partial, null);
        Files.delete(partial);
        assertInstanceOf(LiveItem.Discarded.class, reader.readItem());
    }

    @Test
    void aStoppedJobGetsAnItemAtOnceRatherThanWaitingForTheRecordingToGrow() throws Exception {
        Path partial = dir.resolve("cam-20261202T000000Z-s1.mp4.part");
        Files.write(partial, boxes(box("ftyp", 24), box("moov", 300), box("free", 200), box("moof", 50), box("mdat", 100)));
        LivePartReader reader = reader(partial, null, BatchStatus.STOPPING);
        Object item = assertTimeoutPreemptively(Duration.ofSeconds(5), reader::readItem);
        assertInstanceOf(LiveItem.Waiting.class, item);
    }

    private static LivePartReader reader(Path partial, LiveCursor checkpoint) throws IOException {
        return reader(partial, checkpoint, BatchStatus.STARTED);
    }

    private static LivePartReader reader(Path partial, LiveCursor checkpoint, BatchStatus status) throws IOException {
        LivePartReader reader = new LivePartReader();
        reader.file = partial.toString();
        reader.partSize = Integer.toString(PART);
        reader.job = jobIn(status);
        reader.open(checkpoint);
        return reader;
    }

    /** A job context that answers its batch status only, all the reader asks of it. */
    private static JobContext jobIn(BatchStatus status) {
        return (JobContext) Proxy.newProxyInstance(JobContext.class.getClassLoader(), new Class<?>[] {JobContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBatchStatus")) {
                        return status;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static byte[] box(String type, int size) {
        return ByteBuffer.allocate(size).putInt(size).put(type.getBytes(StandardCharsets.ISO_8859_1)).array();
    }

    private static byte[] boxes(byte[]... boxes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] box : boxes) {
            out.writeBytes(box);
        }
        return out.toByteArray();
    }
}
