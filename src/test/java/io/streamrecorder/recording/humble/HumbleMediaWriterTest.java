package io.streamrecorder.recording.humble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.recording.EncoderSettings;
import io.streamrecorder.recording.I420Frame;
import io.streamrecorder.recording.MediaWriter;
import io.streamrecorder.recording.PcmAudio;
import io.streamrecorder.recording.TrackFormats;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumbleMediaWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesPlayableH264AacMp4() throws Exception {
        Path file = dir.resolve("t.mp4");
        var factory = new HumbleMediaWriterFactory(new EncoderSettings("veryfast", 23, 60, 128_000));
        try (MediaWriter writer = factory.open(file, new TrackFormats(
                new TrackFormats.VideoFormat(640, 480), new TrackFormats.AudioFormat(48_000, 2)))) {
            long t0 = System.nanoTime();
            int audioChunk = 0;
            for (int i = 0; i < 90; i++) {
                long pts = i * 1_000_000L / 30;
                writer.writeVideo(frame(640, 480, i), pts);
                while (audioChunk * 10_000L <= pts) {
                    writer.writeAudio(tone(audioChunk), audioChunk * 10_000L);
                    audioChunk++;
                }
            }
            System.err.println("encode ms " + (System.nanoTime() - t0) / 1_000_000);
        }
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name,width,height,avg_frame_rate,start_time,duration:format=duration", "-of", "compact",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        System.err.println(out);
        assertEquals(0, p.waitFor());
        assertTrue(out.contains("codec_name=h264"), out);
        assertTrue(out.contains("codec_name=aac"), out);
    }

    private static I420Frame frame(int w, int h, int n) {
        byte[] y = new byte[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                y[r * w + c] = (byte) (c + r + n * 4);
            }
        }
        byte[] u = new byte[(w / 2) * (h / 2)];
        byte[] v = new byte[(w / 2) * (h / 2)];
        java.util.Arrays.fill(u, (byte) 100);
        java.util.Arrays.fill(v, (byte) 150);
        return new I420Frame(w, h, y, u, v);
    }

    private static PcmAudio tone(int chunk) {
        byte[] data = new byte[480 * 2 * 2];
        for (int i = 0; i < 480; i++) {
            double t = (chunk * 480 + i) / 48_000.0;
            short s = (short) (Math.sin(2 * Math.PI * 440 * t) * 8000);
            for (int c = 0; c < 2; c++) {
                data[(i * 2 + c) * 2] = (byte) s;
                data[(i * 2 + c) * 2 + 1] = (byte) (s >> 8);
            }
        }
        return new PcmAudio(data, 48_000, 2, 480);
    }
}
