package io.streamrecorder.upload;

import java.io.Serializable;

/** What the live reader hands its writer: a part of the recording, a sign of life, or how the recording ended. */
sealed interface LiveItem extends Serializable {

    /** A part of the recording, final but for the header in part 1. */
    record Part(FilePart part) implements LiveItem {
    }

    /** Nothing new for a while: the chunk commits, so the job's checkpoint shows it alive. */
    record Waiting() implements LiveItem {
    }

    /** The recording is finished under {@code file}; {@code cursor} says what was sent while it was written. */
    record Finished(String file, LiveCursor cursor) implements LiveItem {
    }

    /** The recording was discarded (it never held media): nothing to upload. */
    record Discarded() implements LiveItem {
    }
}
