package io.streamrecorder.encoder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.encoder.ffmpeg.FfmpegMediaWriterFactory;
import io.streamrecorder.encoder.humble.HumbleMediaWriterFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class X264ParamsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ffmpeg", "humble"})
    void reachTheEncoderOverThePreset(String backend) throws Exception {
        Function<EncoderSettings, MediaWriterFactory> factory = backend.equals("ffmpeg")
                ? settings -> new FfmpegMediaWriterFactory(settings, 0) : HumbleMediaWriterFactory::new;
        // ultrafast turns CABAC and the deblocking filter off; x264 writes the options it used into the stream.
        String used = encodedWith(factory, "cabac=1:deblock=0,0");
        assertTrue(used.contains("cabac=1"), used);
        assertTrue(used.contains("deblock=1:0:0"), used);
        String preset = encodedWith(factory, "");
        assertTrue(preset.contains("cabac=0"), preset);
        assertFalse(preset.contains("deblock=1"), preset);
    }

    @Test
    void mustBeKeyValuePairs() {
        assertThrows(IllegalArgumentException.class, () -> settings("cabac"));
        assertThrows(IllegalArgumentException.class, () -> settings("cabac=1;rm -rf"));
        assertThrows(IllegalArgumentException.class, () -> settings("cabac=1::deblock=0,0"));
    }

    private String encodedWith(Function<EncoderSettings, MediaWriterFactory> factory, String x264Params) throws Exception {
        Path file = dir.resolve("x264-" + x264Params.hashCode() + ".mp4");
        try (MediaWriter writer = factory.apply(settings(x264Params))
                .open(file, new TrackFormats(new TrackFormats.VideoFormat(320, 240), null))) {
            for (int i = 0; i < 5; i++) {
                writer.writeVideo(TestMedia.frame(320, 240, i), i * 33_333L);
            }
        }
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int options = bytes.indexOf("options: ");
        assertTrue(options >= 0, "x264's options in the stream");
        return bytes.substring(options, bytes.indexOf('\0', options));
    }

    private static EncoderSettings settings(String x264Params) {
        return new EncoderSettings("ultrafast", 28, 0, 30, 30, 64_000, 1, x264Params, Optional.empty());
    }
}
