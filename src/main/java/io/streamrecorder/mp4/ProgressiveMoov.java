package io.streamrecorder.mp4;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Builds the {@code moov} of a finished, unfragmented MP4 from a fragmented file's {@code moov} and
 * its samples: the same tracks and sample descriptions, full sample tables pointing at the media
 * where the fragments left it, and edit lists that keep each track's start where the fragments had it.
 */
final class ProgressiveMoov {

    private final ByteBuffer moov;
    private final long movieTimescale;

    private ProgressiveMoov(ByteBuffer moov, long movieTimescale) {
        this.moov = moov;
        this.movieTimescale = movieTimescale;
    }

    /** The finished {@code moov}, header included; {@code tracks} are in the order of their {@code trak} boxes. */
    static byte[] build(ByteBuffer moovBytes, Mp4Box moov, List<TrackSamples> tracks) throws Mp4LayoutException {
        int mvhd = (int) Mp4Box.child(moovBytes, moov, "mvhd").bodyPosition();
        long timescale = Integer.toUnsignedLong(moovBytes.getInt(mvhd + (moovBytes.get(mvhd) == 1 ? 20 : 12)));
        return new ProgressiveMoov(moovBytes, timescale).movie(moov, tracks);
    }

    private byte[] movie(Mp4Box box, List<TrackSamples> tracks) throws Mp4LayoutException {
        long duration = 0;
        for (TrackSamples track : tracks) {
            duration = Math.max(duration, emptyEdit(track) + shown(track));
        }
        BoxWriter out = new BoxWriter();
        int start = out.open("moov");
        int track = 0;
        for (Mp4Box child : Mp4Box.children(moov, box)) {
            switch (child.type()) {
                case "mvhd" -> out.copyWithDuration(moov, child, duration);
                case "mvex" -> {
                    // Only fragments need it.
                }
                case "trak" -> track(out, child, tracks.get(track++));
                default -> out.copy(moov, child);
            }
        }
        out.close(start);
        return out.toByteArray();
    }

    private void track(BoxWriter out, Mp4Box trak, TrackSamples samples) throws Mp4LayoutException {
        long mediaStart = samples.presentationStart() - samples.firstDecodeTime;
        if (mediaStart < 0) {
            throw new Mp4LayoutException("track " + samples.trackId + " shows a sample before its first decoding time");
        }
        long emptyEdit = emptyEdit(samples);
        long shown = shown(samples);
        int start = out.open("trak");
        for (Mp4Box child : Mp4Box.children(moov, trak)) {
            switch (child.type()) {
                case "tkhd" -> {
                    out.copyWithDuration(moov, child, emptyEdit + shown);
                    editList(out, emptyEdit, shown, mediaStart);
                }
                case "edts" -> {
                    // Replaced by the edit list written after tkhd.
                }
                case "mdia" -> media(out, child, samples);
                default -> out.copy(moov, child);
            }
        }
        out.close(start);
    }

    /** How long, in the movie's timescale, the track waits before its first sample is shown. */
    private long emptyEdit(TrackSamples track) {
        return toMovie(track.presentationStart(), track);
    }

    /** How long, in the movie's timescale, the track's samples are shown. */
    private long shown(TrackSamples track) {
        return toMovie(track.presentationEnd() - track.presentationStart(), track);
    }

    /**
     * Each track's first sample shows when it did in the fragments (which have no edit list): an
     * empty edit waits until then, and the media edit starts at that sample. FFmpeg's own remux
     * writes the same; the movie's timescale (milliseconds) rounds the wait by up to half of one.
     */
    private static void editList(BoxWriter out, long emptyEdit, long shown, long mediaStart) {
        boolean wide = !BoxWriter.fits(emptyEdit) || !BoxWriter.fits(shown) || !BoxWriter.fits(mediaStart);
        int edts = out.open("edts");
        int elst = out.openFull("elst", wide ? 1 : 0, 0);
        out.putInt(emptyEdit > 0 ? 2 : 1);
        if (emptyEdit > 0) {
            out.putTime(emptyEdit, wide);
            out.putTime(-1, wide);
            out.putInt(0x00010000);
        }
        out.putTime(shown, wide);
        out.putTime(mediaStart, wide);
        out.putInt(0x00010000);
        out.close(elst);
        out.close(edts);
    }

    private void media(BoxWriter out, Mp4Box mdia, TrackSamples samples) throws Mp4LayoutException {
        int start = out.open("mdia");
        for (Mp4Box child : Mp4Box.children(moov, mdia)) {
            switch (child.type()) {
                case "mdhd" -> out.copyWithDuration(moov, child, samples.mediaDuration());
                case "minf" -> {
                    int minf = out.open("minf");
                    for (Mp4Box part : Mp4Box.children(moov, child)) {
                        if (part.type().equals("stbl")) {
                            int stbl = out.open("stbl");
                            out.copy(moov, Mp4Box.child(moov, part, "stsd"));
                            SampleTables.write(out, samples);
                            out.close(stbl);
                        } else {
                            out.copy(moov, part);
                        }
                    }
                    out.close(minf);
                }
                default -> out.copy(moov, child);
            }
        }
        out.close(start);
    }

    private long toMovie(long mediaTime, TrackSamples track) {
        return Math.round(mediaTime * (double) movieTimescale / track.timescale);
    }
}
