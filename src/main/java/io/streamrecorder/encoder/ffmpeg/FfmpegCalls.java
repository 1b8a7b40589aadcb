package io.streamrecorder.encoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.streamrecorder.encoder.DiskFullException;
import java.io.IOException;

/** FFmpeg reports failures as negative numbers; this turns them into exceptions that say what failed. */
final class FfmpegCalls {

    private FfmpegCalls() {
    }

    /** AVERROR(ENOSPC) and AVERROR(EDQUOT) on Linux: out of space or over quota. */
    private static final int NO_SPACE = -28;
    private static final int OVER_QUOTA = -122;

    static int check(int result, String action) throws IOException {
        if (result == NO_SPACE || result == OVER_QUOTA) {
            throw new DiskFullException(action + ": disk full (" + result + ")");
        }
        if (result < 0) {
            byte[] message = new byte[256];
            av_strerror(result, message, message.length);
            int length = 0;
            while (length < message.length && message[length] != 0) {
                length++;
            }
            throw new IOException(action + ": " + new String(message, 0, length, java.nio.charset.StandardCharsets.US_ASCII)
                    + " (" + result + ")");
        }
        return result;
    }
}
