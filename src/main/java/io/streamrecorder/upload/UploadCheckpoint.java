package io.streamrecorder.upload;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a restart needs to continue an upload: the multipart upload id (null for a single PUT) and
 * every part S3 has confirmed, with its ETag and the checksum sent with it. Small and
 * serialisable: the batch runtime stores it after each part.
 */
public record UploadCheckpoint(String uploadId, List<UploadedPart> parts) implements Serializable {

    public UploadCheckpoint {
        parts = List.copyOf(parts);
    }

    public static UploadCheckpoint start(String uploadId) {
        return new UploadCheckpoint(uploadId, List.of());
    }

    public UploadCheckpoint with(UploadedPart part) {
        List<UploadedPart> more = new ArrayList<>(parts);
        more.removeIf(p -> p.number() == part.number());
        more.add(part);
        more.sort(null);
        return new UploadCheckpoint(uploadId, more);
    }

    /** The first part not yet confirmed. */
    public int nextPart() {
        int next = 1;
        for (UploadedPart part : parts) {
            if (part.number() != next) {
                break;
            }
            next++;
        }
        return next;
    }

    public List<UploadedPart> parts() {
        return Collections.unmodifiableList(parts);
    }

    /**
     * A part S3 has: its number, the ETag S3 returned and what we sent with it (Base64): a CRC32C,
     * or with checksums off (and in checkpoints of older versions) an MD5; the other is null.
     */
    public record UploadedPart(int number, String eTag, String md5, String crc32c) implements Serializable, Comparable<UploadedPart> {
        @Override
        public int compareTo(UploadedPart other) {
            return Integer.compare(number, other.number);
        }
    }
}
