package io.streamrecorder.records;

import java.util.Optional;

/**
 * A single byte range of a file, parsed from an HTTP {@code Range} header (RFC 9110 14.1). Several
 * ranges in one header are answered with the whole file, which the RFC allows.
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range to serve: empty for the whole file (no header, several ranges or a header we do not
     * understand), or the range.
     *
     * @throws UnsatisfiableRangeException when the range lies outside the file
     */
    public static Optional<ByteRange> parse(String header, long size) throws UnsatisfiableRangeException {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String start = spec.substring(0, dash).strip();
            String end = spec.substring(dash + 1).strip();
            if (start.isEmpty()) {
                long suffix = Long.parseLong(end);
                if (suffix <= 0 || size == 0) {
                    throw new UnsatisfiableRangeException();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(start);
            long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
            if (first >= size || last < first) {
                throw new UnsatisfiableRangeException();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException notARange) {
            return Optional.empty();
        }
    }

    /** The requested range does not overlap the file. */
    public static final class UnsatisfiableRangeException extends Exception {
        UnsatisfiableRangeException() {
            super("Requested range not satisfiable");
        }
    }
}
