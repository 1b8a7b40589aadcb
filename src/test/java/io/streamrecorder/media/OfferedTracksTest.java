package io.streamrecorder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OfferedTracksTest {

    private static final Set<String> DECODABLE = Set.of("opus", "vp8");

    @Test
    void findsSentAudioAndVideo() {
        String sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendonly\r\na=rtpmap:111 opus/48000/2\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendonly\r\na=rtpmap:96 VP8/90000\r\n";
        assertEquals(new OfferedTracks(true, true), OfferedTracks.of(sdp, DECODABLE));
    }

    @Test
    void ignoresSectionsThatDoNotSend() {
        String sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=recvonly\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv\r\na=rtpmap:96 VP8/90000\r\n"
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n";
        assertEquals(new OfferedTracks(false, true), OfferedTracks.of(sdp, DECODABLE));
    }

    @Test
    void ignoresRejectedSections() {
        String sdp = "v=0\nm=audio 0 UDP/TLS/RTP/SAVPF 111\na=rtpmap:111 opus/48000/2\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\na=inactive\na=rtpmap:96 VP8/90000\n";
        assertEquals(new OfferedTracks(false, false), OfferedTracks.of(sdp, DECODABLE));
    }

    @Test
    void ignoresSectionsWithoutADecodableCodec() {
        String sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\na=rtpmap:96 H265/90000\r\na=rtpmap:97 rtx/90000\r\n";
        assertEquals(new OfferedTracks(false, false), OfferedTracks.of(sdp, DECODABLE));
    }
}
