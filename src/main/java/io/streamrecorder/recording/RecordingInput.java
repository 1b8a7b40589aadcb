package io.streamrecorder.recording;

import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.PcmAudio;

/**
 * Where the network hands decoded media. Called on native threads: implementations must return at
 * once, never block and never throw.
 */
public interface RecordingInput {

    /** For streams published without recording: the media is received and dropped. */
    RecordingInput DISCARD = new RecordingInput() {
        @Override
        public I420Frame blankFrame(int width, int height) {
            return I420Frame.blank(width, height);
        }

        @Override
        public void offerVideo(I420Frame frame, long captureNanos) {
        }

        @Override
        public void offerAudio(PcmAudio audio, long captureNanos) {
        }
    };

    /** A frame to copy the next picture of that size into, then to offer: it may reuse an old one's arrays. */
    I420Frame blankFrame(int width, int height);

    /** {@code captureNanos} is on the {@link System#nanoTime()} clock. */
    void offerVideo(I420Frame frame, long captureNanos);

    void offerAudio(PcmAudio audio, long captureNanos);
}
