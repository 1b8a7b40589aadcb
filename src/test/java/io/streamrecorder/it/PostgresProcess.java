package io.streamrecorder.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL (Debian's binaries) on 127.0.0.1 with its data in a fresh temporary
 * directory, trusting local connections, with a database and user {@code streamrecorder}.
 * PostgreSQL refuses to run as root: as root (CI's container) its commands run as the
 * {@code postgres} user. That is why the data is not under target/: a clone in a private
 * directory (mode 700) is not traversable by {@code postgres}, while the system temporary
 * directory is.
 */
final class PostgresProcess implements AutoCloseable {

    static final String DATABASE = "streamrecorder";

    private final Path bin;
    private final Path directory;
    private final int port;

    private PostgresProcess(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    static PostgresProcess start(String name, int port) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "streamrecorder-" + name + "-");
        PostgresProcess postgres = new PostgresProcess(binaries(), directory, port);
        postgres.initialise();
        return postgres;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Runs {@code sql} as {@code streamrecorder} and returns psql's unaligned output. */
    String query(String sql) throws IOException, InterruptedException {
        return run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", DATABASE,
                "-d", DATABASE, "-At", "-c", sql)).strip();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "fast", "stop"));
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void initialise() throws IOException, InterruptedException {
        Path data = directory.resolve("data");
        if (asRoot()) {
            run(List.of("chown", "postgres:postgres", directory.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", DATABASE, "--no-sync"));
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", directory.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory, "start"));
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", DATABASE,
                DATABASE));
    }

    /** The newest installed server: /usr/lib/postgresql/<version>/bin. */
    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(Path::getFileName).map(Path::toString).filter(v -> v.matches("\\d+"))
                    .max(Comparator.comparingInt(Integer::parseInt))
                    .map(v -> Path.of("/usr/lib/postgresql", v, "bin"))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed (bin/install-packages)"));
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        return run(command, asRoot());
    }

    private String run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        // In a directory the postgres user can enter, or psql prefixes its output with a warning.
        Process process = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
