package io.streamrecorder.upload;

import io.streamrecorder.config.RecorderConfig;
import io.streamrecorder.records.RecordInfo;
import io.streamrecorder.records.RecordingFinished;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the configured executable after each recording with the stream name and the file's path,
 * as Flashphoner WCS runs on_record_hook.sh, so existing scripts keep working. Its output goes to
 * the log; its exit status (or the timeout) is kept beside the recording as {@code <file>.hook.json}.
 */
@ApplicationScoped
public class OnRecordHook {

    private static final Logger LOG = Logger.getLogger(OnRecordHook.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService executor;

    private RecorderConfig config;

    protected OnRecordHook() {
        // for CDI proxies
    }

    @Inject
    public OnRecordHook(RecorderConfig config) {
        this.config = config;
    }

    void onRecordingFinished(@Observes RecordingFinished finished) {
        config.onRecordHook().ifPresent(hook -> executor.execute(() -> run(hook, finished.record())));
    }

    private void run(Path hook, RecordInfo record) {
        long start = System.nanoTime();
        Outcome outcome = execute(hook, record);
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info(() -> String.format("On-record hook for %s: %s%s, %s ms", record.fileName(), outcome.state(),
                outcome.exitStatus() == null ? "" : String.format(", exit status %s", outcome.exitStatus()), millis));
        keep(record, outcome, millis);
    }

    private Outcome execute(Path hook, RecordInfo record) {
        Process process;
        try {
            process = new ProcessBuilder(hook.toString(), record.streamName(), record.file().toString())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            return new Outcome("NOT_RUN: " + e.getMessage(), null);
        }
        executor.execute(() -> log(hook, record, process));
        try {
            if (!process.waitFor(config.onRecordHookTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Outcome("TIMED_OUT", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Outcome("INTERRUPTED", null);
        }
        int exitStatus = process.exitValue();
        return new Outcome(exitStatus == 0 ? "OK" : "FAILED", exitStatus);
    }

    private static void log(Path hook, RecordInfo record, Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(line -> LOG.info(
                    () -> String.format("%s [%s]: %s", hook.getFileName(), record.fileName(), line)));
        } catch (IOException e) {
            LOG.log(Level.FINE, e, () -> String.format("Hook output for %s ended", record.fileName()));
        }
    }

    private static void keep(RecordInfo record, Outcome outcome, long millis) {
        var json = Json.createObjectBuilder().add("outcome", outcome.state()).add("durationMs", millis);
        if (outcome.exitStatus() != null) {
            json.add("exitStatus", outcome.exitStatus());
        }
        try {
            Files.writeString(record.file().resolveSibling(record.fileName() + ".hook.json"), json.build().toString());
        } catch (IOException e) {
            LOG.log(Level.WARNING, e, () -> String.format("Cannot keep the hook result of %s", record.fileName()));
        }
    }

    private record Outcome(String state, Integer exitStatus) {
    }
}
