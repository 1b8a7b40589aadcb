package io.streamrecorder.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamrecorder.records.RecordingMetadata;
import io.streamrecorder.upload.UploadProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadsAfterEndTest {

    private final List<ServerMessage> sent = new ArrayList<>();
    private final UploadsAfterEnd uploads = new UploadsAfterEnd(sent::add);

    @Test
    void holdsALiveStreamsReportsUntilItsEnd() {
        uploads.began("cam");
        uploads.report("cam", progress("cam-1.mp4", UploadProgress.State.UPLOADING, 50));
        uploads.report("cam", progress("cam-1.mp4", UploadProgress.State.UPLOADED, 100));
        assertEquals(List.of(), sent, "nothing before UNPUBLISHED");
        uploads.ended("cam");
        assertEquals(List.of(new ServerMessage.Upload("cam", progress("cam-1.mp4", UploadProgress.State.UPLOADED, 100))),
                sent, "the last report of the file, once");
    }

    @Test
    void sendsReportsAfterTheEndAtOnce() {
        uploads.began("cam");
        uploads.ended("cam");
        uploads.report("cam", progress("cam-1.mp4", UploadProgress.State.UPLOADING, 10));
        assertEquals(1, sent.size());
    }

    @Test
    void keepsEachStreamAndEachFileApart() {
        uploads.began("cam");
        uploads.began("desk");
        uploads.report("cam", progress("cam-1.mp4", UploadProgress.State.UPLOADED, 100));
        uploads.report("cam", progress("cam-2.mp4", UploadProgress.State.UPLOADING, 40));
        uploads.report("desk", progress("desk-1.mp4", UploadProgress.State.UPLOADED, 100));
        uploads.ended("cam");
        assertEquals(List.of("cam-1.mp4", "cam-2.mp4"), fileNames());
        uploads.ended("desk");
        assertEquals(List.of("cam-1.mp4", "cam-2.mp4", "desk-1.mp4"), fileNames());
    }

    @Test
    void aNewStreamOfTheSameNameWaitsForItsOwnEnd() {
        uploads.began("cam");
        uploads.ended("cam");
        uploads.began("cam");
        uploads.report("cam", progress("cam-2.mp4", UploadProgress.State.UPLOADED, 100));
        assertEquals(List.of(), sent);
    }

    private List<String> fileNames() {
        return sent.stream().map(message -> ((ServerMessage.Upload) message).progress().fileName()).toList();
    }

    private static UploadProgress progress(String fileName, UploadProgress.State state, int percent) {
        return new UploadProgress("cam", fileName, state, percent, null, null, null, 0, null, null, null, RecordingMetadata.NONE);
    }
}
