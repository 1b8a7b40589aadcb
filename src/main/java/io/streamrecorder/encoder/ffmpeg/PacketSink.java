package io.streamrecorder.encoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;

/** Moves what an encoder has produced into the muxer, in the stream's time base. */
final class PacketSink {

    private PacketSink() {
    }

    static void drain(AVCodecContext encoder, AVPacket packet, AVStream stream, AVFormatContext container)
            throws IOException {
        while (true) {
            int received = avcodec_receive_packet(encoder, packet);
            if (received == AVERROR_EAGAIN() || received == AVERROR_EOF) {
                return;
            }
            FfmpegCalls.check(received, "Encoding");
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            // Takes the packet's data and leaves it blank for the next one.
            FfmpegCalls.check(av_interleaved_write_frame(container, packet), "Writing a packet");
        }
    }
}
