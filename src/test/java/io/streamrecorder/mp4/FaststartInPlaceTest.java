package io.streamrecorder.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.MediaWriter;
import io.streamrecorder.encoder.TestMedia;
import io.streamrecorder.encoder.TrackFormats;
import io.streamrecorder.encoder.ffmpeg.FfmpegMediaWriterFactory;
import io.streamrecorder.encoder.ffmpeg.Mp4Finisher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finishing in place must give players exactly the media the fragments held, checked with ffprobe. */
class FaststartInPlaceTest {

    private static final int RESERVE = 8 * 1024;

    @TempDir
    Path dir;

    @Test
    void makesALongRecordingFaststartWithoutCopyingItsMedia() throws Exception {
        Path file = record("long.mp4.part", RESERVE, 10);
        Path reference = Files.copy(file, dir.resolve("reference.mp4.part"));
        long size = Files.size(file);

        OptionalLong duration = FaststartInPlace.finish(file, Mp4Finisher::durationOf);

        assertTrue(duration.isPresent(), "finished in place");
        assertEquals(Mp4Finisher.durationOf(reference), duration.getAsLong(), 1);
        assertEquals(size, Files.size(file), "nothing copied or appended");
        assertSameMedia(reference, file);
        List<String> boxes = topLevel(file);
        assertEquals(List.of("ftyp", "free", "moov", "free", "mdat"), boxes, "faststart, the fragments inside one mdat");
    }

    @Test
    void changesNoBytePastTheReserve() throws Exception {
        Path file = record("uploaded.mp4.part", RESERVE, 10);
        byte[] before = Files.readAllBytes(file);
        long reserveEnd = positionsOf(file, "moof").get(0);

        assertTrue(FaststartInPlace.finish(file, Mp4Finisher::durationOf).isPresent(), "finished in place");

        byte[] after = Files.readAllBytes(file);
        assertEquals(before.length, after.length);
        assertArrayEquals(Arrays.copyOfRange(before, (int) reserveEnd, before.length),
                Arrays.copyOfRange(after, (int) reserveEnd, after.length), "the bytes an upload may already have sent");
        assertFalse(Arrays.equals(Arrays.copyOf(before, (int) reserveEnd), Arrays.copyOf(after, (int) reserveEnd)),
                "the header changed");
    }

    @Test
    void fillsAReserveTheIndexAndMediaHeaderFitExactly() throws Exception {
        Path probe = record("probe.mp4.part", RESERVE, 10);
        FaststartInPlace.finish(probe, Mp4Finisher::durationOf);
        int indexSize;
        try (FileChannel channel = FileChannel.open(probe)) {
            indexSize = (int) Mp4Box.topLevel(channel).get(2).size();
        }
        Path file = record("exact.mp4.part", indexSize + FaststartInPlace.MDAT_HEADER, 10);
        Path reference = Files.copy(file, dir.resolve("reference.mp4.part"));

        assertTrue(FaststartInPlace.finish(file, Mp4Finisher::durationOf).isPresent(), "finished in place");
        assertEquals(List.of("ftyp", "free", "moov", "mdat"), topLevel(file));
        assertSameMedia(reference, file);
    }

    @Test
    void keepsEachTracksStartAndBFramesOfAnotherMuxer() throws Exception {
        // The FFmpeg command line, with B-frames (composition offsets) and audio starting 0.3 s
        // after the video (an empty edit), given a reserve the way the writer makes one.
        Path made = dir.resolve("cli.mp4");
        run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30,noise=alls=30:allf=t", "-itsoffset", "0.3",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "8", "-c:v", "libx264", "-bf", "2",
                "-c:a", "aac", "-movflags", MediaWriter.FRAGMENTED_MOVFLAGS, "-frag_duration", MediaWriter.FRAGMENT_MICROS,
                made.toString());
        Path file = withReserve(made, RESERVE);
        Path reference = Files.copy(file, dir.resolve("reference.mp4.part"));

