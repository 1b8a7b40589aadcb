package io.streamrecorder.encoder.ffmpeg;

import io.streamrecorder.encoder.MediaFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** {@link MediaFiles} with FFmpeg 8. */
@ApplicationScoped
public class FfmpegMediaFiles implements MediaFiles {

    @Override
    public long remuxFaststart(Path fragmented, Path target) throws IOException {
        return Mp4Finisher.remux(fragmented, target);
    }

    @Override
    public long playingMillis(Path file) throws IOException {
        return Mp4Finisher.durationOf(file);
    }

    @Override
    public long indexedMillis(Path finished) throws IOException {
        return MediaDuration.millisOf(finished);
    }

    @Override
    public Optional<BufferedImage> poster(Path file, double atSeconds, int maxWidth) throws IOException {
        return PosterFrame.of(file, atSeconds, maxWidth);
    }
}
