package io.streamrecorder.encoder.humble;

import io.humble.video.Codec;
import io.humble.video.Encoder;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.MediaPictureResampler;
import io.humble.video.Muxer;
import io.humble.video.MuxerFormat;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.TrackFormats.VideoFormat;
import java.nio.ByteBuffer;

/**
 * The H.264 track: copies I420 frames into a humble picture, scales frames whose size differs from
 * the first one (the browser may change resolution mid-stream) and encodes them with x264.
 */
final class HumbleVideoTrack {

    /** 90 kHz is the RTP and MPEG clock; fine enough for variable frame timing. */
    private static final Rational TIME_BASE = Rational.make(1, 90_000);

    private final VideoFormat format;
    private final Encoder encoder;
    private final MediaPicture picture;
    private final MediaPacket packet = MediaPacket.make();
    private MediaPicture scaledSource;
    private MediaPictureResampler scaler;
    private long lastPts = -1;

    HumbleVideoTrack(VideoFormat format, EncoderSettings settings, MuxerFormat container) {
        this.format = format;
        encoder = Encoder.make(Codec.findEncodingCodec(Codec.ID.CODEC_ID_H264));
        encoder.setWidth(format.width());
        encoder.setHeight(format.height());
        encoder.setPixelFormat(PixelFormat.Type.PIX_FMT_YUV420P);
        encoder.setTimeBase(TIME_BASE);
        // Options must be set before open(): a KeyValueBag handed to open() is ignored (FACTS.md).
        encoder.setProperty("preset", settings.preset());
        if (settings.constantQuality()) {
            encoder.setProperty("crf", settings.crf());
        } else {
            encoder.setProperty("b", settings.videoBitrate());
        }
        // Humble's encoder has no frame rate to set: without one x264 takes the time base's, and with it
        // a level that keeps 16 reference frames (FfmpegVideoTrack).
        encoder.setProperty("x264-params", settings.x264ParamsWithFrameRate());
        encoder.setProperty("g", settings.keyframeInterval());
        encoder.setProperty("threads", settings.threads());
        // No B-frames: timestamps stay in capture order and the file needs no reordering delay.
        encoder.setProperty("bf", 0);
        if (container.getFlag(MuxerFormat.Flag.GLOBAL_HEADER)) {
            encoder.setFlag(Encoder.Flag.FLAG_GLOBAL_HEADER, true);
        }
        encoder.open(null, null);
        picture = MediaPicture.make(format.width(), format.height(), PixelFormat.Type.PIX_FMT_YUV420P);
        picture.setTimeBase(TIME_BASE);
    }

    Encoder encoder() {
        return encoder;
    }

    void write(I420Frame frame, long ptsMicros, Muxer muxer) {
        long pts = (ptsMicros * 9 + 50) / 100;
        if (pts <= lastPts) {
            // Two frames within one tick (or a clock step back): keep the track strictly increasing.
            pts = lastPts + 1;
        }
        lastPts = pts;
        if (frame.width() == format.width() && frame.height() == format.height()) {
            copyPlanes(frame, picture);
        } else {
            scale(frame);
        }
        picture.setTimeStamp(pts);
        picture.setComplete(true);
        encode(picture, muxer);
    }

    void finish(Muxer muxer) {
        encode(null, muxer);
    }

    private void scale(I420Frame frame) {
        if (scaledSource == null || scaledSource.getWidth() != frame.width()
                || scaledSource.getHeight() != frame.height()) {
            scaledSource = MediaPicture.make(frame.width(), frame.height(), PixelFormat.Type.PIX_FMT_YUV420P);
            scaledSource.setTimeBase(TIME_BASE);
            scaler = MediaPictureResampler.make(format.width(), format.height(), PixelFormat.Type.PIX_FMT_YUV420P,
                    frame.width(), frame.height(), PixelFormat.Type.PIX_FMT_YUV420P, 0);
            scaler.open();
        }
        copyPlanes(frame, scaledSource);
        scaledSource.setComplete(true);
        scaler.resample(picture, scaledSource);
    }

    private void encode(MediaPicture input, Muxer muxer) {
        do {
            encoder.encode(packet, input);
            if (packet.isComplete()) {
                muxer.write(packet, true);
            }
        } while (packet.isComplete());
    }

    private static void copyPlanes(I420Frame frame, MediaPicture target) {
        copyPlane(frame.y(), frame.width(), frame.height(), target, 0);
        copyPlane(frame.u(), frame.chromaWidth(), frame.chromaHeight(), target, 1);
        copyPlane(frame.v(), frame.chromaWidth(), frame.chromaHeight(), target, 2);
    }

    private static void copyPlane(byte[] source, int width, int height, MediaPicture target, int plane) {
        int lineSize = target.getLineSize(plane);
        ByteBuffer buffer = NativeBuffers.whole(target.getData(plane));
        if (lineSize == width) {
            buffer.put(source, 0, width * height);
            return;
        }
        for (int row = 0; row < height; row++) {
            buffer.position(row * lineSize);
            buffer.put(source, row * width, width);
        }
    }
}
