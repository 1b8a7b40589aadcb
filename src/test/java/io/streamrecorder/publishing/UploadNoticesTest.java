package io.streamrecorder.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamrecorder.records.RecordingMetadata;
import io.streamrecorder.upload.UploadProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadNoticesTest {

    private final UploadNotices notices = new UploadNotices();
    private final Page page = new Page();

    @Test
    void reportsEachStepToTheWatcherAndForgetsItAtTheEnd() {
        notices.watch("a.mp4", "a", page);
        notices.onProgress(report("a.mp4", UploadProgress.State.UPLOADING));
        notices.onProgress(report("a.mp4", UploadProgress.State.UPLOADED));
        notices.onProgress(report("a.mp4", UploadProgress.State.UPLOADING));
        assertEquals(List.of("a UPLOADING", "a UPLOADED"), page.heard);
    }

    @Test
    void keepsTheEndOfAnUploadThatEndedBeforeItsFileWasWatched() {
        // Uploading while recording: the object is verified before the finished file is handed on.
        notices.onProgress(report("a.mp4", UploadProgress.State.UPLOADING));
        notices.onProgress(report("a.mp4", UploadProgress.State.UPLOADED));
        notices.watch("a.mp4", "a", page);
        assertEquals(List.of("a UPLOADED"), page.heard);
        // Later reports (a retry's) still reach the page.
        notices.onProgress(report("a.mp4", UploadProgress.State.UPLOAD_FAILED));
        assertEquals(List.of("a UPLOADED", "a UPLOAD_FAILED"), page.heard);
    }

    @Test
    void remembersOnlyTheLatestUnwatchedEnds() {
        for (int i = 0; i <= UploadNotices.UNWATCHED; i++) {
            notices.onProgress(report(i + ".mp4", UploadProgress.State.UPLOADED));
        }
        notices.watch("0.mp4", "0", page);
        notices.watch(UploadNotices.UNWATCHED + ".mp4", "last", page);
        assertEquals(List.of("last UPLOADED"), page.heard);
    }

    @Test
    void tellsNothingToAPublisherThatWentAway() {
        notices.watch("a.mp4", "a", page);
        notices.forget(page);
        notices.onProgress(report("a.mp4", UploadProgress.State.UPLOADED));
        assertEquals(List.of(), page.heard);
    }

    private static UploadProgress report(String fileName, UploadProgress.State state) {
        return new UploadProgress("stream", fileName, state, state == UploadProgress.State.UPLOADING ? 50 : 100, null,
                null, null, 0, null, null, null, RecordingMetadata.NONE);
    }

    /** A page that follows uploads: what it heard, as "stream STATE". */
    private static final class Page implements Publisher {
        final List<String> heard = new ArrayList<>();

        @Override
        public void answered(String streamName, String sdp) {
        }

        @Override
        public void candidate(String streamName, IceCandidate candidate) {
        }

        @Override
        public void publishing(String streamName) {
        }

        @Override
        public void unpublished(String streamName, List<RecordedFile> files) {
        }

        @Override
        public void failed(String streamName, String reason) {
        }

        @Override
        public boolean followsUploads() {
            return true;
        }

        @Override
        public void uploadProgress(String streamName, UploadProgress progress) {
            heard.add(streamName + " " + progress.state());
        }

        @Override
        public String sessionId() {
            return "s";
        }
    }
}
