package io.streamrecorder.records;

import io.streamrecorder.encoder.DiskFullException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory that holds recordings, and the only code that turns names into paths inside it.
 * Every path it hands out is checked to be inside the root after normalisation. A recording is
 * written to {@code <stream>-<start>-<session>.mp4.part} (a fixed form, so a crash leaves everything
 * needed to finish it) and gets the name the {@link FileNameTemplate} gives it once it is finished.
 */
public final class RecordsDirectory {

    static final String FINAL_SUFFIX = ".mp4";
    static final String PARTIAL_SUFFIX = ".mp4.part";
    static final String POSTER_SUFFIX = ".jpg";
    private static final long MIB = 1024 * 1024;
    private static final Pattern PARTIAL_NAME =
            Pattern.compile("(.+)-(\\d{8}T\\d{6}Z)-([A-Za-z0-9]+)(?:-\\d+)?\\.mp4\\.part");

    private final Path root;
    private final FileNameTemplate names;
    private final long minFreeBytes;
    private final Consumer<RecordingFile> onReserved;

    public RecordsDirectory(Path root, FileNameTemplate names, long minFreeBytes) {
        this(root, names, minFreeBytes, file -> { });
    }

    /** {@code onReserved} hears of each partial file reserved, once its metadata is beside it. */
    public RecordsDirectory(Path root, FileNameTemplate names, long minFreeBytes, Consumer<RecordingFile> onReserved) {
        this.root = root.toAbsolutePath().normalize();
        this.names = names;
        this.minFreeBytes = minFreeBytes;
        this.onReserved = onReserved;
    }

