package io.streamrecorder.recording;

/**
 * How every recording runs: its queue, its frame rate and when it rotates into a new segment
 * (0 for never).
 */
public record RecordingOptions(int queueCapacity, int framesPerSecond, long rotateAfterMicros, long rotateAfterBytes) {
}
