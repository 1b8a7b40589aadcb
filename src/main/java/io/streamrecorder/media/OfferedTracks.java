package io.streamrecorder.media;

/**
 * Which kinds of media an SDP offer sends, read before any media arrives so the recorder knows
 * which tracks to wait for.
 */
public record OfferedTracks(boolean audio, boolean video) {

    public static OfferedTracks of(String offerSdp) {
        boolean audio = false;
        boolean video = false;
        String kind = null;
        boolean sending = true;
        for (String line : offerSdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                audio |= "audio".equals(kind) && sending;
                video |= "video".equals(kind) && sending;
                kind = line.startsWith("m=audio") ? "audio" : line.startsWith("m=video") ? "video" : null;
                sending = !line.matches("m=\\S+ 0 .*");
            } else if (line.equals("a=recvonly") || line.equals("a=inactive")) {
                sending = false;
            }
        }
        audio |= "audio".equals(kind) && sending;
        video |= "video".equals(kind) && sending;
        return new OfferedTracks(audio, video);
    }

    public boolean any() {
        return audio || video;
    }
}
