package io.streamrecorder.http;

import io.streamrecorder.config.AddressLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
 * ({@code streamrecorder.http.trusted-proxies}). Anyone can send those headers; only a request
 * that comes from a trusted proxy has them from someone who saw the client.
 */
final class TrustedProxies {

    private final List<AddressRange> ranges;

    private TrustedProxies(List<AddressRange> ranges) {
        this.ranges = ranges;
    }

    /** Addresses or networks ({@code 10.0.0.0/8}); an entry that is neither fails loudly, naming the setting. */
    static TrustedProxies of(List<String> entries) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : entries) {
            try {
                ranges.add(AddressRange.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("streamrecorder.http.trusted-proxies takes IP addresses and networks"
                        + " (address/prefix), comma-separated: " + e.getMessage(), e);
            }
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    boolean trusts(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    /**
     * The client of a request from {@code peer} that carries {@code forwardedFor} (the values of its
     * X-Forwarded-For headers in order): the first address, from the right, that no trusted proxy
     * added. Each trusted proxy appends the address it was connected from, so that is the last one
     * a trusted party vouches for; what lies further left, the client could have written itself. A
     * hop that is not an address ends the walk at the proxy that passed it on.
     */
    InetAddress clientOf(InetAddress peer, List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> hops.addAll(List.of(header.split(","))));
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusts(client); i--) {
            Optional<InetAddress> hop = AddressLiteral.parse(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
        }
        return client;
    }
}
