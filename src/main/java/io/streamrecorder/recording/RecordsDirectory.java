package io.streamrecorder.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory that holds recordings, and the only code that turns names into paths inside it.
 * Every path it hands out is checked to be inside the root after normalisation.
 */
public final class RecordsDirectory {

    static final String FINAL_SUFFIX = ".mp4";
    static final String PARTIAL_SUFFIX = ".mp4.part";
    private static final DateTimeFormatter START_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final Pattern RECORDING_NAME =
            Pattern.compile("(.+)-\\d{8}T\\d{6}Z(?:-\\d+)?\\.mp4");

    private final Path root;

    public RecordsDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Reserves the file a new recording will be written to: {@code <stream>-<start>.mp4.part}, with a
     * counter when two recordings of one stream start in the same second.
     */
    public RecordingFile reserve(String validatedStreamName, Instant startTime) throws IOException {
        Files.createDirectories(root);
        String base = validatedStreamName + "-" + START_TIME.format(startTime);
        for (int attempt = 0; attempt < 1000; attempt++) {
            String name = attempt == 0 ? base : base + "-" + attempt;
            Path partial = inside(name + PARTIAL_SUFFIX);
            Path finished = inside(name + FINAL_SUFFIX);
            if (!Files.exists(finished)) {
                try {
                    Files.createFile(partial);
                    return new RecordingFile(partial, finished);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // Another recording of the same stream started this second: try the next counter.
                }
            }
        }
        throw new IOException("No free file name for stream " + validatedStreamName);
    }

    /** A finished recording by file name, or empty when the name does not denote one. */
    public Optional<Path> finishedRecording(String fileName) {
        if (fileName == null || !fileName.endsWith(FINAL_SUFFIX) || fileName.contains("/") || fileName.contains("\\")) {
            return Optional.empty();
        }
        try {
            Path path = inside(fileName);
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (IllegalArgumentException outside) {
            return Optional.empty();
        }
    }

    /** Recordings a crash left unfinished, with the names they get once finished. */
    public List<RecordingFile> unfinished() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(PARTIAL_SUFFIX))
                    .map(f -> new RecordingFile(f, inside(f.getFileName().toString()
                            .substring(0, f.getFileName().toString().length() - ".part".length()))))
                    .sorted(Comparator.comparing(RecordingFile::fileName)).toList();
        }
    }

    /** The stream a recording's file name belongs to: the name without its start time and suffix. */
    public static Optional<String> streamNameOf(String fileName) {
        Matcher matcher = RECORDING_NAME.matcher(fileName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private Path inside(String fileName) {
        Path path = root.resolve(fileName).normalize();
        if (!path.getParent().equals(root)) {
            throw new IllegalArgumentException("Path escapes the records directory: " + fileName);
        }
        return path;
    }

    /** The temporary file being written and the name it gets when it is final. */
    public record RecordingFile(Path partial, Path finished) {
        public String fileName() {
            return finished.getFileName().toString();
        }
    }
}
