package io.streamrecorder.it.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a short command ended: its exit code and its output (stdout and stderr together). Every
 * command gets a deadline; one still running then is killed and reported as exit code {@link #TIMED_OUT}.
 */
public record CommandResult(List<String> command, int exitCode, String output) {

    public static final int TIMED_OUT = -1;

    /** Runs {@code command} with at most {@code timeout} to finish. */
    public static CommandResult run(Duration timeout, List<String> command) {
        return run(timeout, command, Map.of());
    }

    /** The same with more environment variables, the way to hand a command something that must not be on its command line. */
    public static CommandResult run(Duration timeout, List<String> command, Map<String, String> environment) {
        Path output = null;
        try {
            // A file, not a pipe: a child left behind holding the pipe (a daemon) cannot make the read hang.
            output = Files.createTempFile("command-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            int exitCode;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exitCode = process.exitValue();
            } else {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                exitCode = TIMED_OUT;
            }
            return new CommandResult(command, exitCode, Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + String.join(" ", command) + " ran", e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The output of a command that had to succeed; otherwise fails naming the command, its exit and its output. */
    public String orThrow() {
        if (!succeeded()) {
            throw new IllegalStateException(this.toString());
        }
        return output;
    }

    @Override
    public String toString() {
        return String.join(" ", command) + (exitCode == TIMED_OUT ? " timed out" : " exited with " + exitCode)
                + (output.isBlank() ? "" : ": " + output.strip());
    }
}
