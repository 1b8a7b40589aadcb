package io.streamrecorder.encoder;

import java.io.IOException;

/**
 * Encodes and muxes one recording file. One encoder thread owns a writer: it is not thread-safe.
 * Timestamps are microseconds since the start of the recording and never decrease per track.
 */
public interface MediaWriter extends AutoCloseable {

    /** Writers mux fragmented MP4: playable up to the last complete fragment without a trailer. */
    String FRAGMENTED_MOVFLAGS = "empty_moov+default_base_moof";

    /**
     * A fragment every half second, whatever the keyframe interval: a crash loses at most this
     * plus the encoder's lookahead, not a whole keyframe interval.
     */
    String FRAGMENT_MICROS = "500000";

    void writeVideo(I420Frame frame, long ptsMicros) throws IOException;

    void writeAudio(PcmAudio audio, long ptsMicros) throws IOException;

    /**
     * The media written next follows a cut (a pause left out of the file): the audio track fills
     * the time between with silence, as the video holds its last frame over it.
     */
    void cut();

    /**
     * Flushes the encoders and writes the trailer. The file is a fragmented MP4, playable up to its
     * last fragment even if this never runs (a crash); {@link RecordingFinaliser} makes it a faststart MP4.
     */
    @Override
    void close() throws IOException;
}
