package io.streamrecorder.encoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_find_type_by_name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.MediaWriter;
import io.streamrecorder.encoder.TestMedia;
import io.streamrecorder.encoder.TrackFormats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Asking for a hardware encoder this machine does not have still records, and says why it fell back.
 * Where the machine has one there is no fallback to see: that case is skipped, naming what is there.
 */
class HardwareEncoderFallbackTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nvenc", "vaapi", "qsv", "nonexistent"})
    void fallsBackToLibx264WithALogLine(String hardware) throws Exception {
        assumeFalse(present(hardware), "h264_" + hardware + " and its device are present on this machine: nothing to fall back from");
        List<LogRecord> warnings = new ArrayList<>();
        Logger logger = Logger.getLogger(FfmpegVideoTrack.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        Path file = dir.resolve(hardware + ".mp4");
        try (MediaWriter writer = new FfmpegMediaWriterFactory(new EncoderSettings("ultrafast", 28, 0, 30, 30, 64_000, 1, "",
                Optional.of(hardware)), 0).open(file, new TrackFormats(new TrackFormats.VideoFormat(320, 240), null))) {
            for (int i = 0; i < 30; i++) {
                writer.writeVideo(TestMedia.frame(320, 240, i), i * 33_333L);
            }
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, warnings.size(), "one line says why: " + warnings);
        assertTrue(warnings.get(0).getMessage().contains("libx264"));
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                file.toString()).redirectErrorStream(true).start();
        assertEquals("h264", new String(probe.getInputStream().readAllBytes()).strip());
    }

    /** Whether this FFmpeg build has the encoder and the machine the device it encodes on (CUDA for NVENC). */
    private static boolean present(String hardware) {
        int device = av_hwdevice_find_type_by_name(hardware.equals("nvenc") ? "cuda" : hardware);
        if (avcodec_find_encoder_by_name("h264_" + hardware) == null || device == AV_HWDEVICE_TYPE_NONE) {
            return false;
        }
        AVBufferRef opened = new AVBufferRef(null);
        try {
            return av_hwdevice_ctx_create(opened, device, (String) null, (AVDictionary) null, 0) >= 0;
        } finally {
            av_buffer_unref(opened);
        }
    }
}
