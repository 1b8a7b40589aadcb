package io.streamrecorder.config;

/** When a recording is uploaded (streamrecorder.upload.mode). */
public enum UploadMode {
    /** Part by part while it is recorded; at Stop only the first part (its index) and the rest go up. */
    WHILE_RECORDING("while-recording"),
    /** In one go once the recording is finished. */
    AFTER_STOP("after-stop");

    private final String setting;

    UploadMode(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
