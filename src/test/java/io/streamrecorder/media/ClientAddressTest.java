package io.streamrecorder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final Map<String, RTCStats> stats = new HashMap<>();

    @Test
    void isTheRemoteCandidateOfTheSelectedPair() {
        add("T01", RTCStatsType.TRANSPORT, Map.of("selectedCandidatePairId", "CP2"));
        add("CP1", RTCStatsType.CANDIDATE_PAIR, Map.of("remoteCandidateId", "RC1"));
        add("CP2", RTCStatsType.CANDIDATE_PAIR, Map.of("remoteCandidateId", "RC2"));
        add("RC1", RTCStatsType.REMOTE_CANDIDATE, Map.of("address", "10.0.0.9", "port", 50000));
        add("RC2", RTCStatsType.REMOTE_CANDIDATE, Map.of("address", "203.0.113.7", "port", 61234));
        assertEquals(Optional.of("203.0.113.7:61234"), ClientAddress.of(report()));
    }

    @Test
    void bracketsAnIpv6Address() {
        add("T01", RTCStatsType.TRANSPORT, Map.of("selectedCandidatePairId", "CP1"));
        add("CP1", RTCStatsType.CANDIDATE_PAIR, Map.of("remoteCandidateId", "RC1"));
        add("RC1", RTCStatsType.REMOTE_CANDIDATE, Map.of("address", "2001:db8::1", "port", 9));
        assertEquals(Optional.of("[2001:db8::1]:9"), ClientAddress.of(report()));
    }

    @Test
    void isUnknownBeforeAPairIsSelected() {
        add("T01", RTCStatsType.TRANSPORT, Map.of("dtlsState", "new"));
        add("CP1", RTCStatsType.CANDIDATE_PAIR, Map.of("remoteCandidateId", "RC1"));
        assertEquals(Optional.empty(), ClientAddress.of(report()));
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
