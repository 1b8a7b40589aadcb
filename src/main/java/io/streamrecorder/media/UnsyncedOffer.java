package io.streamrecorder.media;

/**
 * Puts the offer's audio in a media stream of its own, so that webrtc does not lip-sync it to the
 * video on this side. Its lip-sync delays video to match the audio device's playout delay, and the
 * headless audio device reports a fixed 50 ms it does not have: synced, the recorded video drifts
 * behind the audio within the first seconds (SyncClipIT's flash-and-beep clip; figures in
 * docs/BENCHMARKS.md, "Recording fidelity: A/V sync, duration, frame rate"). Unsynced, both tracks
 * keep their capture timing, as the browser's own recording shows.
 */
final class UnsyncedOffer {

    private UnsyncedOffer() {
    }

    static String of(String sdp) {
        StringBuilder out = new StringBuilder(sdp.length() + 64);
        boolean audio = false;
        for (String line : sdp.split("\r\n", -1)) {
            if (line.startsWith("m=")) {
                audio = line.startsWith("m=audio");
            }
            if (audio && line.startsWith("a=msid:") && !line.startsWith("a=msid:-")) {
                line = "a=msid:audio-" + line.substring("a=msid:".length());
            }
            out.append(line).append("\r\n");
        }
        out.setLength(out.length() - 2);
        return out.toString();
    }
}
