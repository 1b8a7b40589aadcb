package io.streamrecorder.upload;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How far an upload that follows a recording has read it: the next part's number and where it
 * starts, where the first part ends (it holds the header, sent again once finished), and which
 * file it read (its device and inode, as {@link BasicFileAttributes#fileKey}): finishing in place
 * keeps the file, a copy makes another. The live reader's checkpoint.
 */
record LiveCursor(int nextNumber, long nextOffset, long firstPartEnd, String fileKey) implements Serializable {

    /** Of a recording that was over before its upload began. */
    static final LiveCursor NOTHING_READ = new LiveCursor(1, 0, 0, null);

    static LiveCursor start(Path partial) throws IOException {
        return new LiveCursor(1, 0, 0, fileKey(partial));
    }

    LiveCursor after(FilePart part) {
        long end = part.offset() + part.length();
        return new LiveCursor(part.number() + 1, end, part.number() == 1 ? end : firstPartEnd, fileKey);
    }

    /** Whether {@code file} is the file this cursor read. */
    boolean read(Path file) throws IOException {
        return fileKey != null && fileKey.equals(fileKey(file));
    }

    private static String fileKey(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        // Without file keys (not on Linux) the path stands in, which the finished file's never matches:
        // such an upload always hands over to one after Stop, the safe side.
        return key != null ? key.toString() : file.toString();
    }
}
