package io.streamrecorder.encoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Decodes one picture of a recording, scaled down, for its poster. */
public final class PosterFrame {

    private PosterFrame() {
    }

    /**
     * The first frame at or after {@code atSeconds} (or the last one, in a shorter recording), at
     * most {@code maxWidth} wide; empty for a recording without video.
     */
    public static Optional<BufferedImage> of(Path recording, double atSeconds, int maxWidth) throws IOException {
        AVFormatContext input = new AVFormatContext(null);
        FfmpegCalls.check(avformat_open_input(input, recording.toString(), null, null), "Reading " + recording.getFileName());
        AVCodecContext decoder = null;
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        AVFrame last = av_frame_alloc();
        try {
            FfmpegCalls.check(avformat_find_stream_info(input, (AVDictionary) null), "Reading the streams of " + recording.getFileName());
            int stream = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (stream < 0) {
                return Optional.empty();
            }
            AVCodec codec = avcodec_find_decoder(input.streams(stream).codecpar().codec_id());
            decoder = avcodec_alloc_context3(codec);
            FfmpegCalls.check(avcodec_parameters_to_context(decoder, input.streams(stream).codecpar()), "Preparing the decoder");
            FfmpegCalls.check(avcodec_open2(decoder, codec, (AVDictionary) null), "Opening the decoder");
            double timeBase = av_q2d(input.streams(stream).time_base());
            while (av_read_frame(input, packet) >= 0) {
                boolean ours = packet.stream_index() == stream;
                int sent = ours ? avcodec_send_packet(decoder, packet) : -1;
                av_packet_unref(packet);
                if (sent < 0) {
                    continue;
                }
                while (avcodec_receive_frame(decoder, frame) >= 0) {
                    long pts = frame.best_effort_timestamp();
                    if (pts != AV_NOPTS_VALUE && pts * timeBase >= atSeconds) {
                        return Optional.of(toImage(frame, maxWidth));
                    }
                    keep(frame, last);
                }
            }
            // A recording shorter than atSeconds: flush the decoder and take its last picture.
            avcodec_send_packet(decoder, null);
            while (avcodec_receive_frame(decoder, frame) >= 0) {
                keep(frame, last);
            }
            return last.width() > 0 ? Optional.of(toImage(last, maxWidth)) : Optional.empty();
        } finally {
            if (decoder != null) {
                avcodec_free_context(decoder);
            }
            av_frame_free(frame);
            av_frame_free(last);
            av_packet_free(packet);
            avformat_close_input(input);
        }
    }

    /** Keeps a decoded picture aside: a receive that finds nothing more blanks the frame it is given. */
    private static void keep(AVFrame decoded, AVFrame last) {
        av_frame_unref(last);
        av_frame_move_ref(last, decoded);
    }

    private static BufferedImage toImage(AVFrame frame, int maxWidth) {
        int width = Math.min(maxWidth, frame.width()) & ~1;
        int height = Math.max(2, (int) Math.round((double) frame.height() * width / frame.width()) & ~1);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        SwsContext scaler = sws_getContext(frame.width(), frame.height(), frame.format(), width, height, AV_PIX_FMT_BGR24,
                SWS_BILINEAR, null, null, (double[]) null);
        // sws_scale reads four planes and four strides, even for a packed format that uses one.
        try (BytePointer out = new BytePointer((long) pixels.length);
                PointerPointer<BytePointer> planes = new PointerPointer<>(out, null, null, null);
                IntPointer stride = new IntPointer(new int[] {width * 3, 0, 0, 0})) {
            sws_scale(scaler, frame.data(), frame.linesize(), 0, frame.height(), planes, stride);
            out.get(pixels);
        } finally {
            sws_freeContext(scaler);
        }
        return image;
    }
}
