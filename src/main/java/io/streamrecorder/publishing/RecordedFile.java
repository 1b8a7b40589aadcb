package io.streamrecorder.publishing;

/**
 * A finished recording as its publisher learns of it: {@code downloadPath} is a signed link below the
 * web application's context path.
 */
public record RecordedFile(String fileName, String downloadPath, long durationMillis, long sizeBytes) {
}
