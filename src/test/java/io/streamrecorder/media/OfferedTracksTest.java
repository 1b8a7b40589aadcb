package io.streamrecorder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OfferedTracksTest {

    @Test
    void findsSentAudioAndVideo() {
        String sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendonly\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendonly\r\n";
        assertEquals(new OfferedTracks(true, true), OfferedTracks.of(sdp));
    }

    @Test
    void ignoresSectionsThatDoNotSend() {
        String sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=recvonly\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv\r\n"
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n";
        assertEquals(new OfferedTracks(false, true), OfferedTracks.of(sdp));
    }

    @Test
    void ignoresRejectedSections() {
        String sdp = "v=0\nm=audio 0 UDP/TLS/RTP/SAVPF 111\nm=video 9 UDP/TLS/RTP/SAVPF 96\na=inactive\n";
        assertEquals(new OfferedTracks(false, false), OfferedTracks.of(sdp));
    }
}
