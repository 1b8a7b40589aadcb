package io.streamrecorder.encoder;

import java.io.IOException;

/** The records directory has no room: refused before a recording starts, or hit while writing one. */
public class DiskFullException extends IOException {

    public DiskFullException(String message) {
        super(message);
    }

    /** Whether {@code failure}, or anything that caused it, says the disk is full. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DiskFullException || (t.getMessage() != null && t.getMessage().contains("No space left on device"))) {
                return true;
            }
        }
        return false;
    }
}
