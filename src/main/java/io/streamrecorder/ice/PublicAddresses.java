package io.streamrecorder.ice;

import io.streamrecorder.config.AddressLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Announces a server behind a fixed 1:1 NAT at its public addresses. webrtc gathers candidates on
 * the interfaces it sees, which behind such a NAT carry only a private address, and has no setting
 * for a mapped one; so each host candidate gets a server-reflexive twin per public address of its
 * family, same port (a 1:1 NAT keeps ports), related to the host candidate it mirrors. The host
 * candidates stay: publishers on the private side still reach them directly.
 */
public final class PublicAddresses {

    /** ICE's type preferences (RFC 8445 5.1.2.2): server-reflexive ranks below host. */
    private static final long HOST_TO_REFLEXIVE = (126L - 100L) << 24;
    private static final int MAX_FOUNDATION = 32;

    private final List<InetAddress> addresses;

    public PublicAddresses(List<InetAddress> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /**
     * The candidates to announce besides {@code candidate} (an SDP candidate attribute, with or
     * without its {@code a=}): none unless it is a host candidate on an address a NAT maps.
     */
    public List<String> alongside(String candidate) {
        String prefix = candidate.startsWith("a=") ? "a=" : "";
        String[] fields = candidate.substring(prefix.length()).strip().split(" ");
        if (fields.length < 8 || !fields[0].startsWith("candidate:") || !fields[6].equals("typ")
                || !fields[7].equals("host")) {
            return List.of();
        }
        // An mDNS name (.local) is no address to map.
        InetAddress host = AddressLiteral.parse(fields[4]).orElse(null);
        if (host == null || host.isLoopbackAddress() || host.isLinkLocalAddress()) {
            return List.of();
        }
        List<String> twins = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            InetAddress mapped = addresses.get(i);
            if ((mapped instanceof Inet4Address) == (host instanceof Inet4Address) && !mapped.equals(host)) {
                twins.add(prefix + reflexive(fields, mapped, i));
            }
        }
        return twins;
    }

    /** {@code sdp} with each host candidate's twins after it. */
    public String inSdp(String sdp) {
        if (addresses.isEmpty()) {
            return sdp;
        }
        String lineEnd = sdp.contains("\r\n") ? "\r\n" : "\n";
        StringBuilder out = new StringBuilder(sdp.length() + 512);
        for (String line : sdp.split(lineEnd, -1)) {
            if (out.length() > 0) {
                out.append(lineEnd);
            }
            out.append(line);
            if (line.startsWith("a=candidate:")) {
                alongside(line).forEach(twin -> out.append(lineEnd).append(twin));
            }
        }
        return out.toString();
    }

    private static String reflexive(String[] host, InetAddress mapped, int index) {
        String foundation = (index + "r" + host[0].substring("candidate:".length()));
        List<String> fields = new ArrayList<>(Arrays.asList(host));
        fields.set(0, "candidate:" + foundation.substring(0, Math.min(MAX_FOUNDATION, foundation.length())));
        fields.set(3, Long.toString(Math.max(1, Long.parseLong(host[3]) - HOST_TO_REFLEXIVE)));
        fields.set(4, mapped.getHostAddress());
        fields.set(7, "srflx");
        fields.addAll(8, List.of("raddr", host[4], "rport", host[5]));
        return String.join(" ", fields);
    }
}
