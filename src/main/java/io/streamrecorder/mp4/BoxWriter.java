package io.streamrecorder.mp4;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes MP4 boxes one after the other, each box's size filled in when it is closed. */
final class BoxWriter {

    private static final long MAX_UINT = 0xffffffffL;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<int[]> closed = new ArrayList<>();

    /** Starts a box; returns what {@link #close} takes. */
    int open(String type) {
        int start = bytes.size();
        putInt(0);
        bytes.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
        return start;
    }

    /** Starts a full box: a box with a version and 24 bits of flags. */
    int openFull(String type, int version, int flags) {
        int start = open(type);
        putInt(version << 24 | flags);
        return start;
    }

    void close(int start) {
        closed.add(new int[] {start, bytes.size() - start});
    }

    void putInt(int value) {
        bytes.write(value >>> 24);
        bytes.write(value >>> 16);
        bytes.write(value >>> 8);
        bytes.write(value);
    }

    void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    /** A 32-bit field in version 0 of a box, a 64-bit one in version 1. */
    void putTime(long value, boolean wide) {
        if (wide) {
            putLong(value);
        } else {
            putInt((int) value);
        }
    }

    static boolean fits(long value) {
        return value >= -1 && value <= MAX_UINT;
    }

    /** Copies {@code box} as it is from {@code source}, which holds its parent from index 0. */
    void copy(ByteBuffer source, Mp4Box box) {
        copy(source, (int) box.position(), (int) box.size());
    }

    /**
     * Copies an {@code mvhd}, {@code tkhd} or {@code mdhd} with its duration set, in version 1
     * (64-bit times) when the duration or the original needs it.
     */
    void copyWithDuration(ByteBuffer source, Mp4Box box, long duration) {
        int at = (int) box.bodyPosition();
        boolean wasWide = source.get(at) == 1;
        boolean wide = wasWide || !fits(duration);
        int start = openFull(box.type(), wide ? 1 : 0, source.getInt(at) & 0xffffff);
        putTime(wasWide ? source.getLong(at + 4) : Integer.toUnsignedLong(source.getInt(at + 4)), wide);
        putTime(wasWide ? source.getLong(at + 12) : Integer.toUnsignedLong(source.getInt(at + 8)), wide);
        // After creation and modification times: mvhd and mdhd hold their timescale, tkhd its track
        // id and four reserved bytes; then comes the duration.
        int between = box.type().equals("tkhd") ? 8 : 4;
        int from = at + (wasWide ? 20 : 12);
        copy(source, from, between);
        putTime(duration, wide);
        int after = from + between + (wasWide ? 8 : 4);
        copy(source, after, (int) (box.end() - after));
        close(start);
    }

    private void copy(ByteBuffer source, int from, int length) {
        byte[] part = new byte[length];
        source.get(from, part);
        bytes.writeBytes(part);
    }

    byte[] toByteArray() {
        ByteBuffer array = ByteBuffer.wrap(bytes.toByteArray());
        for (int[] box : closed) {
            array.putInt(box[0], box[1]);
        }
        return array.array();
    }
}
