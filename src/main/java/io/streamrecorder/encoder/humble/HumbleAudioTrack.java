package io.streamrecorder.encoder.humble;

import io.humble.video.AudioChannel;
import io.humble.video.AudioFormat;
import io.humble.video.Codec;
import io.humble.video.Encoder;
import io.humble.video.MediaAudio;
import io.humble.video.MediaPacket;
import io.humble.video.Muxer;
import io.humble.video.MuxerFormat;
import io.humble.video.Rational;
import io.streamrecorder.encoder.AudioFrameAssembler.AudioFrame;
import io.streamrecorder.encoder.AudioFrameAssembler;
import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.PcmAudio;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** The AAC track: assembles PCM chunks into encoder frames on a sample-count timeline. */
final class HumbleAudioTrack {

    private final Encoder encoder;
    private final MediaAudio frame;
    private final MediaPacket packet = MediaPacket.make();
    private final AudioFrameAssembler assembler;
    private final int channels;
    private Muxer muxer;

    HumbleAudioTrack(io.streamrecorder.encoder.TrackFormats.AudioFormat format, EncoderSettings settings,
            MuxerFormat container) {
        channels = Math.min(format.channels(), 2);
        AudioChannel.Layout layout = channels == 1 ? AudioChannel.Layout.CH_LAYOUT_MONO
                : AudioChannel.Layout.CH_LAYOUT_STEREO;
        // By ID humble finds libvo_aacenc (16-bit only, weaker); FFmpeg's own encoder sounds better.
        encoder = Encoder.make(Codec.findEncodingCodecByName("aac"));
        encoder.setSampleRate(format.sampleRate());
        encoder.setChannels(channels);
        encoder.setChannelLayout(layout);
        encoder.setSampleFormat(AudioFormat.Type.SAMPLE_FMT_FLTP);
        encoder.setTimeBase(Rational.make(1, format.sampleRate()));
        encoder.setProperty("b", settings.audioBitrate());
        // FFmpeg of humble's vintage still flags its native AAC encoder experimental.
        encoder.setProperty("strict", "experimental");
        if (container.getFlag(MuxerFormat.Flag.GLOBAL_HEADER)) {
            encoder.setFlag(Encoder.Flag.FLAG_GLOBAL_HEADER, true);
        }
        encoder.open(null, null);
        int frameSize = encoder.getFrameSize();
        frame = MediaAudio.make(frameSize, format.sampleRate(), channels, layout, AudioFormat.Type.SAMPLE_FMT_FLTP);
        frame.setTimeBase(Rational.make(1, format.sampleRate()));
        assembler = new AudioFrameAssembler(format.sampleRate(), channels, frameSize);
    }

    Encoder encoder() {
        return encoder;
    }

    void write(PcmAudio audio, long ptsMicros, Muxer muxer) {
        this.muxer = muxer;
        assembler.push(audio, ptsMicros, this::encodeFrame);
    }

    void cut() {
        assembler.cut();
    }

    void finish(Muxer muxer) {
        this.muxer = muxer;
        assembler.flush(this::encodeFrame);
        encode(null);
    }

    private void encodeFrame(AudioFrame samples) {
        for (int c = 0; c < channels; c++) {
            FloatBuffer plane = NativeBuffers.whole(frame.getData(c)).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            plane.put(samples.planes()[c]);
        }
        frame.setNumSamples(samples.samples());
        frame.setTimeStamp(samples.firstSample());
        frame.setComplete(true);
        encode(frame);
    }

    private void encode(MediaAudio input) {
        do {
            encoder.encode(packet, input);
            if (packet.isComplete()) {
                muxer.write(packet, true);
            }
        } while (packet.isComplete());
    }
}
