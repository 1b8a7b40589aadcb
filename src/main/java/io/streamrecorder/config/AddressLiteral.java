package io.streamrecorder.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP address as proxies write it into {@code X-Forwarded-For}, webrtc into candidates and
 * operators into settings: {@code 192.0.2.1}, {@code 2001:db8::1}, {@code [2001:db8::1]}, either
 * with a {@code :port}. Parsed, never looked up: a name here would make a DNS query per request,
 * and an answer an attacker controls.
 */
public final class AddressLiteral {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private AddressLiteral() {
    }

    public static Optional<InetAddress> parse(String text) {
        String literal = text.strip();
        Matcher v4 = IPV4.matcher(literal);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return Optional.of(byAddress(bytes));
        }
        Matcher bracketed = BRACKETED_IPV6.matcher(literal);
        if (bracketed.matches()) {
            return ipv6(bracketed.group(1));
        }
        return IPV6.matcher(literal).matches() ? ipv6(literal) : Optional.empty();
    }

    private static Optional<InetAddress> ipv6(String literal) {
        try {
            // In brackets, InetAddress refuses a malformed literal instead of looking it up as a name.
            return Optional.of(InetAddress.getByName("[" + literal + "]"));
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }
}
