package io.streamrecorder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CandidatePairTest {

    private final Map<String, RTCStats> stats = new HashMap<>();

    @Test
    void isTheSelectedPairWithTheRemoteCandidateAsTheClientsAddress() {
        add("T01", RTCStatsType.TRANSPORT, Map.of("selectedCandidatePairId", "CP2"));
        add("CP1", RTCStatsType.CANDIDATE_PAIR, Map.of("localCandidateId", "LC1", "remoteCandidateId", "RC1"));
        add("CP2", RTCStatsType.CANDIDATE_PAIR, Map.of("localCandidateId", "LC1", "remoteCandidateId", "RC2"));
        add("LC1", RTCStatsType.LOCAL_CANDIDATE,
                Map.of("address", "10.10.0.2", "port", 50000, "protocol", "udp", "candidateType", "host"));
        add("RC1", RTCStatsType.REMOTE_CANDIDATE, Map.of("address", "10.0.0.9", "port", 50000));
        add("RC2", RTCStatsType.REMOTE_CANDIDATE,
                Map.of("address", "203.0.113.7", "port", 61234, "protocol", "udp", "candidateType", "prflx"));
        CandidatePair pair = CandidatePair.selected(report()).orElseThrow();
        assertEquals("203.0.113.7:61234", pair.remoteAddress());
        assertEquals("udp 10.10.0.2:50000 host <- udp 203.0.113.7:61234 prflx", pair.toString());
    }

    @Test
    void saysHowARelayedCandidateReachesItsRelay() {
        add("T01", RTCStatsType.TRANSPORT, Map.of("selectedCandidatePairId", "CP1"));
        add("CP1", RTCStatsType.CANDIDATE_PAIR, Map.of("localCandidateId", "LC1", "remoteCandidateId", "RC1"));
        add("LC1", RTCStatsType.LOCAL_CANDIDATE, Map.of("address", "198.51.100.5", "port", 49170, "protocol", "udp",
                "candidateType", "relay", "relayProtocol", "tcp"));
        add("RC1", RTCStatsType.REMOTE_CANDIDATE, Map.of("address", "198.51.100.5", "port", 49171,
                "protocol", "udp", "candidateType", "relay"));
        assertEquals("udp 198.51.100.5:49170 relay (relayed over tcp) <- udp 198.51.100.5:49171 relay",
                CandidatePair.selected(report()).orElseThrow().toString());
    }

    @Test
    void isKnownWithoutTheAddressWebrtcWithholdsForAPeerReflexiveCandidate() {
        add("T01", RTCStatsType.TRANSPORT, Map.of("selectedCandidatePairId", "CP1"));
        add("CP1", RTCStatsType.CANDIDATE_PAIR, Map.of("localCandidateId", "LC1", "remoteCandidateId", "RC1"));
        add("LC1", RTCStatsType.LOCAL_CANDIDATE,
                Map.of("address", "10.10.0.2", "port", 50000, "protocol", "udp", "candidateType", "host"));
        add("RC1", RTCStatsType.REMOTE_CANDIDATE, Map.of("protocol", "udp", "candidateType", "prflx"));
        CandidatePair pair = CandidatePair.selected(report()).orElseThrow();
        assertEquals(null, pair.remoteAddress());
        assertEquals("udp 10.10.0.2:50000 host <- udp (address withheld) prflx", pair.toString());
    }

    @Test
    void bracketsAnIpv6Address() {
        add("T01", RTCStatsType.TRANSPORT, Map.of("selectedCandidatePairId", "CP1"));
        add("CP1", RTCStatsType.CANDIDATE_PAIR, Map.of("localCandidateId", "LC1", "remoteCandidateId", "RC1"));
        add("LC1", RTCStatsType.LOCAL_CANDIDATE, Map.of("address", "2001:db8::2", "port", 9));
        add("RC1", RTCStatsType.REMOTE_CANDIDATE, Map.of("address", "2001:db8::1", "port", 9));
        assertEquals("[2001:db8::1]:9", CandidatePair.selected(report()).orElseThrow().remoteAddress());
    }

    @Test
    void isUnknownBeforeAPairIsSelected() {
        add("T01", RTCStatsType.TRANSPORT, Map.of("dtlsState", "new"));
        add("CP1", RTCStatsType.CANDIDATE_PAIR, Map.of("remoteCandidateId", "RC1"));
        assertEquals(Optional.empty(), CandidatePair.selected(report()));
    }

    private void add(String id, RTCStatsType type, Map<String, Object> attributes) {
        stats.put(id, new RTCStats(0, type, id, attributes) {
        });
    }

    private RTCStatsReport report() {
        return new RTCStatsReport(stats, 0) {
        };
    }
}
