package io.streamrecorder.publishing;

/**
 * A CDI event: the drain is over, no stream is live and every recording is finished. Requests that
 * never end by themselves (the console's server-sent events) close now, or the server's suspend would
 * wait for them.
 */
public record NodeDrained() {
}
