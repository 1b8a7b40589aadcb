package io.streamrecorder.recording;

/**
 * How every recording runs: its queue, how many of the queued samples may be video frames, its
 * frame rate and when it rotates into a new segment (0 for never). Frames are capped apart from the
 * queue: an encoder that falls behind then drops frames (the file holds the previous one) while
 * audio still finds room, encoding fewer frames is what lets it catch up, and the heap holds at
 * most that many 460 KB pictures per recording.
 */
public record RecordingOptions(int queueCapacity, int maxQueuedFrames, int framesPerSecond, long rotateAfterMicros,
        long rotateAfterBytes) {
}
