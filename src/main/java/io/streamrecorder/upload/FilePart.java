package io.streamrecorder.upload;

import java.io.Serializable;

/** One part of a file to upload: its S3 part number (from 1) and its bytes. */
public record FilePart(int number, long offset, long length, boolean last) implements Serializable {
}
