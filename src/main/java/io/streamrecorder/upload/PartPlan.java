package io.streamrecorder.upload;

/**
 * How a file of a given size is cut into upload parts. A file no larger than one part goes up in a
 * single request; S3 numbers parts from 1.
 */
public record PartPlan(long fileSize, long partSize) {

    /** S3 allows at most this many parts in one upload. */
    static final int MAX_PARTS = 10_000;

    public PartPlan {
        if (partSize <= 0) {
            throw new IllegalArgumentException("part size must be positive");
        }
        if ((fileSize + partSize - 1) / partSize > MAX_PARTS) {
            throw new IllegalArgumentException("a " + fileSize + "-byte file needs more than " + MAX_PARTS
                    + " parts of " + partSize + " bytes; raise the part size");
        }
    }

    public boolean multipart() {
        return fileSize > partSize;
    }

    public int partCount() {
        return fileSize == 0 ? 1 : (int) ((fileSize + partSize - 1) / partSize);
    }

    public FilePart part(int number) {
        if (number < 1 || number > partCount()) {
            throw new IllegalArgumentException("no part " + number + " in " + partCount());
        }
        long offset = (number - 1) * partSize;
        long length = Math.min(partSize, fileSize - offset);
        return new FilePart(number, offset, length, number == partCount());
    }
}
