package io.streamrecorder.signalling;

/** The states of a published stream that the page is told about, by their wire names. */
public enum StreamStatus {
    PUBLISHING,
    PAUSED,
    UNPUBLISHED,
    FAILED
}
