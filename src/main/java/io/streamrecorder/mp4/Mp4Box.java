package io.streamrecorder.mp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A box of an MP4 file (ISO/IEC 14496-12): its four-letter type, where it starts (in the file, or in
 * the buffer holding its parent) and its size with the header.
 */
public record Mp4Box(String type, long position, long size, int header) {

    static final int HEADER = 8;

    long end() {
        return position + size;
    }

    long bodyPosition() {
        return position + header;
    }

    /** The top-level boxes, up to the first one the file cuts short. */
    public static List<Mp4Box> topLevel(FileChannel file) throws IOException {
        return topLevel(file, 0);
    }

    /** The top-level boxes from {@code from}, where one starts, up to the first one the file cuts short. */
    static List<Mp4Box> topLevel(FileChannel file, long from) throws IOException {
        List<Mp4Box> boxes = new ArrayList<>();
        long size = file.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER + 8);
        long position = from;
        while (position + HEADER <= size) {
            header.clear();
            file.read(header, position);
            Mp4Box box = parse(header.flip(), position, size - position);
            if (box == null || box.end() > size) {
                break;
            }
            boxes.add(box);
            position = box.end();
        }
        return boxes;
    }

    /** This box's bytes, header included, read from {@code file}; index 0 is its first byte. */
    ByteBuffer read(FileChannel file) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size));
        while (bytes.hasRemaining()) {
            if (file.read(bytes, position + bytes.position()) < 0) {
                throw new Mp4LayoutException(type + " runs past the end of the file");
            }
        }
        return bytes.clear();
    }

    /** The same box as seen in the buffer {@link #read} returns. */
    Mp4Box inItsOwnBuffer() {
        return new Mp4Box(type, 0, size, header);
    }

    /** The boxes inside {@code parent}, whose bytes {@code buffer} holds from index 0. */
    static List<Mp4Box> children(ByteBuffer buffer, Mp4Box parent) throws Mp4LayoutException {
        List<Mp4Box> boxes = new ArrayList<>();
        long position = parent.bodyPosition();
        while (position + HEADER <= parent.end()) {
            Mp4Box box = parse(buffer.slice((int) position, (int) Math.min(HEADER + 8, parent.end() - position)),
                    position, parent.end() - position);
            if (box == null || box.end() > parent.end()) {
                throw new Mp4LayoutException("a box inside " + parent.type() + " runs past its end");
            }
            boxes.add(box);
            position = box.end();
        }
        return boxes;
    }

    /** The first child of {@code parent} of {@code type}. */
    static Mp4Box child(ByteBuffer buffer, Mp4Box parent, String type) throws Mp4LayoutException {
        return first(children(buffer, parent), type, parent);
    }

    /** The first of {@code boxes}, the children of {@code parent}, of {@code type}. */
    static Mp4Box first(List<Mp4Box> boxes, String type, Mp4Box parent) throws Mp4LayoutException {
        for (Mp4Box box : boxes) {
            if (box.type().equals(type)) {
                return box;
            }
        }
        throw new Mp4LayoutException(parent.type() + " has no " + type);
    }

    /** The box read from {@code header} (its first up to 16 bytes), or null when its size is impossible. */
    private static Mp4Box parse(ByteBuffer header, long position, long room) {
        long size = Integer.toUnsignedLong(header.getInt(0));
        String type = new String(new byte[] {header.get(4), header.get(5), header.get(6), header.get(7)},
                StandardCharsets.ISO_8859_1);
        int headerSize = HEADER;
        if (size == 1) {
            if (header.limit() < HEADER + 8) {
                return null;
            }
            size = header.getLong(HEADER);
            headerSize = HEADER + 8;
        } else if (size == 0) {
            size = room;
        }
        return size < headerSize ? null : new Mp4Box(type, position, size, headerSize);
    }
}
