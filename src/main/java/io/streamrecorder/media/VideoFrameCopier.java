package io.streamrecorder.media;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.recording.RecordingInput;
import java.nio.ByteBuffer;

/** Copies a native frame into Java memory, so the native frame can be released at once. */
final class VideoFrameCopier {

    private VideoFrameCopier() {
    }

    /** Copies into a frame the recording hands out, which it may have used before. */
    static I420Frame copy(VideoFrame frame, RecordingInput into) {
        I420Buffer i420 = frame.buffer.toI420();
        try {
            I420Frame copy = into.blankFrame(i420.getWidth(), i420.getHeight());
            plane(i420.getDataY(), i420.getStrideY(), copy.width(), copy.height(), copy.y());
            plane(i420.getDataU(), i420.getStrideU(), copy.chromaWidth(), copy.chromaHeight(), copy.u());
            plane(i420.getDataV(), i420.getStrideV(), copy.chromaWidth(), copy.chromaHeight(), copy.v());
            return copy;
        } finally {
            // An I420 frame's toI420() is the frame's own buffer: releasing it too crashes the JVM (FACTS.md).
            if (i420 != frame.buffer) {
                i420.release();
            }
        }
    }

    private static void plane(ByteBuffer source, int stride, int width, int height, byte[] packed) {
        if (stride == width) {
            source.get(0, packed, 0, width * height);
            return;
        }
        for (int row = 0; row < height; row++) {
            source.get(row * stride, packed, row * width, width);
        }
    }
}
