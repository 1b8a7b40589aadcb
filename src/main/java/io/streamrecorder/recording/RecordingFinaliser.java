package io.streamrecorder.recording;

import io.streamrecorder.recording.ffmpeg.Mp4Finisher;
import io.streamrecorder.recording.ffmpeg.PosterFrame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;

/**
 * Turns a recording's fragmented file into its finished MP4 under the name the template gives it,
 * with a JPEG poster beside it: faststart in place when the writer reserved room for the index
 * ({@link FaststartInPlace}), otherwise a faststart copy. When the disk has no room for the copy, the
 * fragmented file itself is cut back to its last whole fragment and kept: it plays, nothing is lost.
 */
final class RecordingFinaliser {

    private static final Logger LOG = Logger.getLogger(RecordingFinaliser.class.getName());
    private static final double POSTER_AT_SECONDS = 1.0;
    private static final int POSTER_WIDTH = 320;

    private RecordingFinaliser() {
    }

    static RecordInfo finalise(RecordsDirectory directory, RecordsDirectory.RecordingFile file) throws IOException {
        Path faststart = directory.scratchFor(file);
        Path finished;
        long durationMillis;
        // A file cut short (a crash, a full disk) may end inside a fragment, which the remux cannot
        // read past: back to the last whole fragment first (a whole file stays as it is).
        long kept = FragmentedMp4.trimToCompleteFragments(file.partial());
        OptionalLong inPlace = FaststartInPlace.finish(file.partial());
        if (inPlace.isPresent()) {
            durationMillis = inPlace.getAsLong();
            finished = file.partial();
        } else {
            try {
                durationMillis = Mp4Finisher.remux(file.partial(), faststart);
                finished = faststart;
            } catch (DiskFullException noRoom) {
                durationMillis = Mp4Finisher.durationOf(file.partial());
                finished = file.partial();
                LOG.warning("No room for a faststart copy of " + file.partialName() + "; keeping it fragmented ("
                        + kept + " bytes, " + durationMillis + " ms)");
            }
        }
        Path target = directory.publish(finished, file, file.startTime().plusMillis(durationMillis));
        Files.deleteIfExists(file.partial());
        writePoster(target);
        return new RecordInfo(file.streamName(), target, durationMillis, Files.size(target));
    }

    /** A poster is a convenience: a recording without one (audio only, a full disk) is still complete. */
    private static void writePoster(Path recording) {
        Path poster = RecordsDirectory.posterOf(recording);
        try {
            Optional<BufferedImage> picture = PosterFrame.of(recording, POSTER_AT_SECONDS, POSTER_WIDTH);
            if (picture.isPresent() && !ImageIO.write(picture.get(), "jpg", poster.toFile())) {
                throw new IOException("no JPEG writer");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "No poster for " + recording.getFileName(), e);
            try {
                Files.deleteIfExists(poster);
            } catch (IOException ignored) {
                // Nothing more to undo.
            }
        }
    }
}
