package io.streamrecorder.encoder.humble;

import io.humble.ferry.Buffer;
import java.nio.ByteBuffer;

final class NativeBuffers {

    private NativeBuffers() {
    }

    /** humble sets the view's limit to the whole native buffer, so asking for less fails: ask for all of it. */
    static ByteBuffer whole(Buffer buffer) {
        return buffer.getByteBuffer(0, buffer.getBufferSize());
    }
}
