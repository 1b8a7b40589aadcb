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
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import io.streamrecorder.encoder.AudioFrameAssembler.AudioFrame;
import io.streamrecorder.encoder.AudioFrameAssembler;
import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.PcmAudio;
import io.streamrecorder.encoder.TrackFormats.AudioFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/** The AAC track: FFmpeg's own encoder, fed from the shared sample-count timeline. */
final class FfmpegAudioTrack implements AutoCloseable {

    private final AVCodecContext encoder;
    private final AVStream stream;
    private final AVFrame frame;
    private final AVPacket packet = av_packet_alloc();
    private final AudioFrameAssembler assembler;
    private final int channels;
    private AVFormatContext container;

    FfmpegAudioTrack(AudioFormat format, EncoderSettings settings, AVFormatContext container) throws IOException {
        channels = Math.min(format.channels(), 2);
        AVCodec codec = avcodec_find_encoder_by_name("aac");
        encoder = avcodec_alloc_context3(codec);
        encoder.sample_fmt(AV_SAMPLE_FMT_FLTP);
        encoder.sample_rate(format.sampleRate());
        av_channel_layout_default(encoder.ch_layout(), channels);
        encoder.bit_rate(settings.audioBitrate());
        encoder.time_base(av_make_q(1, format.sampleRate()));
        if ((container.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        FfmpegCalls.check(avcodec_open2(encoder, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "Opening the AAC encoder");
        stream = avformat_new_stream(container, null);
        FfmpegCalls.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "Describing the audio stream");
        stream.time_base(encoder.time_base());
        frame = av_frame_alloc();
        frame.format(AV_SAMPLE_FMT_FLTP);
        frame.nb_samples(encoder.frame_size());
        frame.sample_rate(format.sampleRate());
        av_channel_layout_default(frame.ch_layout(), channels);
        FfmpegCalls.check(av_frame_get_buffer(frame, 0), "Allocating an audio frame");
        assembler = new AudioFrameAssembler(format.sampleRate(), channels, encoder.frame_size());
    }

    void write(PcmAudio chunk, long ptsMicros, AVFormatContext target) throws IOException {
        container = target;
        try {
            assembler.push(chunk, ptsMicros, this::encode);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    void cut() {
        assembler.cut();
    }

    void finish(AVFormatContext target) throws IOException {
        container = target;
        try {
            assembler.flush(this::encode);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        FfmpegCalls.check(avcodec_send_frame(encoder, null), "Flushing the audio encoder");
        PacketSink.drain(encoder, packet, stream, container);
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(encoder);
    }

    private void encode(AudioFrame samples) {
        try {
            FfmpegCalls.check(av_frame_make_writable(frame), "Preparing an audio frame");
            for (int c = 0; c < channels; c++) {
                new FloatPointer(frame.data(c)).put(samples.planes()[c]);
            }
            frame.pts(samples.firstSample());
            FfmpegCalls.check(avcodec_send_frame(encoder, frame), "Encoding audio");
            PacketSink.drain(encoder, packet, stream, container);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
