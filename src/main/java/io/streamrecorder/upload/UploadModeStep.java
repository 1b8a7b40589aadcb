package io.streamrecorder.upload;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The upload job's first step, which sends it on by its exit status (a job may not begin with a
 * decision): {@code live} follows a recording while it is written, {@code finished} takes a
 * finished file (jobs of older versions carry no mode and are of this kind).
 */
// Batch artifacts are CDI beans: the runtime finds them by name, scoped to their step or job.
@Dependent
@Named("uploadMode")
public class UploadModeStep extends AbstractBatchlet {

    static final String PARAMETER = "mode";
    static final String LIVE = "live";
    static final String FINISHED = "finished";

    @Inject
    @BatchProperty
    String mode;

    @Override
    public String process() {
        return LIVE.equals(mode) ? LIVE : FINISHED;
    }
}
