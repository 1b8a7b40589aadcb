package io.streamrecorder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnsyncedOfferTest {

    @Test
    void movesOnlyTheAudioIntoAStreamOfItsOwn() {
        String offer = String.join("\r\n", "v=0", "a=msid-semantic: WMS s1",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=msid:s1 mic",
                "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:1", "a=msid:s1 cam", "");
        String expected = String.join("\r\n", "v=0", "a=msid-semantic: WMS s1",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=msid:audio-s1 mic",
                "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:1", "a=msid:s1 cam", "");
        assertEquals(expected, UnsyncedOffer.of(offer));
    }

    @Test
    void leavesATrackWithoutStreamAlone() {
        String offer = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=msid:- mic\r\n";
        assertEquals(offer, UnsyncedOffer.of(offer));
    }
}
