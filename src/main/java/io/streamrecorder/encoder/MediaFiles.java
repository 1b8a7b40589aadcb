package io.streamrecorder.encoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What finishing and listing recordings need from a media library, whichever back end encoded them:
 * a copying remux, two ways to measure a file, and a poster picture. FFmpeg's is the only
 * implementation: its library ships in the WAR for both back ends.
 */
public interface MediaFiles {

    /** Remuxes a fragmented file into a faststart {@code target}, no re-encoding; returns how long it plays in ms. */
    long remuxFaststart(Path fragmented, Path target) throws IOException;

    /** How long the media in a file plays in ms, by reading every packet (any MP4, fragmented or not). */
    long playingMillis(Path file) throws IOException;

    /** How long a finished MP4 plays in ms, from its index alone (cheap, for listings). */
    long indexedMillis(Path finished) throws IOException;

    /** The picture at {@code atSeconds} (or the last before it), at most {@code maxWidth} wide; empty without video. */
    Optional<BufferedImage> poster(Path file, double atSeconds, int maxWidth) throws IOException;
}
