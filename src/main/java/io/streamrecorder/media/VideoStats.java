package io.streamrecorder.media;

/** What an operator sees of a stream's video: the latest frame's size and the frames per second so far. */
public record VideoStats(int width, int height, double framesPerSecond) {
}
