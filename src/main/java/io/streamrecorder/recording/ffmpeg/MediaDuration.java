package io.streamrecorder.recording.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/** How long a finished MP4 plays, read from its index without touching the media. */
public final class MediaDuration {

    private MediaDuration() {
    }

    public static long millisOf(Path recording) throws IOException {
        AVFormatContext input = new AVFormatContext(null);
        FfmpegCalls.check(avformat_open_input(input, recording.toString(), null, null), "Reading " + recording.getFileName());
        try {
            long micros = input.duration();
            return micros == AV_NOPTS_VALUE ? 0 : micros / 1000;
        } finally {
            avformat_close_input(input);
        }
    }
}
