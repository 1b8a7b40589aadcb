package io.streamrecorder.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.ffmpeg.FfmpegMediaWriterFactory;
import io.streamrecorder.encoder.ffmpeg.Mp4Finisher;
import io.streamrecorder.encoder.humble.HumbleMediaWriterFactory;
import io.streamrecorder.mp4.FragmentedMp4;
import io.streamrecorder.mp4.Mp4Box;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every media writer promises, checked on each backend with ffprobe and ffmpeg. */
class MediaWriterContractTest {

    private static final EncoderSettings SETTINGS = new EncoderSettings("veryfast", 23, 60, 128_000);

    @TempDir
    Path dir;

    static Stream<Arguments> backends() {
        return Stream.of(Arguments.of("humble-video", new HumbleMediaWriterFactory(SETTINGS)),
                Arguments.of("ffmpeg", new FfmpegMediaWriterFactory(SETTINGS, 64 * 1024)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void writesH264AacThatFinishesAsFaststartMp4AndDecodesAcrossAResolutionChange(String backend,
            MediaWriterFactory factory) throws Exception {
        Path fragmented = dir.resolve("t.mp4.part");
        Path file = dir.resolve("t.mp4");
        try (MediaWriter writer = factory.open(fragmented, new TrackFormats(
                new TrackFormats.VideoFormat(640, 480), new TrackFormats.AudioFormat(48_000, 2)))) {
            int audioChunk = 0;
            for (int i = 0; i < 90; i++) {
                long pts = i * 1_000_000L / 30;
                // The browser drops to 320x240 for the middle second.
                int width = i >= 30 && i < 60 ? 320 : 640;
                writer.writeVideo(TestMedia.frame(width, width * 3 / 4, i), pts);
                while (audioChunk * 10_000L <= pts) {
                    writer.writeAudio(TestMedia.tone(audioChunk, 48_000, 2), audioChunk * 10_000L);
                    audioChunk++;
                }
            }
        }
        assertTrue(topLevelAtoms(fragmented).contains("moof"), "fragmented while recording");
        long durationMillis = Mp4Finisher.remux(fragmented, file);
        assertEquals(3000, durationMillis, 100);
        String streams = run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0",
                file.toString());
        assertEquals("h264,640,480\naac", streams.strip());
        int level = Integer.parseInt(run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=level",
                "-of", "csv=p=0", file.toString()).strip());
        // Told the frame rate, x264 picks the level 640x480 at 30 fps needs; taking 90,000 fps from the
        // time base it picked 6.2 and kept 16 reference frames, 17 MiB more per recording.
        assertTrue(level <= 31, "H.264 level 3.1 at most, was " + level / 10.0);
        String timing = run("ffprobe", "-v", "error", "-show_entries", "stream=start_time,avg_frame_rate,duration", "-of",
                "csv=p=0", file.toString());
        String[] video = timing.strip().split("\n")[0].split(",");
        String[] audio = timing.strip().split("\n")[1].split(",");
        assertEquals(0.0, Double.parseDouble(video[1]), 0.001, "video starts at zero: " + timing);
        assertEquals(0.0, Double.parseDouble(audio[1]), 0.03, "audio starts with the video: " + timing);
        String[] rate = video[0].split("/");
        assertEquals(30.0, Double.parseDouble(rate[0]) / Double.parseDouble(rate[1]), 0.5, "30 fps: " + timing);
        assertEquals(3.0, Double.parseDouble(video[2]), 0.1, "3 s of video: " + timing);
        assertEquals("", run("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-").strip(), "decode errors");
        List<String> atoms = topLevelAtoms(file);
        assertTrue(atoms.indexOf("moov") < atoms.indexOf("mdat"), "faststart: index before media, was " + atoms);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void leavesAPlayableFileWhenTheWriterNeverCloses(String backend, MediaWriterFactory factory) throws Exception {
        Path fragmented = dir.resolve("crash.mp4.part");
        MediaWriter writer = factory.open(fragmented, new TrackFormats(new TrackFormats.VideoFormat(320, 240),
                new TrackFormats.AudioFormat(48_000, 1)));
        int audioChunk = 0;
        for (int i = 0; i < 150; i++) {
            long pts = i * 1_000_000L / 30;
            writer.writeVideo(TestMedia.frame(320, 240, i), pts);
            while (audioChunk * 10_000L <= pts) {
                writer.writeAudio(TestMedia.tone(audioChunk, 48_000, 1), audioChunk * 10_000L);
                audioChunk++;
            }
        }
        // As if the server died now: a copy of what is on disk, the writer never closed.
        Path crashed = dir.resolve("copy.mp4.part");
        Files.copy(fragmented, crashed);
        Path recovered = dir.resolve("recovered.mp4");
        long durationMillis = Mp4Finisher.remux(crashed, recovered);
        assertTrue(durationMillis >= 5000 - 1000, "at most a fragment and the encoder's lookahead lost, kept "
                + durationMillis + " ms");
        assertEquals("", run("ffmpeg", "-v", "error", "-i", recovered.toString(), "-f", "null", "-").strip(), "decode errors");

        // As if the disk filled up in the middle of a fragment, with no room left for a faststart copy.
        Path cut = dir.resolve("cut.mp4.part");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(crashed), (int) Files.size(crashed) - 700));
        FragmentedMp4.trimToCompleteFragments(cut);
        assertTrue(Mp4Finisher.durationOf(cut) >= durationMillis - 1000, "kept " + Mp4Finisher.durationOf(cut) + " ms");
        assertEquals("", run("ffmpeg", "-v", "error", "-i", cut.toString(), "-f", "null", "-").strip(), "decode errors");
        writer.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void writesAudioOnlyAndVideoOnlyFiles(String backend, MediaWriterFactory factory) throws Exception {
        Path audioOnly = dir.resolve("a.mp4");
        try (MediaWriter writer = factory.open(audioOnly, new TrackFormats(null, new TrackFormats.AudioFormat(48_000, 1)))) {
            for (int i = 0; i < 100; i++) {
                writer.writeAudio(TestMedia.tone(i, 48_000, 1), i * 10_000L);
            }
        }
        assertEquals("aac", run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                audioOnly.toString()).strip());

        Path videoOnly = dir.resolve("v.mp4");
        try (MediaWriter writer = factory.open(videoOnly, new TrackFormats(new TrackFormats.VideoFormat(320, 240), null))) {
            for (int i = 0; i < 30; i++) {
                writer.writeVideo(TestMedia.frame(320, 240, i), i * 33_333L);
            }
        }
        assertEquals("h264", run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                videoOnly.toString()).strip());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    private static List<String> topLevelAtoms(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return Mp4Box.topLevel(channel).stream().map(Mp4Box::type).toList();
        }
    }
}
