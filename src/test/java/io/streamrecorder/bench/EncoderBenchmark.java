package io.streamrecorder.bench;

import com.sun.management.OperatingSystemMXBean;
import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.MediaWriter;
import io.streamrecorder.encoder.MediaWriterFactory;
import io.streamrecorder.encoder.TrackFormats;
import io.streamrecorder.encoder.ffmpeg.FfmpegMediaWriterFactory;
import io.streamrecorder.encoder.ffmpeg.Mp4Finisher;
import io.streamrecorder.encoder.humble.HumbleMediaWriterFactory;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the CPU each backend spends encoding the same 600 frames of 640x480@30 (ffmpeg's testsrc2),
 * with the encoder settings recordings use by default (one encoder thread), counting the whole process's CPU:
 * {@code mvn test -Dtest=EncoderBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dpresets=ultrafast,veryfast]}
 */
class EncoderBenchmark {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FRAMES = 600;

    @TempDir
    Path dir;

    private Path raw;

    @Test
    void compareBackends() throws Exception {
        List<I420Frame> frames = testPattern();
        for (String preset : System.getProperty("presets", "ultrafast,veryfast,faster").split(",")) {
            EncoderSettings settings = new EncoderSettings(preset, 23, 60, 128_000);
            for (int round = 1; round <= 2; round++) {
                measure("humble-video " + preset, new HumbleMediaWriterFactory(settings), frames, round);
                measure("ffmpeg 8 " + preset, new FfmpegMediaWriterFactory(settings, 0), frames, round);
            }
        }
    }

    private void measure(String name, MediaWriterFactory factory, List<I420Frame> frames, int round) throws Exception {
        // Process CPU, not thread CPU: an encoder may run threads of its own.
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path file = dir.resolve(name.replace(' ', '-') + "-" + round + ".mp4");
        long cpu = os.getProcessCpuTime();
        try (MediaWriter writer = factory.open(file, new TrackFormats(new TrackFormats.VideoFormat(WIDTH, HEIGHT), null))) {
            for (int i = 0; i < FRAMES; i++) {
                writer.writeVideo(frames.get(i), i * 1_000_000L / 30);
            }
        }
        double seconds = (os.getProcessCpuTime() - cpu) / 1e9;
        Path finished = dir.resolve(name.replace(' ', '-') + "-" + round + "-final.mp4");
        Mp4Finisher.remux(file, finished);
        System.out.printf("round %d %-24s %d frames: %.2f CPU-s = %.3f core at 30 fps, %d bytes, SSIM %s%n", round, name,
                FRAMES, seconds, seconds / (FRAMES / 30.0), Files.size(finished), ssim(finished));
    }

    /** SSIM of the encoded file against the raw source, as ffmpeg's ssim filter reports it ("All:"). */
    private String ssim(Path encoded) throws Exception {
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-i", encoded.toString(), "-f", "rawvideo", "-pix_fmt",
                "yuv420p", "-s", WIDTH + "x" + HEIGHT, "-framerate", "30", "-i", raw.toString(), "-lavfi", "ssim", "-f", "null", "-")
                .redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes());
        ffmpeg.waitFor();
        int all = output.lastIndexOf("All:");
        return all < 0 ? "?" : output.substring(all + 4, output.indexOf(' ', all)).strip();
    }

    private List<I420Frame> testPattern() throws Exception {
        raw = dir.resolve("testsrc2.yuv");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                "testsrc2=size=" + WIDTH + "x" + HEIGHT + ":rate=30", "-frames:v", Integer.toString(FRAMES),
                "-pix_fmt", "yuv420p", "-f", "rawvideo", raw.toString()).inheritIO().start();
        if (ffmpeg.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg could not make the test pattern");
        }
        List<I420Frame> frames = new ArrayList<>();
        int chroma = WIDTH / 2 * HEIGHT / 2;
        try (InputStream in = Files.newInputStream(raw)) {
            for (int i = 0; i < FRAMES; i++) {
                frames.add(new I420Frame(WIDTH, HEIGHT, in.readNBytes(WIDTH * HEIGHT), in.readNBytes(chroma),
                        in.readNBytes(chroma)));
            }
        }
        return frames;
    }
}
