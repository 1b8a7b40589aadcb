package io.streamrecorder.recording;

import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.PcmAudio;

/** What travels through a recording's queue from the network threads to its encoder thread. */
sealed interface MediaSample {

    long captureNanos();

    record Video(I420Frame frame, long captureNanos) implements MediaSample {
    }

    record Audio(PcmAudio audio, long captureNanos) implements MediaSample {
    }

    /** Put last: the encoder thread finalises the file when it takes this. */
    record End(long captureNanos) implements MediaSample {
    }
}
