package io.streamrecorder.encoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avformat.avio_wb32;
import static org.bytedeco.ffmpeg.global.avformat.avio_write;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.MediaWriter;
import io.streamrecorder.encoder.PcmAudio;
import io.streamrecorder.encoder.TrackFormats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Writes an H.264 + AAC MP4 with FFmpeg 8 through JavaCPP. The writer owns the container and the
 * file; each track owns its encoder, frame and packet; everything is freed in close().
 */
final class FfmpegMediaWriter implements MediaWriter {

    private final AVFormatContext container = new AVFormatContext(null);
    private FfmpegVideoTrack video;
    private FfmpegAudioTrack audio;
    private boolean headerWritten;
    private boolean closed;

    FfmpegMediaWriter(Path file, TrackFormats formats, EncoderSettings settings, int indexReserve) throws IOException {
        try {
            FfmpegCalls.check(avformat_alloc_output_context2(container, null, "mp4", file.toString()), "Creating the MP4");
            if (formats.video() != null) {
                video = new FfmpegVideoTrack(formats.video(), settings, container);
            }
            if (formats.audio() != null) {
                audio = new FfmpegAudioTrack(formats.audio(), settings, container);
            }
            AVIOContext output = new AVIOContext(null);
            FfmpegCalls.check(avio_open(output, file.toString(), AVIO_FLAG_WRITE), "Opening " + file.getFileName());
            container.pb(output);
            AVDictionary options = new AVDictionary(null);
            // Fragmented while recording, so a crash loses at most the last half second; Mp4Finisher turns
            // the finished file into a faststart MP4.
            av_dict_set(options, "movflags", FRAGMENTED_MOVFLAGS, 0);
            av_dict_set(options, "frag_duration", FRAGMENT_MICROS, 0);
            // Hand each fragment to the OS at once; held in FFmpeg's buffer it would die with the process.
            av_dict_set(options, "flush_packets", "1", 0);
            try {
                FfmpegCalls.check(avformat_write_header(container, options), "Writing the MP4 header");
            } finally {
                av_dict_free(options);
            }
            headerWritten = true;
            reserveIndexSpace(output, indexReserve);
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    /**
     * A {@code free} box between the header and the first fragment: FaststartInPlace writes the
     * finished file's index there, so a long recording becomes a faststart MP4 without being copied.
     * Zeros, not a hole, so that writing the index later cannot run out of disk.
     */
    private static void reserveIndexSpace(AVIOContext output, int bytes) throws IOException {
        if (bytes <= 0) {
            return;
        }
        avio_wb32(output, bytes);
        avio_write(output, "free".getBytes(StandardCharsets.US_ASCII), 4);
        byte[] zeros = new byte[64 * 1024];
        for (int left = bytes - 8; left > 0; left -= zeros.length) {
            avio_write(output, zeros, Math.min(left, zeros.length));
        }
        avio_flush(output);
        FfmpegCalls.check(output.error(), "Reserving space for the index");
    }

    @Override
    public void writeVideo(I420Frame frame, long ptsMicros) throws IOException {
        if (video != null) {
            video.write(frame, ptsMicros, container);
        }
    }

    @Override
    public void writeAudio(PcmAudio chunk, long ptsMicros) throws IOException {
        if (audio != null) {
            audio.write(chunk, ptsMicros, container);
        }
    }

    @Override
    public void cut() {
        if (audio != null) {
            audio.cut();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (video != null) {
                video.finish(container);
            }
            if (audio != null) {
                audio.finish(container);
            }
            FfmpegCalls.check(av_write_trailer(container), "Finishing the MP4");
        } finally {
            release();
        }
    }

    private void release() {
        if (video != null) {
            video.close();
        }
        if (audio != null) {
            audio.close();
        }
        if (container.pb() != null) {
            avio_closep(container.pb());
        }
        avformat_free_context(container);
    }
}
