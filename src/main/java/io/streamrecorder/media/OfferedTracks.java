package io.streamrecorder.media;

import java.util.Locale;
import java.util.Set;

/**
 * Which kinds of media an SDP offer sends in a codec the server can decode, read before any media
 * arrives so the recorder knows which tracks to wait for (and a publish without any is refused).
 */
public record OfferedTracks(boolean audio, boolean video) {

    /** {@code decodable}: codec names in lower case, as in {@code a=rtpmap} lines. */
    public static OfferedTracks of(String offerSdp, Set<String> decodable) {
        Section section = new Section(null, false, false);
        boolean audio = false;
        boolean video = false;
        for (String line : offerSdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                audio |= section.records("audio");
                video |= section.records("video");
                String kind = line.startsWith("m=audio") ? "audio" : line.startsWith("m=video") ? "video" : null;
                section = new Section(kind, !line.matches("m=\\S+ 0 .*"), false);
            } else if (line.equals("a=recvonly") || line.equals("a=inactive")) {
                section = new Section(section.kind(), false, section.decodable());
            } else if (line.startsWith("a=rtpmap:") && decodable.contains(codecOf(line))) {
                section = new Section(section.kind(), section.sending(), true);
            }
        }
        audio |= section.records("audio");
        video |= section.records("video");
        return new OfferedTracks(audio, video);
    }

    public boolean any() {
        return audio || video;
    }

    /** {@code a=rtpmap:96 VP8/90000} → {@code vp8}. */
    private static String codecOf(String rtpmap) {
        int space = rtpmap.indexOf(' ');
        int slash = rtpmap.indexOf('/', space + 1);
        return space < 0 || slash < 0 ? "" : rtpmap.substring(space + 1, slash).toLowerCase(Locale.ROOT);
    }

    private record Section(String kind, boolean sending, boolean decodable) {
        boolean records(String wanted) {
            return wanted.equals(kind) && sending && decodable;
        }
    }
}
