package io.streamrecorder.encoder;

/** Signed 16-bit little-endian interleaved PCM, as webrtc-java's audio sinks deliver it. */
public record PcmAudio(byte[] data, int sampleRate, int channels, int frames) {
}
