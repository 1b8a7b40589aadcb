package io.streamrecorder.http;

import io.streamrecorder.config.AddressLiteral;
import java.net.InetAddress;

/** One address ({@code 192.0.2.7}) or network ({@code 10.0.0.0/8}, {@code fd00::/8}) of trusted proxies. */
final class AddressRange {

    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** {@code address} or {@code address/prefix}; throws IllegalArgumentException for anything else. */
    static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] network = AddressLiteral.parse(address).map(InetAddress::getAddress)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or network"));
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
            }
        }
        return new AddressRange(network, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit += 8) {
            int mask = prefixLength - bit >= 8 ? 0xff : (0xff << (8 - (prefixLength - bit))) & 0xff;
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
