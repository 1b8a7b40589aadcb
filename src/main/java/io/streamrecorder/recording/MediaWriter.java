package io.streamrecorder.recording;

import java.io.IOException;

/**
 * Encodes and muxes one recording file. One encoder thread owns a writer: it is not thread-safe.
 * Timestamps are microseconds since the start of the recording and never decrease per track.
 */
public interface MediaWriter extends AutoCloseable {

    void writeVideo(I420Frame frame, long ptsMicros) throws IOException;

    void writeAudio(PcmAudio audio, long ptsMicros) throws IOException;

    /** Flushes the encoders and writes the trailer: afterwards the file is a complete MP4. */
    @Override
    void close() throws IOException;
}
