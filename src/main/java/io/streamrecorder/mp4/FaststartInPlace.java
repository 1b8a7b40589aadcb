package io.streamrecorder.mp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Makes a fragmented recording a faststart MP4 without copying its media: the finished index is
 * written into the {@code free} box the writer reserved in front of the fragments, and the
 * reserve's last 16 bytes become the header of one {@code mdat} that holds everything after it,
 * fragments' boxes included, as opaque bytes. Stop then costs milliseconds however long the file,
 * and no byte past the reserve changes: what was uploaded of the file while it was recorded stays
 * valid (docs/mp4-finishing.md).
 *
 * <p>Safe against a crash at any point. Until one write swaps the old index for the new, the file
 * is the fragmented file it was; after it, the new index and the {@code mdat} are complete.
 */
public final class FaststartInPlace {

    private static final Logger LOG = Logger.getLogger(FaststartInPlace.class.getName());

    /**
     * Below this many times the reserve, the copying remux is quick (docs/BENCHMARKS.md,
     * "Stop→playable for long recordings: faststart in place") and drops the reserve, so no finished
     * file spends more than a sixteenth of its size on unused index space.
     */
    static final int MIN_FILE_TO_RESERVE = 16;

    private static final byte[] FREE = "free".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] MOOV = "moov".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] MDAT = "mdat".getBytes(StandardCharsets.ISO_8859_1);

    /** An {@code mdat} header with a 64-bit size: the media may pass 4 GiB. */
    static final int MDAT_HEADER = 16;

    private FaststartInPlace() {
    }

    /** Measures a finished file as the copying remux does: this package reads boxes, not media. */
    @FunctionalInterface
    public interface PlayingTime {
        long millisOf(Path file) throws IOException;
    }

    /**
     * Finishes {@code file} in place; returns how long its video (or, without video, its audio)
     * plays in milliseconds, or empty when the file is left to the copying remux (no reserve, a
     * short file, an index bigger than the reserve, a layout this class does not write).
     */
    public static OptionalLong finish(Path file, PlayingTime playingTime) throws IOException {
        return finish(file, playingTime, Long.MAX_VALUE);
    }

    /**
     * As {@link #finish(Path, PlayingTime)}, but a file of {@code alwaysFrom} bytes or more is
     * finished in place however small beside its reserve: an upload may have sent part of it.
     */
    public static OptionalLong finish(Path file, PlayingTime playingTime, long alwaysFrom) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            List<Mp4Box> boxes = Mp4Box.topLevel(channel);
            int moovAt = indexOf(boxes, "moov");
            if (moovAt < 0) {
                return OptionalLong.empty();
            }
            Mp4Box moov = boxes.get(moovAt);
            ByteBuffer moovBytes = moov.read(channel);
            List<TrackSamples> tracks;
            byte[] index;
            try {
                if (!contains(moovBytes, moov.inItsOwnBuffer(), "mvex")) {
                    // A crash came after the swap: the file is finished.
                    return OptionalLong.of(playingTime.millisOf(file));
                }
                Mp4Box reserve = moovAt + 1 < boxes.size() ? boxes.get(moovAt + 1) : null;
                if (reserve == null || !reserve.type().equals("free") || reserve.header() != Mp4Box.HEADER
                        || (reserve.size() * MIN_FILE_TO_RESERVE > channel.size() && channel.size() < alwaysFrom)) {
                    return OptionalLong.empty();
                }
                tracks = FragmentIndex.read(channel, boxes, moovBytes, moov.inItsOwnBuffer());
                index = ProgressiveMoov.build(moovBytes, moov.inItsOwnBuffer(), tracks);
                long gap = reserve.size() - index.length - MDAT_HEADER;
                if (gap != 0 && gap < Mp4Box.HEADER) {
                    throw new Mp4LayoutException("its index needs " + index.length + " bytes and the media's header "
                            + MDAT_HEADER + ", " + reserve.size() + " were reserved");
                }
                writeBehindReserve(channel, reserve, index, channel.size());
                swap(channel, moov, reserve, index.length);
            } catch (Mp4LayoutException e) {
                LOG.info(() -> String.format("%s is copied to finish it: %s", file.getFileName(), e.getMessage()));
                return OptionalLong.empty();
            }
            return OptionalLong.of(durationMillis(tracks));
        }
    }

    /**
     * The new index, the {@code free} box after it and the {@code mdat} header go inside the reserve
     * while its {@code free} header still hides them, and reach the disk before the swap can point a
     * player at them.
     */
    private static void writeBehindReserve(FileChannel channel, Mp4Box reserve, byte[] index, long fileSize)
            throws IOException {
        writeFully(channel, ByteBuffer.wrap(index, Mp4Box.HEADER, index.length - Mp4Box.HEADER),
                reserve.position() + Mp4Box.HEADER);
        long mdatAt = reserve.end() - MDAT_HEADER;
        if (index.length < mdatAt - reserve.position()) {
            ByteBuffer rest = ByteBuffer.allocate(Mp4Box.HEADER)
                    .putInt((int) (mdatAt - reserve.position() - index.length)).put(FREE);
            writeFully(channel, rest.flip(), reserve.position() + index.length);
        }
        ByteBuffer mdat = ByteBuffer.allocate(MDAT_HEADER).putInt(1).put(MDAT).putLong(fileSize - mdatAt);
        writeFully(channel, mdat.flip(), mdatAt);
        channel.force(false);
    }

    /** One write turns the old index into {@code free} and the reserve into the new index. */
    private static void swap(FileChannel channel, Mp4Box moov, Mp4Box reserve, int indexSize) throws IOException {
        ByteBuffer span = ByteBuffer.allocate(Math.toIntExact(reserve.position() + Mp4Box.HEADER - moov.position()));
        channel.read(span, moov.position());
        span.put(4, FREE);
        int at = (int) (reserve.position() - moov.position());
        span.putInt(at, indexSize).put(at + 4, MOOV);
        writeFully(channel, span.clear(), moov.position());
    }

    /** The same measure as {@link PlayingTime}: the end of the video, or of the audio without video. */
    private static long durationMillis(List<TrackSamples> tracks) {
        TrackSamples measured = tracks.stream().filter(track -> track.video).findFirst().orElse(tracks.get(0));
        return Math.round(measured.presentationEnd() * 1000.0 / measured.timescale);
    }

    private static int indexOf(List<Mp4Box> boxes, String type) {
        for (int i = 0; i < boxes.size(); i++) {
            if (boxes.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ByteBuffer bytes, Mp4Box parent, String type) throws Mp4LayoutException {
        return Mp4Box.children(bytes, parent).stream().anyMatch(child -> child.type().equals(type));
    }

    /** Writes what {@code bytes} has left at {@code position} of the file. */
    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }
}
