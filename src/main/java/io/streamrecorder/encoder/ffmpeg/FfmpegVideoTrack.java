package io.streamrecorder.encoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.TrackFormats.VideoFormat;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;

/**
 * The H.264 track: libx264 (or a hardware encoder when configured and present), frames scaled to
 * the first frame's size when the browser changes resolution.
 */
final class FfmpegVideoTrack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FfmpegVideoTrack.class.getName());
    private static final int TICKS_PER_SECOND = 90_000;

    private final VideoFormat format;
    private final AVCodecContext encoder;
    private final AVStream stream;
    private final AVFrame frame;
    private final AVPacket packet = av_packet_alloc();
    private AVFrame scaledSource;
    private SwsContext scaler;
    private long lastPts = -1;
    private HardwareFrames gpu;

    FfmpegVideoTrack(VideoFormat format, EncoderSettings settings, AVFormatContext container) throws IOException {
        this.format = format;
        encoder = openEncoder(settings, container);
        stream = avformat_new_stream(container, null);
        FfmpegCalls.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "Describing the video stream");
        stream.time_base(encoder.time_base());
        frame = newFrame(format.width(), format.height());
    }

    void write(I420Frame picture, long ptsMicros, AVFormatContext container) throws IOException {
        long pts = (ptsMicros * TICKS_PER_SECOND + 500_000) / 1_000_000;
        if (pts <= lastPts) {
            pts = lastPts + 1;
        }
        lastPts = pts;
        FfmpegCalls.check(av_frame_make_writable(frame), "Preparing a video frame");
        if (picture.width() == format.width() && picture.height() == format.height()) {
            copyPlanes(picture, frame);
        } else {
            scale(picture);
        }
        frame.pts(pts);
        FfmpegCalls.check(avcodec_send_frame(encoder, gpu == null ? frame : gpu.upload(frame)), "Encoding video");
        PacketSink.drain(encoder, packet, stream, container);
    }

    void finish(AVFormatContext container) throws IOException {
        FfmpegCalls.check(avcodec_send_frame(encoder, null), "Flushing the video encoder");
        PacketSink.drain(encoder, packet, stream, container);
    }

    @Override
    public void close() {
        av_frame_free(frame);
        if (scaledSource != null) {
            av_frame_free(scaledSource);
            sws_freeContext(scaler);
        }
        av_packet_free(packet);
        avcodec_free_context(encoder);
        if (gpu != null) {
            gpu.close();
        }
    }

    /**
     * The configured hardware encoder when this build has it and the machine has the device (with
     * GPU surfaces for VAAPI and QSV); otherwise libx264, with a log line saying why.
     */
    private AVCodecContext openEncoder(EncoderSettings settings, AVFormatContext container) throws IOException {
        Optional<String> hardware = settings.hardware();
        if (hardware.isPresent()) {
            try {
                if (HardwareFrames.needed(hardware.get())) {
                    gpu = new HardwareFrames(hardware.get(), format.width(), format.height());
                }
                return openEncoder(avcodec_find_encoder_by_name("h264_" + hardware.get()), settings, container);
            } catch (IOException unavailable) {
                LOG.warning(() -> String.format(
                        "Hardware encoder h264_%s is not available (%s); encoding with libx264 instead",
                        hardware.get(), unavailable.getMessage()));
                if (gpu != null) {
                    gpu.close();
                    gpu = null;
                }
            }
        }
        return openEncoder(avcodec_find_encoder_by_name("libx264"), settings.withoutHardware(), container);
    }

    private AVCodecContext openEncoder(AVCodec codec, EncoderSettings settings, AVFormatContext container)
            throws IOException {
        if (codec == null) {
            throw new IOException("this FFmpeg build has no such encoder");
        }
        boolean software = settings.hardware().isEmpty();
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.width(format.width());
        context.height(format.height());
        context.pix_fmt(AV_PIX_FMT_YUV420P);
        if (gpu != null) {
            gpu.attachTo(context);
        }
        context.time_base(av_make_q(1, TICKS_PER_SECOND));
        // Without it libx264 takes the time base for the frame rate, 90,000 fps, picks H.264 level 6.2
        // and keeps 16 reference frames: some 17 MiB more per recording (docs/BENCHMARKS.md, "Memory
        // of a node"). It sets the level and the stream's timing information; timestamps stay as they are.
        context.framerate(av_make_q(settings.frameRate(), 1));
        context.gop_size(settings.keyframeInterval());
        // No B-frames: timestamps stay in capture order and the file needs no reordering delay.
        context.max_b_frames(0);
        context.thread_count(settings.threads());
        if ((container.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary options = new AVDictionary(null);
        if (software) {
            av_dict_set(options, "preset", settings.preset(), 0);
            if (settings.constantQuality()) {
                av_dict_set(options, "crf", Integer.toString(settings.crf()), 0);
            }
            if (!settings.x264Params().isEmpty()) {
                av_dict_set(options, "x264-params", settings.x264Params(), 0);
            }
        }
        if (!settings.constantQuality()) {
            context.bit_rate(settings.videoBitrate());
        }
        try {
            FfmpegCalls.check(avcodec_open2(context, codec, options), "Opening the H.264 encoder");
            return context;
        } catch (IOException e) {
            avcodec_free_context(context);
            throw e;
        } finally {
            av_dict_free(options);
        }
    }

    private void scale(I420Frame picture) throws IOException {
        if (scaledSource == null || scaledSource.width() != picture.width() || scaledSource.height() != picture.height()) {
            if (scaledSource != null) {
                av_frame_free(scaledSource);
                sws_freeContext(scaler);
            }
            scaledSource = newFrame(picture.width(), picture.height());
            scaler = sws_getContext(picture.width(), picture.height(), AV_PIX_FMT_YUV420P, format.width(),
                    format.height(), AV_PIX_FMT_YUV420P, SWS_BILINEAR, null, null, (double[]) null);
        }
        copyPlanes(picture, scaledSource);
        sws_scale(scaler, scaledSource.data(), scaledSource.linesize(), 0, picture.height(), frame.data(), frame.linesize());
    }

    private static AVFrame newFrame(int width, int height) throws IOException {
        AVFrame frame = av_frame_alloc();
        frame.format(AV_PIX_FMT_YUV420P);
        frame.width(width);
        frame.height(height);
        FfmpegCalls.check(av_frame_get_buffer(frame, 0), "Allocating a video frame");
        return frame;
    }

    private static void copyPlanes(I420Frame picture, AVFrame target) {
        copyPlane(picture.y(), picture.width(), picture.height(), target, 0);
        copyPlane(picture.u(), picture.chromaWidth(), picture.chromaHeight(), target, 1);
        copyPlane(picture.v(), picture.chromaWidth(), picture.chromaHeight(), target, 2);
    }

    private static void copyPlane(byte[] source, int width, int height, AVFrame target, int plane) {
        BytePointer data = target.data(plane);
        int lineSize = target.linesize(plane);
        if (lineSize == width) {
            // One native call for the plane instead of one per row.
            data.put(source, 0, width * height);
            return;
        }
        for (int row = 0; row < height; row++) {
            data.position((long) row * lineSize).put(source, row * width, width);
        }
        data.position(0);
    }
}
