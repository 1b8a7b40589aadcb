package io.streamrecorder.records;

import io.streamrecorder.config.UploadConfig;
import io.streamrecorder.encoder.DiskFullException;
import io.streamrecorder.encoder.MediaFiles;
import io.streamrecorder.mp4.FaststartInPlace;
import io.streamrecorder.mp4.FragmentedMp4;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
@ApplicationScoped
public class RecordingFinaliser {

    private static final Logger LOG = Logger.getLogger(RecordingFinaliser.class.getName());
    private static final double POSTER_AT_SECONDS = 1.0;
    private static final int POSTER_WIDTH = 320;

    private RecordsDirectory directory;
    private MediaFiles media;
    private long followedInPlaceFrom;

    protected RecordingFinaliser() {
        // for CDI proxies
    }

    /**
     * {@code followedInPlaceFrom}: a followed file of this size or more is finished in place, since
     * its upload may have sent its later parts already (the part size); the copy would change them.
     */
    public RecordingFinaliser(RecordsDirectory directory, MediaFiles media, long followedInPlaceFrom) {
        this.directory = directory;
        this.media = media;
        this.followedInPlaceFrom = followedInPlaceFrom;
    }

    @Inject
    public RecordingFinaliser(RecordsDirectory directory, MediaFiles media, UploadConfig config) {
        this(directory, media, config.uploadPartSize());
    }

    public RecordInfo finalise(RecordsDirectory.RecordingFile file) throws IOException {
        Path faststart = directory.scratchFor(file);
        Path finished;
        long durationMillis;
        // A file cut short (a crash, a full disk) may end inside a fragment, which the remux cannot
        // read past: back to the last whole fragment first (a whole file stays as it is).
        long kept = FragmentedMp4.trimToCompleteFragments(file.partial());
        boolean followed = PartialForwarding.isFollowed(file.partial());
        OptionalLong inPlace = FaststartInPlace.finish(file.partial(), media::playingMillis,
                followed ? followedInPlaceFrom : Long.MAX_VALUE);
        if (inPlace.isPresent()) {
            durationMillis = inPlace.getAsLong();
            finished = file.partial();
        } else {
            try {
                durationMillis = media.remuxFaststart(file.partial(), faststart);
                finished = faststart;
            } catch (DiskFullException noRoom) {
                durationMillis = media.playingMillis(file.partial());
                finished = file.partial();
                long playable = durationMillis;
                LOG.warning(() -> String.format(
                        "No room for a faststart copy of %s; keeping it fragmented (%s bytes, %s ms)",
                        file.partialName(), kept, playable));
            }
        }
        Path target = directory.publish(finished, file, file.startTime().plusMillis(durationMillis));
        Files.deleteIfExists(file.partial());
        writePoster(target);
        return new RecordInfo(file.streamName(), target, durationMillis, Files.size(target), followed);
    }

    /** A poster is a convenience: a recording without one (audio only, a full disk) is still complete. */
    private void writePoster(Path recording) {
        Path poster = RecordsDirectory.posterOf(recording);
        try {
            Optional<BufferedImage> picture = media.poster(recording, POSTER_AT_SECONDS, POSTER_WIDTH);
            if (picture.isPresent() && !ImageIO.write(picture.get(), "jpg", poster.toFile())) {
                throw new IOException("no JPEG writer");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> String.format("No poster for %s", recording.getFileName()));
            try {
                Files.deleteIfExists(poster);
            } catch (IOException ignored) {
                // Nothing more to undo.
            }
        }
    }
}
