package io.streamrecorder.media;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;
import java.util.Optional;

/**
 * Where a publisher's media comes from: the remote candidate of the ICE pair the transport
 * selected, as {@code address:port}. The signalling socket's address says less: a proxy may stand
 * in front of it, while media comes straight from the client (or its TURN relay).
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static Optional<String> of(RTCStatsReport report) {
        Map<String, RTCStats> stats = report.getStats();
        return stats.values().stream().filter(s -> s.getType() == RTCStatsType.TRANSPORT)
                .map(transport -> stats.get(String.valueOf(transport.getAttributes().get("selectedCandidatePairId"))))
                .filter(pair -> pair != null)
                .map(pair -> stats.get(String.valueOf(pair.getAttributes().get("remoteCandidateId"))))
                .filter(candidate -> candidate != null)
                .map(ClientAddress::addressOf)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> addressOf(RTCStats candidate) {
        Object address = candidate.getAttributes().getOrDefault("address", candidate.getAttributes().get("ip"));
        Object port = candidate.getAttributes().get("port");
        if (address == null) {
            return Optional.empty();
        }
        String host = address.toString().contains(":") ? "[" + address + "]" : address.toString();
        return Optional.of(port == null ? host : host + ":" + port);
    }
}
