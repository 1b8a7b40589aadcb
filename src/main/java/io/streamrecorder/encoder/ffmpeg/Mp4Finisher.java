package io.streamrecorder.encoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Turns a fragmented recording into a normal MP4 with its index in front (faststart), copying the
 * encoded media without re-encoding. Works the same on a file cut short by a crash or a full disk:
 * everything up to its last complete fragment is kept.
 */
public final class Mp4Finisher {

    private Mp4Finisher() {
    }

    /** Remuxes {@code fragmented} into {@code target}; returns the duration in milliseconds. */
    public static long remux(Path fragmented, Path target) throws IOException {
        try {
            return copy(fragmented, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    /** How long the media in a file plays, in milliseconds, read without writing anything. */
    public static long durationOf(Path file) throws IOException {
        return copy(file, null);
    }

    /** Reads every packet of {@code source}, copying it into {@code target} unless that is null. */
    private static long copy(Path source, Path target) throws IOException {
        AVFormatContext input = new AVFormatContext(null);
        FfmpegCalls.check(avformat_open_input(input, source.toString(), null, null), "Reading " + source.getFileName());
        AVFormatContext output = new AVFormatContext(null);
        AVPacket packet = av_packet_alloc();
        try {
            FfmpegCalls.check(avformat_find_stream_info(input, (AVDictionary) null), "Reading the streams of " + source.getFileName());
            if (target != null) {
                openOutput(input, output, target);
            }
            // The video's end is exact; AAC's last packet is padded up to 21 ms past the audio, so it
            // only counts in a recording without video.
            double videoEnd = 0;
            double audioEnd = 0;
            long[] lastDts = new long[input.nb_streams()];
            Arrays.fill(lastDts, AV_NOPTS_VALUE);
            int read;
            while ((read = av_read_frame(input, packet)) >= 0) {
                AVStream from = input.streams(packet.stream_index());
                if (packet.pts() != AV_NOPTS_VALUE) {
                    double end = (packet.pts() + packet.duration()) * av_q2d(from.time_base());
                    if (from.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                        videoEnd = Math.max(videoEnd, end);
                    } else {
                        audioEnd = Math.max(audioEnd, end);
                    }
                }
                if (target == null) {
                    av_packet_unref(packet);
                    continue;
                }
                av_packet_rescale_ts(packet, from.time_base(), output.streams(packet.stream_index()).time_base());
                keepDecodeOrder(packet, lastDts);
                FfmpegCalls.check(av_interleaved_write_frame(output, packet), "Copying media");
            }
            if (read != AVERROR_EOF) {
                // A crash cuts the last fragment short: what was read up to it is kept.
                av_packet_unref(packet);
            }
            if (target != null) {
                FfmpegCalls.check(av_write_trailer(output), "Finishing the MP4");
            }
            return Math.round((videoEnd > 0 ? videoEnd : audioEnd) * 1000);
        } finally {
            av_packet_free(packet);
            if (!output.isNull()) {
                if (output.pb() != null) {
                    avio_closep(output.pb());
                }
                avformat_free_context(output);
            }
            avformat_close_input(input);
        }
    }

    /**
     * The muxer refuses a packet whose decode time is not after the one before it in its stream
     * (EINVAL), and with it the whole file. An encoder can leave two packets on one tick (humble-video
     * has, under load): the later moves one tick on, as ffmpeg's own stream copy does.
     */
    private static void keepDecodeOrder(AVPacket packet, long[] lastDts) {
        int stream = packet.stream_index();
        if (packet.dts() == AV_NOPTS_VALUE) {
            return;
        }
        if (lastDts[stream] != AV_NOPTS_VALUE && packet.dts() <= lastDts[stream]) {
            long dts = lastDts[stream] + 1;
            if (packet.pts() != AV_NOPTS_VALUE && packet.pts() < dts) {
                packet.pts(dts);
            }
            packet.dts(dts);
        }
        lastDts[stream] = packet.dts();
    }

    private static void openOutput(AVFormatContext input, AVFormatContext output, Path target) throws IOException {
        FfmpegCalls.check(avformat_alloc_output_context2(output, null, "mp4", target.toString()), "Creating the MP4");
        for (int i = 0; i < input.nb_streams(); i++) {
            AVStream copy = avformat_new_stream(output, null);
            FfmpegCalls.check(avcodec_parameters_copy(copy.codecpar(), input.streams(i).codecpar()), "Copying a stream");
            copy.codecpar().codec_tag(0);
            copy.time_base(input.streams(i).time_base());
        }
        AVIOContext file = new AVIOContext(null);
        FfmpegCalls.check(avio_open(file, target.toString(), AVIO_FLAG_WRITE), "Opening " + target.getFileName());
        output.pb(file);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "movflags", "faststart", 0);
        try {
            FfmpegCalls.check(avformat_write_header(output, options), "Writing the MP4 header");
        } finally {
            av_dict_free(options);
        }
    }
}
