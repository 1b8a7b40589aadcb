package io.streamrecorder.encoder.humble;

import io.humble.video.KeyValueBag;
import io.humble.video.Muxer;
import io.streamrecorder.encoder.EncoderSettings;
import io.streamrecorder.encoder.I420Frame;
import io.streamrecorder.encoder.MediaWriter;
import io.streamrecorder.encoder.PcmAudio;
import io.streamrecorder.encoder.TrackFormats;
import java.io.IOException;
import java.nio.file.Path;

/** Writes an H.264 + AAC MP4 with humble-video; the muxer owns the file, the tracks own the encoders. */
final class HumbleMediaWriter implements MediaWriter {

    private final Muxer muxer;
    private final HumbleVideoTrack video;
    private final HumbleAudioTrack audio;
    private boolean closed;

    HumbleMediaWriter(Path file, TrackFormats formats, EncoderSettings settings) throws IOException {
        muxer = Muxer.make(file.toString(), null, "mp4");
        video = formats.video() == null ? null : new HumbleVideoTrack(formats.video(), settings, muxer.getFormat());
        audio = formats.audio() == null ? null : new HumbleAudioTrack(formats.audio(), settings, muxer.getFormat());
        if (video != null) {
            muxer.addNewStream(video.encoder());
        }
        if (audio != null) {
            muxer.addNewStream(audio.encoder());
        }
        KeyValueBag options = KeyValueBag.make();
        // Fragmented while recording, so a crash loses at most the last half second; Mp4Finisher turns
        // the finished file into a faststart MP4.
        options.setValue("movflags", FRAGMENTED_MOVFLAGS);
        options.setValue("frag_duration", FRAGMENT_MICROS);
        // Hand each fragment to the OS at once; held in FFmpeg's buffer it would die with the process.
        options.setValue("flush_packets", "1");
        try {
            muxer.open(options, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while opening " + file, e);
        }
    }

    @Override
    public void writeVideo(I420Frame frame, long ptsMicros) {
        if (video != null) {
            video.write(frame, ptsMicros, muxer);
        }
    }

    @Override
    public void writeAudio(PcmAudio chunk, long ptsMicros) {
        if (audio != null) {
            audio.write(chunk, ptsMicros, muxer);
        }
    }

    @Override
    public void cut() {
        if (audio != null) {
            audio.cut();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (video != null) {
                video.finish(muxer);
            }
            if (audio != null) {
                audio.finish(muxer);
            }
        } finally {
            muxer.close();
        }
    }
}