    /**
     * Reserves the file a new recording is written to, with its metadata beside it.
     *
     * @throws DiskFullException when less than the configured minimum is free
     */
    public RecordingFile reserve(String validatedStreamName, Instant startTime, String sessionId, RecordingMetadata metadata)
            throws IOException {
        Files.createDirectories(root);
        long usable = Files.getFileStore(root).getUsableSpace();
        if (usable < minFreeBytes) {
            throw new DiskFullException("disk full: " + usable / MIB + " MiB free in the records directory, a recording needs "
                    + minFreeBytes / MIB + " MiB (streamrecorder.records.min-free-mib)");
        }
        String base = validatedStreamName + "-" + FileNameTemplate.TIME.format(startTime) + "-" + sessionId;
        for (int attempt = 0; attempt < 1000; attempt++) {
            Path partial = inside((attempt == 0 ? base : base + "-" + attempt) + PARTIAL_SUFFIX);
            try {
                Files.createFile(partial);
            } catch (FileAlreadyExistsException taken) {
                // The same session started this stream twice in one second: try the next counter.
                continue;
            }
            try {
                MetadataSidecar.write(partial, metadata);
            } catch (IOException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            RecordingFile file = new RecordingFile(partial, validatedStreamName, startTime, sessionId);
            onReserved.accept(file);
            return file;
        }
        throw new IOException("No free file name for stream " + validatedStreamName);
    }

    /**
     * Deletes a partial file that holds no media, its metadata and its forward file: it will have no
     * final name, which a follower reads from the partial gone and no forward name.
     */
    public void discard(RecordingFile file) throws IOException {
        Files.deleteIfExists(file.partial());
        MetadataSidecar.delete(file.partial());
        PartialForwarding.forget(file.partial());
    }

    /** Bytes free for recordings now. */
    public long usableBytes() throws IOException {
        Files.createDirectories(root);
        return Files.getFileStore(root).getUsableSpace();
    }

    /** The space a new recording needs free to start (streamrecorder.records.min-free-mib). */
    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Whether the records directory is (nearly) out of space: less than one MiB left. */
    public boolean isFull() {
        try {
            return Files.getFileStore(root).getUsableSpace() < MIB;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where a recording's faststart copy is made before it takes its final name. */
    Path scratchFor(RecordingFile file) {
        return inside(file.partial().getFileName() + ".remux");
    }

    /**
     * Gives {@code finished} its final name, with a counter when that name is taken; never replaces
     * another recording, because link(2) refuses an existing name where rename(2) would overwrite it.
     */
    Path publish(Path finished, RecordingFile file, Instant endTime) throws IOException {
        String base = names.render(file.streamName(), file.startTime(), endTime, file.sessionId());
        for (int attempt = 0; attempt < 1000; attempt++) {
            Path target = inside((attempt == 0 ? base : base + "-" + attempt) + FINAL_SUFFIX);
            if (Files.exists(target)) {
                continue;
            }
            try {
                Files.createLink(target, finished);
                PartialForwarding.forward(file.partial(), target);
                Files.delete(finished);
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                // A file system without hard links: the exists() check above is the guard.
                PartialForwarding.forward(file.partial(), target);
                Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
            }
            // After the file: a crash in between leaves the metadata behind, never on another recording.
            MetadataSidecar.move(file.partial(), target);
            return target;
        }
        throw new IOException("No free file name for " + base + FINAL_SUFFIX);
    }

    /**
     * The name {@code file} will have when finished, unless that name is taken by then (a counter is
     * added); empty when the template names the recording's end, which is not known yet.
     */
    public Optional<String> finalNameFromStart(RecordingFile file) {
        return names.knownAtStart() ? Optional.of(names.render(file.streamName(), file.startTime(), file.startTime(),
                file.sessionId()) + FINAL_SUFFIX) : Optional.empty();
    }

    /** A finished recording by file name, or empty when the name does not denote one. */
    public Optional<Path> finishedRecording(String fileName) {
        return existing(fileName, FINAL_SUFFIX);
    }

    /** The JPEG poster of a recording, by the poster's file name. */
    public Optional<Path> poster(String fileName) {
        return existing(fileName, POSTER_SUFFIX);
    }

    /** Where the poster of a finished recording goes. */
    public static Path posterOf(Path recording) {
        String name = recording.getFileName().toString();
        return recording.resolveSibling(name.substring(0, name.length() - FINAL_SUFFIX.length()) + POSTER_SUFFIX);
    }

    /** Every finished recording, oldest name first. */
    public List<Path> finishedRecordings() throws IOException {
        return list(FINAL_SUFFIX).toList();
    }

    /** Recordings a crash left unfinished. */
    public List<RecordingFile> unfinished() throws IOException {
        return list(PARTIAL_SUFFIX).map(RecordsDirectory::recordingFileOf).toList();
    }

    /** The stream a finished recording belongs to, as far as its name tells. */
    public Optional<String> streamNameOf(String fileName) {
        return names.streamNameOf(fileName);
    }

    /** The files directly in the records directory whose names end in {@code suffix}, by name. */
    public List<Path> filesEndingIn(String suffix) throws IOException {
        return list(suffix).toList();
    }

    private Stream<Path> list(String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(Path::getFileName)).toList().stream();
        }
    }

    private static RecordingFile recordingFileOf(Path partial) {
        String name = partial.getFileName().toString();
        Matcher matcher = PARTIAL_NAME.matcher(name);
        if (matcher.matches()) {
            return new RecordingFile(partial, matcher.group(1),
                    FileNameTemplate.TIME.parse(matcher.group(2), Instant::from), matcher.group(3));
        }
        // Not named by us; finish it under its own name rather than lose it.
        String stream = name.substring(0, name.length() - PARTIAL_SUFFIX.length()).replaceAll("[^A-Za-z0-9._-]", "_");
        Instant written;
        try {
            written = Files.getLastModifiedTime(partial).toInstant();
        } catch (IOException e) {
            written = Instant.now();
        }
        return new RecordingFile(partial, stream, written, "unknown");
    }

    private Optional<Path> existing(String fileName, String suffix) {
        if (fileName == null || !fileName.endsWith(suffix) || fileName.contains("/") || fileName.contains("\\")) {
            return Optional.empty();
        }
        try {
            Path path = inside(fileName);
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (IllegalArgumentException outside) {
            return Optional.empty();
        }
    }

    private Path inside(String fileName) {
        Path path = root.resolve(fileName).normalize();
        if (!root.equals(path.getParent())) {
            throw new IllegalArgumentException("Path escapes the records directory: " + fileName);
        }
        return path;
    }

    /** A recording being written: its partial file and what its final name is made of. */
    public record RecordingFile(Path partial, String streamName, Instant startTime, String sessionId) {
        public String partialName() {
            return partial.getFileName().toString();
        }
    }
}