        assertTrue(FaststartInPlace.finish(file, Mp4Finisher::durationOf).isPresent(), "finished in place");
        assertSameMedia(reference, file);
    }

    @Test
    void leavesFilesItCannotFinishToTheCopy() throws Exception {
        Path shortFile = record("short.mp4.part", RESERVE, 1);
        assertCopied(shortFile, "shorter than " + FaststartInPlace.MIN_FILE_TO_RESERVE + " reserves");
        assertCopied(record("tight.mp4.part", 64, 10), "an index bigger than its reserve");
        assertCopied(record("none.mp4.part", 0, 10), "no reserve");
    }

    @Test
    void leavesAFileFinishedBeforeACrashAsItIs() throws Exception {
        Path file = record("crash.mp4.part", RESERVE, 10);
        long duration = FaststartInPlace.finish(file, Mp4Finisher::durationOf).getAsLong();
        byte[] finished = Files.readAllBytes(file);

        // Recovery after a crash that came after the swap finishes the file again.
        assertEquals(duration, FaststartInPlace.finish(file, Mp4Finisher::durationOf).getAsLong(), 1);
        assertArrayEquals(finished, Files.readAllBytes(file));
    }

    private void assertCopied(Path file, String why) throws Exception {
        byte[] before = Files.readAllBytes(file);
        assertFalse(FaststartInPlace.finish(file, Mp4Finisher::durationOf).isPresent(), why);
        assertArrayEquals(before, Files.readAllBytes(file), "untouched: " + why);
    }

    private Path record(String name, int reserve, int seconds) throws IOException {
        Path file = dir.resolve(name);
        try (MediaWriter writer = new FfmpegMediaWriterFactory(new EncoderSettings("ultrafast", 23, 60, 128_000), reserve)
                .open(file, new TrackFormats(new TrackFormats.VideoFormat(320, 240), new TrackFormats.AudioFormat(48_000, 2)))) {
            // The audio starts a tenth of a second after the video, as it does from a browser.
            int audioChunk = 10;
            for (int i = 0; i < seconds * 30; i++) {
                long pts = i * 1_000_000L / 30;
                writer.writeVideo(TestMedia.frame(320, 240, i), pts);
                while (audioChunk * 10_000L <= pts) {
                    writer.writeAudio(TestMedia.tone(audioChunk, 48_000, 2), audioChunk * 10_000L);
                    audioChunk++;
                }
            }
        }
        return file;
    }

    /** The file with a {@code free} box of {@code bytes} between its {@code moov} and its first fragment. */
    private Path withReserve(Path file, int bytes) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int firstFragment = (int) (long) positionsOf(file, "moof").get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(content, 0, firstFragment);
        out.write(ByteBuffer.allocate(bytes).putInt(bytes).put("free".getBytes(StandardCharsets.ISO_8859_1)).array());
        out.write(content, firstFragment, content.length - firstFragment);
        Path reserved = dir.resolve(file.getFileName() + ".part");
        Files.write(reserved, out.toByteArray());
        return reserved;
    }

    /**
     * Every packet of each stream as a player reads it: size, flags and a hash of its bytes, and
     * its timestamps to within the millisecond an edit list can round them by. How the streams
     * interleave may differ.
     */
    private static void assertSameMedia(Path expected, Path actual) throws Exception {
        List<String[]> before = packets(expected);
        List<String[]> after = packets(actual);
        assertTrue(before.size() > 100, "packets: " + before.size());
        assertEquals(before.size(), after.size(), "packets");
        for (int i = 0; i < before.size(); i++) {
            String[] was = before.get(i);
            String[] is = after.get(i);
            assertEquals(String.join(",", was[0], was[3], was[4], was[5]), String.join(",", is[0], is[3], is[4], is[5]),
                    "packet " + i);
            assertEquals(Double.parseDouble(was[1]), Double.parseDouble(is[1]), 0.001, "pts of packet " + i);
            assertEquals(Double.parseDouble(was[2]), Double.parseDouble(is[2]), 0.001, "dts of packet " + i);
        }
        assertEquals("", run("ffmpeg", "-v", "error", "-i", actual.toString(), "-f", "null", "-").strip(), "decode errors");
    }

    /** stream, pts, dts (seconds), size, flags and hash of each packet, stream by stream. */
    private static List<String[]> packets(Path file) throws Exception {
        return probe(file, "packet=stream_index,pts_time,dts_time,size,flags,data_hash").lines()
                .map(line -> line.split(","))
                .sorted(Comparator.comparing(fields -> fields[0]))
                .toList();
    }

    private static String probe(Path file, String entries) throws Exception {
        return run("ffprobe", "-v", "error", "-show_data_hash", "MD5", "-show_entries", entries, "-of", "csv=p=0",
                file.toString());
    }

    private static List<String> topLevel(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return Mp4Box.topLevel(channel).stream().map(Mp4Box::type).toList();
        }
    }

    private static List<Long> positionsOf(Path file, String type) throws IOException {
        List<Long> positions = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            for (Mp4Box box : Mp4Box.topLevel(channel)) {
                if (box.type().equals(type)) {
                    positions.add(box.position());
                }
            }
        }
        return positions;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}
