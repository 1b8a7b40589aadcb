package io.streamrecorder.upload;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hands out the parts of the recording, one per chunk; its checkpoint is the next part number. */
// Batch artifacts are CDI beans: the runtime finds them by name, scoped to their step or job.
@Dependent
@Named("filePartReader")
public class FilePartReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String file;

    @Inject
    @BatchProperty
    String partSize;

    private PartPlan plan;
    private int next;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new PermanentUploadException("The recording " + path.getFileName() + " is gone; nothing to upload");
        }
        plan = new PartPlan(Files.size(path), Long.parseLong(partSize));
        next = checkpoint == null ? 1 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() {
        return next > plan.partCount() ? null : plan.part(next++);
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
