package io.streamrecorder.media;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;
import java.util.Optional;

/**
 * The ICE candidate pair a stream's transport selected: where the media comes from (the remote
 * candidate: the client, its NAT's mapping, or its TURN relay) and where it arrives. The
 * signalling socket's address says less: a proxy may stand in front of it. webrtc withholds the
 * address of a peer-reflexive remote candidate (one learnt from the checks, as a publisher behind
 * a NAT's is): then {@code remoteAddress} is null.
 */
record CandidatePair(String local, String remote, String remoteAddress) {

    static Optional<CandidatePair> selected(RTCStatsReport report) {
        Map<String, RTCStats> stats = report.getStats();
        return stats.values().stream().filter(s -> s.getType() == RTCStatsType.TRANSPORT)
                .map(transport -> stats.get(String.valueOf(transport.getAttributes().get("selectedCandidatePairId"))))
                .filter(pair -> pair != null)
                .map(pair -> of(stats.get(String.valueOf(pair.getAttributes().get("localCandidateId"))),
                        stats.get(String.valueOf(pair.getAttributes().get("remoteCandidateId")))))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<CandidatePair> of(RTCStats local, RTCStats remote) {
        if (local == null || remote == null) {
            return Optional.empty();
        }
        return Optional.of(new CandidatePair(describe(local), describe(remote), addressOf(remote).orElse(null)));
    }

    /** Logged as: {@code udp 10.10.0.2:50000 host <- 198.51.100.20:61000 prflx}. */
    @Override
    public String toString() {
        return local + " <- " + remote;
    }

    /** {@code protocol address:port type}, and for a relayed candidate how it reaches its relay. */
    private static String describe(RTCStats candidate) {
        Map<String, Object> attributes = candidate.getAttributes();
        Object protocol = attributes.get("protocol");
        Object relayProtocol = attributes.get("relayProtocol");
        return (protocol == null ? "" : protocol + " ") + addressOf(candidate).orElse("(address withheld)") + " "
                + attributes.getOrDefault("candidateType", "?")
                + (relayProtocol == null ? "" : " (relayed over " + relayProtocol + ")");
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
