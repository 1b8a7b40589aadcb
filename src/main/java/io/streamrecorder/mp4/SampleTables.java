package io.streamrecorder.mp4;

/**
 * The sample tables of a finished MP4 (ISO/IEC 14496-12 8.6-8.7), run-length coded where the
 * format allows: decoding times, composition offsets, sync samples, sizes and chunks.
 */
final class SampleTables {

    private SampleTables() {
    }

    static void write(BoxWriter out, TrackSamples samples) {
        runs(out, "stts", 0, samples.durations, samples.count);
        boolean offsets = false;
        boolean negative = false;
        for (int i = 0; i < samples.count; i++) {
            offsets |= samples.offsets[i] != 0;
            negative |= samples.offsets[i] < 0;
        }
        if (offsets) {
            runs(out, "ctts", negative ? 1 : 0, samples.offsets, samples.count);
        }
        if (samples.nonSync.nextSetBit(0) >= 0 && samples.nonSync.nextSetBit(0) < samples.count) {
            syncSamples(out, samples);
        }
        sizes(out, samples);
        chunks(out, samples);
    }

    /** {@code stts} or {@code ctts}: (count, value) for each run of equal values. */
    private static void runs(BoxWriter out, String type, int version, int[] values, int count) {
        int box = out.openFull(type, version, 0);
        int entries = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                entries++;
            }
        }
        out.putInt(entries);
        int run = 0;
        for (int i = 0; i < count; i++) {
            run++;
            if (i == count - 1 || values[i + 1] != values[i]) {
                out.putInt(run);
                out.putInt(values[i]);
                run = 0;
            }
        }
        out.close(box);
    }

    private static void syncSamples(BoxWriter out, TrackSamples samples) {
        int box = out.openFull("stss", 0, 0);
        out.putInt(samples.count - samples.nonSync.get(0, samples.count).cardinality());
        for (int i = 0; i < samples.count; i++) {
            if (!samples.nonSync.get(i)) {
                out.putInt(i + 1);
            }
        }
        out.close(box);
    }

    private static void sizes(BoxWriter out, TrackSamples samples) {
        int box = out.openFull("stsz", 0, 0);
        boolean same = true;
        for (int i = 1; i < samples.count; i++) {
            same &= samples.sizes[i] == samples.sizes[0];
        }
        out.putInt(same ? samples.sizes[0] : 0);
        out.putInt(samples.count);
        if (!same) {
            for (int i = 0; i < samples.count; i++) {
                out.putInt(samples.sizes[i]);
            }
        }
        out.close(box);
    }

    /** {@code stsc} (samples per chunk, in runs) and {@code stco}, or {@code co64} past 4 GiB. */
    private static void chunks(BoxWriter out, TrackSamples samples) {
        int stsc = out.openFull("stsc", 0, 0);
        int entries = 0;
        for (int i = 0; i < samples.chunks; i++) {
            if (i == 0 || samples.chunkSamples[i] != samples.chunkSamples[i - 1]) {
                entries++;
            }
        }
        out.putInt(entries);
        for (int i = 0; i < samples.chunks; i++) {
            if (i == 0 || samples.chunkSamples[i] != samples.chunkSamples[i - 1]) {
                out.putInt(i + 1);
                out.putInt(samples.chunkSamples[i]);
                out.putInt(1);
            }
        }
        out.close(stsc);
        boolean wide = samples.chunkPositions[samples.chunks - 1] > 0xffffffffL;
        int stco = out.openFull(wide ? "co64" : "stco", 0, 0);
        out.putInt(samples.chunks);
        for (int i = 0; i < samples.chunks; i++) {
            out.putTime(samples.chunkPositions[i], wide);
        }
        out.close(stco);
    }
}
