package io.streamrecorder.encoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Encodes one tiny frame and one audio chunk into a scratch file at deployment. The first encoder a
 * server opens loads the media library's native code; done by the first recording, that held its
 * encoder long enough for a second of frames to queue up and the rest to be dropped
 * (docs/BENCHMARKS.md, "The default encoder since 2026-11-30").
 */
public final class EncoderWarmUp {

    private static final Logger LOG = Logger.getLogger(EncoderWarmUp.class.getName());
    private static final int SIDE = 64;
    private static final int SAMPLE_RATE = 48_000;

    private EncoderWarmUp() {
    }

    public static void run(MediaWriterFactory writers) {
        long started = System.nanoTime();
        Path scratch = null;
        try {
            scratch = Files.createTempFile("streamrecorder-warm-up", ".mp4");
            try (MediaWriter writer = writers.open(scratch, new TrackFormats(new TrackFormats.VideoFormat(SIDE, SIDE),
                    new TrackFormats.AudioFormat(SAMPLE_RATE, 1)))) {
                writer.writeVideo(I420Frame.blank(SIDE, SIDE), 0);
                writer.writeAudio(new PcmAudio(new byte[SAMPLE_RATE / 100 * 2], SAMPLE_RATE, 1, SAMPLE_RATE / 100), 0);
            }
            LOG.info(() -> String.format("Encoders started in %s ms", (System.nanoTime() - started) / 1_000_000));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not start the encoders ahead of the first recording", e);
        } finally {
            if (scratch != null) {
                try {
                    Files.deleteIfExists(scratch);
                } catch (IOException e) {
                    Path stays = scratch;
                    LOG.log(Level.FINE, e, () -> String.format("Scratch file %s stays", stays));
                }
            }
        }
    }
}
