package io.streamrecorder.mp4;

import java.io.IOException;

/** An MP4 is not laid out as the in-place finisher expects; the copying remux handles it instead. */
final class Mp4LayoutException extends IOException {

    Mp4LayoutException(String message) {
        super(message);
    }
}
