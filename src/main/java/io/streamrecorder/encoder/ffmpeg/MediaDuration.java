package io.streamrecorder.encoder.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;

/** How long a finished MP4 plays, read from its index without touching the media. */
public final class MediaDuration {

    private MediaDuration() {
    }

    public static long millisOf(Path recording) throws IOException {
        AVFormatContext input = new AVFormatContext(null);
        FfmpegCalls.check(avformat_open_input(input, recording.toString(), null, null), "Reading " + recording.getFileName());
        try {
            // The container's own duration is only worked out by avformat_find_stream_info, which
            // reads media; the streams' durations come straight from the index.
            double seconds = 0;
            for (int i = 0; i < input.nb_streams(); i++) {
                AVStream stream = input.streams(i);
                if (stream.duration() != AV_NOPTS_VALUE) {
                    seconds = Math.max(seconds, stream.duration() * av_q2d(stream.time_base()));
                }
            }
            return Math.round(seconds * 1000);
        } finally {
            avformat_close_input(input);
        }
    }
}
