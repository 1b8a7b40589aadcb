package io.streamrecorder.records;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up, finishes the recordings a crash left behind: each fragmented {@code .mp4.part} is
 * remuxed into its MP4 (everything up to its last fragment), marked as recovered in
 * {@code <file>.recovered.json} and announced like any finished recording, so it is uploaded too.
 * A file with nothing playable in it is renamed {@code .mp4.unrecoverable} and left for a human.
 */
@ApplicationScoped
public class RecordingRecovery {

    private static final Logger LOG = Logger.getLogger(RecordingRecovery.class.getName());

    private RecordsDirectory directory;
    private RecordingFinaliser finaliser;
    private Event<RecordingFinished> finished;

    protected RecordingRecovery() {
        // for CDI proxies
    }

    @Inject
    public RecordingRecovery(RecordsDirectory directory, RecordingFinaliser finaliser, Event<RecordingFinished> finished) {
        this.directory = directory;
        this.finaliser = finaliser;
        this.finished = finished;
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            directory.unfinished().forEach(this::recover);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot look for recordings left unfinished by a crash", e);
        }
    }

    private void recover(RecordsDirectory.RecordingFile file) {
        try {
            RecordInfo info = finaliser.finalise(file);
            Files.writeString(info.file().resolveSibling(info.fileName() + ".recovered.json"), Json.createObjectBuilder()
                    .add("recovered", true).add("durationMs", info.durationMillis()).build().toString());
            LOG.info(() -> String.format("Recovered %s left unfinished by a crash: %s ms", info.fileName(),
                    info.durationMillis()));
            try {
                finished.fire(new RecordingFinished(info));
            } catch (RuntimeException e) {
                // A failing observer must not fail the deployment: the recovered file stays, finished.
                LOG.log(Level.WARNING, e,
                        () -> String.format("Recovered %s, but announcing it failed", info.fileName()));
            }
        } catch (IOException e) {
            Path unrecoverable = file.partial().resolveSibling(file.partialName().replace(".mp4.part", ".mp4.unrecoverable"));
            LOG.log(Level.WARNING, e, () -> String.format(
                    "Recording %s left by a crash holds nothing playable; kept as %s",
                    file.partialName(), unrecoverable.getFileName()));
            try {
                Files.move(file.partial(), unrecoverable);
            } catch (IOException moveFailure) {
                LOG.log(Level.WARNING, moveFailure, () -> String.format("Cannot set aside %s", file.partialName()));
            }
        }
    }
}
