package io.streamrecorder.mp4;

import java.util.Arrays;
import java.util.BitSet;

/**
 * One track's samples as a fragmented MP4 lists them across its fragments: size, duration,
 * composition offset and whether it is a sync sample, in decoding order, plus the runs of
 * consecutive samples in the file (the chunks of the finished index).
 */
final class TrackSamples {

    final int trackId;
    final long timescale;
    final boolean video;

    int count;
    int[] sizes = new int[1024];
    int[] durations = new int[1024];
    int[] offsets = new int[1024];
    final BitSet nonSync = new BitSet();

    int chunks;
    long[] chunkPositions = new long[64];
    int[] chunkSamples = new int[64];

    /** The first sample's decoding time on the fragments' timeline. */
    long firstDecodeTime;
    private long nextDecodeTime;

    TrackSamples(int trackId, long timescale, boolean video) {
        this.trackId = trackId;
        this.timescale = timescale;
        this.video = video;
    }

    /**
     * A fragment starts at {@code decodeTime}. A player takes that time over the sum of the
     * durations before it, so a gap lengthens the last sample (as FFmpeg's reader shows it).
     */
    void startFragment(long decodeTime) throws Mp4LayoutException {
        if (count == 0) {
            firstDecodeTime = decodeTime;
        } else if (decodeTime != nextDecodeTime) {
            long stretched = Integer.toUnsignedLong(durations[count - 1]) + decodeTime - nextDecodeTime;
            if (stretched < 0 || stretched > Integer.MAX_VALUE) {
                throw new Mp4LayoutException("track " + trackId + " goes back in time at a fragment");
            }
            durations[count - 1] = (int) stretched;
        }
        nextDecodeTime = decodeTime;
    }

    void add(int size, int duration, int offset, boolean sync) {
        if (count == sizes.length) {
            sizes = Arrays.copyOf(sizes, count * 2);
            durations = Arrays.copyOf(durations, count * 2);
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        sizes[count] = size;
        durations[count] = duration;
        offsets[count] = offset;
        nonSync.set(count, !sync);
        count++;
        nextDecodeTime += Integer.toUnsignedLong(duration);
    }

    void addChunk(long position, int samples) {
        if (chunks == chunkPositions.length) {
            chunkPositions = Arrays.copyOf(chunkPositions, chunks * 2);
            chunkSamples = Arrays.copyOf(chunkSamples, chunks * 2);
        }
        chunkPositions[chunks] = position;
        chunkSamples[chunks] = samples;
        chunks++;
    }

    /** The sum of the durations: how long the media runs in the track's timescale. */
    long mediaDuration() {
        return nextDecodeTime - firstDecodeTime;
    }

    /** When the first sample is shown, on the fragments' timeline (decoding time plus offset). */
    long presentationStart() {
        long earliest = Long.MAX_VALUE;
        long decode = firstDecodeTime;
        for (int i = 0; i < count; i++) {
            earliest = Math.min(earliest, decode + offsets[i]);
            decode += Integer.toUnsignedLong(durations[i]);
        }
        return earliest;
    }

    /** When the last sample stops being shown, on the fragments' timeline. */
    long presentationEnd() {
        long latest = Long.MIN_VALUE;
        long decode = firstDecodeTime;
        for (int i = 0; i < count; i++) {
            long duration = Integer.toUnsignedLong(durations[i]);
            latest = Math.max(latest, decode + offsets[i] + duration);
            decode += duration;
        }
        return latest;
    }
}
