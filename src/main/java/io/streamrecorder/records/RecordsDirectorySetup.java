package io.streamrecorder.records;

import io.streamrecorder.config.RecorderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's one records directory, as the settings describe it. */
@ApplicationScoped
class RecordsDirectorySetup {

    @Produces
    @Singleton
    RecordsDirectory directory(RecorderConfig config, Event<RecordingReserved> reserved) {
        FileNameTemplate names;
        try {
            names = FileNameTemplate.parse(config.fileNameTemplate().orElse(FileNameTemplate.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("streamrecorder.records.file-name-template: " + e.getMessage(), e);
        }
        return new RecordsDirectory(config.recordsDir(), names, config.minFreeBytes(),
                file -> reserved.fire(new RecordingReserved(file)));
    }
}
