package io.streamrecorder.mp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the sample tables of a fragmented MP4 from its {@code moov} (the tracks and their
 * defaults) and every {@code moof}, without touching the media. Follows ISO/IEC 14496-12 8.8 for
 * the fields FFmpeg and humble-video write; anything else is a {@link Mp4LayoutException}.
 */
final class FragmentIndex {

    private static final int BASE_DATA_OFFSET = 0x1;
    private static final int DESCRIPTION_INDEX = 0x2;
    private static final int DEFAULT_DURATION = 0x8;
    private static final int DEFAULT_SIZE = 0x10;
    private static final int DEFAULT_FLAGS = 0x20;
    private static final int BASE_IS_MOOF = 0x20000;
    private static final int DATA_OFFSET = 0x1;
    private static final int FIRST_SAMPLE_FLAGS = 0x4;
    private static final int SAMPLE_DURATION = 0x100;
    private static final int SAMPLE_SIZE = 0x200;
    private static final int SAMPLE_FLAGS = 0x400;
    private static final int SAMPLE_OFFSET = 0x800;
    private static final int NON_SYNC = 0x10000;

    /** A track's defaults from its {@code trex}: duration, size and flags of a sample. */
    private record Defaults(int duration, int size, int flags) {
    }

    private final Map<Integer, TrackSamples> tracks = new HashMap<>();
    private final List<TrackSamples> inOrder = new ArrayList<>();
    private final Map<Integer, Defaults> defaults = new HashMap<>();

    private FragmentIndex() {
    }

    /** The tracks of {@code moov} (held in {@code moovBytes}), with the samples of every fragment in {@code boxes}. */
    static List<TrackSamples> read(FileChannel file, List<Mp4Box> boxes, ByteBuffer moovBytes, Mp4Box moov)
            throws IOException {
        FragmentIndex index = new FragmentIndex();
        try {
            index.readMovie(moovBytes, moov);
            for (Mp4Box box : boxes) {
                if (box.type().equals("moof")) {
                    index.readFragment(box.read(file), box.inItsOwnBuffer(), box.position(), file.size());
                }
            }
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new Mp4LayoutException("a box is shorter than its fields say: " + e.getMessage());
        }
        for (TrackSamples track : index.inOrder) {
            if (track.count == 0) {
                throw new Mp4LayoutException("track " + track.trackId + " has no samples");
            }
        }
        return index.inOrder;
    }

    private void readMovie(ByteBuffer bytes, Mp4Box moov) throws Mp4LayoutException {
        for (Mp4Box child : Mp4Box.children(bytes, moov)) {
            if (child.type().equals("trak")) {
                readTrack(bytes, child);
            } else if (child.type().equals("mvex")) {
                for (Mp4Box trex : Mp4Box.children(bytes, child)) {
                    if (trex.type().equals("trex")) {
                        int at = (int) trex.bodyPosition();
                        if (bytes.getInt(at + 8) != 1) {
                            throw new Mp4LayoutException("fragments use a second sample description");
                        }
                        defaults.put(bytes.getInt(at + 4),
                                new Defaults(bytes.getInt(at + 12), bytes.getInt(at + 16), bytes.getInt(at + 20)));
                    }
                }
            }
        }
        for (TrackSamples track : inOrder) {
            if (!defaults.containsKey(track.trackId)) {
                throw new Mp4LayoutException("track " + track.trackId + " has no trex");
            }
        }
    }

    private void readTrack(ByteBuffer bytes, Mp4Box trak) throws Mp4LayoutException {
        Mp4Box tkhd = Mp4Box.child(bytes, trak, "tkhd");
        int tkhdAt = (int) tkhd.bodyPosition();
        int trackId = bytes.getInt(tkhdAt + (bytes.get(tkhdAt) == 1 ? 20 : 12));
        Mp4Box mdia = Mp4Box.child(bytes, trak, "mdia");
        int mdhdAt = (int) Mp4Box.child(bytes, mdia, "mdhd").bodyPosition();
        long timescale = Integer.toUnsignedLong(bytes.getInt(mdhdAt + (bytes.get(mdhdAt) == 1 ? 20 : 12)));
        int handler = bytes.getInt((int) Mp4Box.child(bytes, mdia, "hdlr").bodyPosition() + 8);
        TrackSamples track = new TrackSamples(trackId, timescale, handler == 0x76696465); // 'vide'
        tracks.put(trackId, track);
        inOrder.add(track);
    }

    private void readFragment(ByteBuffer bytes, Mp4Box moof, long moofPosition, long fileSize) throws Mp4LayoutException {
        long dataEnd = moofPosition;
        for (Mp4Box traf : Mp4Box.children(bytes, moof)) {
            if (traf.type().equals("traf")) {
                dataEnd = readTrackFragment(bytes, traf, moofPosition, dataEnd, fileSize);
            }
        }
    }

