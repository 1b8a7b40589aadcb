package io.streamrecorder.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.config.AddressLiteral;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final TrustedProxies PROXY = TrustedProxies.of(List.of("127.0.0.2"));

    @Test
    void withNoTrustedProxyTheClientIsThePeerWhateverItSends() {
        TrustedProxies none = TrustedProxies.of(List.of());
        assertEquals(ip("127.0.0.1"), none.clientOf(ip("127.0.0.1"), List.of("198.51.100.23")));
    }

    @Test
    void behindATrustedProxyTheClientIsTheAddressTheProxyAdded() {
        assertEquals(ip("198.51.100.7"), PROXY.clientOf(ip("127.0.0.2"), List.of("198.51.100.7")));
        assertEquals(ip("127.0.0.2"), PROXY.clientOf(ip("127.0.0.2"), List.of()), "a request the proxy made itself");
    }

    @Test
    void whatTheClientWroteLeftOfTheProxysHopIsIgnored() {
        assertEquals(ip("198.51.100.7"), PROXY.clientOf(ip("127.0.0.2"), List.of("203.0.113.9, 198.51.100.7")));
        assertEquals(ip("198.51.100.7"), PROXY.clientOf(ip("127.0.0.2"), List.of("203.0.113.9", "198.51.100.7")),
                "one header per hop");
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedToTheFirstUntrustedHop() {
        TrustedProxies network = TrustedProxies.of(List.of("10.0.0.0/8"));
        assertEquals(ip("198.51.100.7"), network.clientOf(ip("10.0.0.1"), List.of("203.0.113.9, 198.51.100.7, 10.1.2.3")));
        assertEquals(ip("10.9.9.9"), network.clientOf(ip("10.0.0.1"), List.of("10.9.9.9, 10.1.2.3")),
                "every hop trusted: the farthest");
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalkAtTheProxyThatPassedItOn() {
        assertEquals(ip("127.0.0.2"), PROXY.clientOf(ip("127.0.0.2"), List.of("unknown")));
        assertEquals(ip("127.0.0.2"), PROXY.clientOf(ip("127.0.0.2"), List.of("198.51.100.7, evil.example.com")));
    }

    @Test
    void readsIpv6HopsAndPorts() {
        assertEquals(ip("2001:db8::7"), PROXY.clientOf(ip("127.0.0.2"), List.of("2001:db8::7")));
        assertEquals(ip("2001:db8::7"), PROXY.clientOf(ip("127.0.0.2"), List.of("[2001:db8::7]:51234")));
        assertEquals(ip("198.51.100.7"), PROXY.clientOf(ip("127.0.0.2"), List.of("198.51.100.7:51234")));
    }

    @Test
    void networksMatchByPrefix() {
        TrustedProxies proxies = TrustedProxies.of(List.of("192.0.2.0/25", "fd00::/8", "203.0.113.5"));
        assertTrue(proxies.trusts(ip("192.0.2.127")));
        assertFalse(proxies.trusts(ip("192.0.2.128")));
        assertTrue(proxies.trusts(ip("fd12:3456::1")));
        assertFalse(proxies.trusts(ip("fe80::1")));
        assertTrue(proxies.trusts(ip("203.0.113.5")));
        assertFalse(proxies.trusts(ip("203.0.113.6")));
        assertTrue(TrustedProxies.of(List.of("0.0.0.0/0")).trusts(ip("198.51.100.1")));
        assertFalse(TrustedProxies.of(List.of("0.0.0.0/0")).trusts(ip("::1")), "an IPv4 network holds no IPv6 address");
    }

    @Test
    void refusesWhatIsNoAddressNamingTheSetting() {
        for (String bad : List.of("proxy.example.com", "10.0.0.0/33", "256.1.1.1", "10.0.0.0/x", "1.2.3.4.5")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TrustedProxies.of(List.of(bad)), bad);
            assertTrue(refused.getMessage().startsWith("streamrecorder.http.trusted-proxies"), refused.getMessage());
        }
    }

    @Test
    void literalsAreParsedNeverLookedUp() {
        assertEquals(Optional.empty(), AddressLiteral.parse("localhost"));
        assertEquals(Optional.empty(), AddressLiteral.parse("fe80::zz"));
        assertEquals(Optional.of(ip("::1")), AddressLiteral.parse(" ::1 "));
    }

    private static InetAddress ip(String literal) {
        return AddressLiteral.parse(literal).orElseThrow();
    }
}
