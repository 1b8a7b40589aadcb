package io.streamrecorder.encoder.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.MediaWriter;
import io.streamrecorder.encoder.TestMedia;
import io.streamrecorder.encoder.TrackFormats;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PosterFrameTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {2, 10, 60})
    void takesThePictureAtOneSecondOrTheLastOneOfAShorterRecording(int frames) throws Exception {
        Path file = dir.resolve(frames + ".mp4");
        try (MediaWriter writer = new FfmpegMediaWriterFactory(new EncoderSettings("ultrafast", 30, 30, 64_000), 0)
                .open(file, new TrackFormats(new TrackFormats.VideoFormat(640, 480), null))) {
            for (int i = 0; i < frames; i++) {
                writer.writeVideo(TestMedia.frame(640, 480, i), i * 33_333L);
            }
        }
        Path finished = dir.resolve(frames + "-faststart.mp4");
        Mp4Finisher.remux(file, finished);
        assertEquals(frames * 33.3, MediaDuration.millisOf(finished), 40, "duration from the index");
        BufferedImage poster = PosterFrame.of(finished, 1.0, 320).orElseThrow();
        assertEquals(320, poster.getWidth());
        assertEquals(240, poster.getHeight());
    }

    @Test
    void hasNothingForARecordingWithoutVideo() throws Exception {
        Path file = dir.resolve("audio.mp4");
        try (MediaWriter writer = new FfmpegMediaWriterFactory(new EncoderSettings("ultrafast", 30, 30, 64_000), 0)
                .open(file, new TrackFormats(null, new TrackFormats.AudioFormat(48_000, 1)))) {
            for (int i = 0; i < 50; i++) {
                writer.writeAudio(TestMedia.tone(i, 48_000, 1), i * 10_000L);
            }
        }
        assertTrue(PosterFrame.of(file, 1.0, 320).isEmpty());
    }
}
