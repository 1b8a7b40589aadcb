package io.streamrecorder.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrickleFragmentTest {

    private static final List<String> MIDS = List.of("0", "1");

    @Test
    void readsCredentialsAndCandidatesPerSection() throws Exception {
        TrickleFragment fragment = TrickleFragment.parse("a=ice-options:trickle ice2\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=ice-ufrag:EsAw\r\na=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\n"
                + "a=candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\n"
                + "a=candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typ host\r\na=end-of-candidates\r\n", MIDS);
        assertEquals("EsAw", fragment.iceUfrag());
        assertEquals(List.of(
                new TrickleFragment.Candidate("0", 0, "candidate:1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0"),
                new TrickleFragment.Candidate("1", 1, "candidate:3471623853 1 udp 2122194687 198.51.100.2 61765 typ host")),
                fragment.candidates());
    }

    @Test
    void refusesCandidatesOfNoKnownSectionAndNonSdp() {
        assertThrows(TrickleFragment.InvalidFragmentException.class,
                () -> TrickleFragment.parse("a=candidate:1 1 udp 1 192.0.2.1 1 typ host\r\n", MIDS));
        assertThrows(TrickleFragment.InvalidFragmentException.class,
                () -> TrickleFragment.parse("m=audio 9 RTP 0\r\na=mid:7\r\na=candidate:1 1 udp 1 192.0.2.1 1 typ host\r\n", MIDS));
        assertThrows(TrickleFragment.InvalidFragmentException.class, () -> TrickleFragment.parse("{\"json\": true}", MIDS));
    }
}
