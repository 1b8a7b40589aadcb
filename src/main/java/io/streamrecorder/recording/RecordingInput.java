package io.streamrecorder.recording;

/**
 * Where the network hands decoded media. Called on native threads: implementations must return at
 * once, never block and never throw.
 */
public interface RecordingInput {

    /** For streams published without recording: the media is received and dropped. */
    RecordingInput DISCARD = new RecordingInput() {
        @Override
        public void offerVideo(I420Frame frame, long captureNanos) {
        }

        @Override
        public void offerAudio(PcmAudio audio, long captureNanos) {
        }
    };

    /** {@code captureNanos} is on the {@link System#nanoTime()} clock. */
    void offerVideo(I420Frame frame, long captureNanos);

    void offerAudio(PcmAudio audio, long captureNanos);
}
