package io.streamrecorder.media;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import io.streamrecorder.recording.I420Frame;
import java.nio.ByteBuffer;

/** Copies a native frame into Java memory, so the native frame can be released at once. */
final class VideoFrameCopier {

    private VideoFrameCopier() {
    }

    static I420Frame copy(VideoFrame frame) {
        I420Buffer i420 = frame.buffer.toI420();
        try {
            int width = i420.getWidth();
            int height = i420.getHeight();
            int chromaWidth = (width + 1) / 2;
            int chromaHeight = (height + 1) / 2;
            return new I420Frame(width, height,
                    plane(i420.getDataY(), i420.getStrideY(), width, height),
                    plane(i420.getDataU(), i420.getStrideU(), chromaWidth, chromaHeight),
                    plane(i420.getDataV(), i420.getStrideV(), chromaWidth, chromaHeight));
        } finally {
            // An I420 frame's toI420() is the frame's own buffer: releasing it too crashes the JVM (FACTS.md).
            if (i420 != frame.buffer) {
                i420.release();
            }
        }
    }

    private static byte[] plane(ByteBuffer source, int stride, int width, int height) {
        byte[] packed = new byte[width * height];
        if (stride == width) {
            source.get(0, packed, 0, packed.length);
            return packed;
        }
        for (int row = 0; row < height; row++) {
            source.get(row * stride, packed, row * width, width);
        }
        return packed;
    }
}