    /** Reads one {@code traf}; returns where its last sample's data ends. */
    private long readTrackFragment(ByteBuffer bytes, Mp4Box traf, long moofPosition, long previousEnd, long fileSize)
            throws Mp4LayoutException {
        List<Mp4Box> children = Mp4Box.children(bytes, traf);
        int at = (int) Mp4Box.first(children, "tfhd", traf).bodyPosition();
        int flags = bytes.getInt(at) & 0xffffff;
        TrackSamples track = tracks.get(bytes.getInt(at + 4));
        if (track == null) {
            throw new Mp4LayoutException("a fragment of an unknown track " + bytes.getInt(at + 4));
        }
        Defaults trex = defaults.get(track.trackId);
        at += 8;
        long base = (flags & BASE_DATA_OFFSET) != 0 ? bytes.getLong(at) : (flags & BASE_IS_MOOF) != 0 ? moofPosition : previousEnd;
        at += (flags & BASE_DATA_OFFSET) != 0 ? 8 : 0;
        if ((flags & DESCRIPTION_INDEX) != 0 && bytes.getInt(at) != 1) {
            throw new Mp4LayoutException("a fragment uses a second sample description");
        }
        at += (flags & DESCRIPTION_INDEX) != 0 ? 4 : 0;
        int duration = (flags & DEFAULT_DURATION) != 0 ? bytes.getInt(at) : trex.duration();
        at += (flags & DEFAULT_DURATION) != 0 ? 4 : 0;
        int size = (flags & DEFAULT_SIZE) != 0 ? bytes.getInt(at) : trex.size();
        at += (flags & DEFAULT_SIZE) != 0 ? 4 : 0;
        int sampleFlags = (flags & DEFAULT_FLAGS) != 0 ? bytes.getInt(at) : trex.flags();
        Defaults fragment = new Defaults(duration, size, sampleFlags);

        Mp4Box tfdt = Mp4Box.first(children, "tfdt", traf);
        int tfdtAt = (int) tfdt.bodyPosition();
        track.startFragment(bytes.get(tfdtAt) == 1 ? bytes.getLong(tfdtAt + 4) : Integer.toUnsignedLong(bytes.getInt(tfdtAt + 4)));
        long dataEnd = base;
        for (Mp4Box trun : children) {
            if (trun.type().equals("trun")) {
                dataEnd = readRun(bytes, trun, track, fragment, base, dataEnd);
                if (dataEnd > fileSize) {
                    throw new Mp4LayoutException("samples of track " + track.trackId + " lie past the end of the file");
                }
            }
        }
        return dataEnd;
    }

    private static long readRun(ByteBuffer bytes, Mp4Box trun, TrackSamples track, Defaults fragment, long base,
            long previousEnd) {
        int at = (int) trun.bodyPosition();
        boolean signedOffsets = bytes.get(at) == 1;
        int flags = bytes.getInt(at) & 0xffffff;
        int samples = bytes.getInt(at + 4);
        at += 8;
        long position = (flags & DATA_OFFSET) != 0 ? base + bytes.getInt(at) : previousEnd;
        at += (flags & DATA_OFFSET) != 0 ? 4 : 0;
        int firstFlags = (flags & FIRST_SAMPLE_FLAGS) != 0 ? bytes.getInt(at) : fragment.flags();
        at += (flags & FIRST_SAMPLE_FLAGS) != 0 ? 4 : 0;
        long end = position;
        for (int i = 0; i < samples; i++) {
            int duration = fragment.duration();
            if ((flags & SAMPLE_DURATION) != 0) {
                duration = bytes.getInt(at);
                at += 4;
            }
            int size = fragment.size();
            if ((flags & SAMPLE_SIZE) != 0) {
                size = bytes.getInt(at);
                at += 4;
            }
            int sampleFlags = i == 0 ? firstFlags : fragment.flags();
            if ((flags & SAMPLE_FLAGS) != 0) {
                sampleFlags = bytes.getInt(at);
                at += 4;
            }
            int offset = 0;
            if ((flags & SAMPLE_OFFSET) != 0) {
                // Version 0 offsets are unsigned; ones past 2^31 do not occur in practice.
                offset = signedOffsets ? bytes.getInt(at) : Math.max(0, bytes.getInt(at));
                at += 4;
            }
            track.add(size, duration, offset, (sampleFlags & NON_SYNC) == 0);
            end += Integer.toUnsignedLong(size);
        }
        if (samples > 0) {
            track.addChunk(position, samples);
        }
        return end;
    }
}
