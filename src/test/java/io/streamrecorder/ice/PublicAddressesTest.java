package io.streamrecorder.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicAddressesTest {

    private static final String HOST = "candidate:1510613869 1 udp 2122260223 10.10.0.2 50000 typ host generation 0 ufrag Ab12 network-id 1";

    @Test
    void givesAHostCandidateAReflexiveTwinAtEachPublicAddressOfItsFamily() throws Exception {
        PublicAddresses addresses = new PublicAddresses(List.of(InetAddress.getByName("203.0.113.10"),
                InetAddress.getByName("2001:db8::10"), InetAddress.getByName("192.0.2.44")));
        assertEquals(List.of(
                "candidate:0r1510613869 1 udp 1686052607 203.0.113.10 50000 typ srflx raddr 10.10.0.2 rport 50000 generation 0 ufrag Ab12 network-id 1",
                "candidate:2r1510613869 1 udp 1686052607 192.0.2.44 50000 typ srflx raddr 10.10.0.2 rport 50000 generation 0 ufrag Ab12 network-id 1"),
                addresses.alongside(HOST));
    }

    @Test
    void keepsTheSdpAttributePrefixAndATcpCandidatesType() throws Exception {
        PublicAddresses addresses = new PublicAddresses(List.of(InetAddress.getByName("203.0.113.10")));
        assertEquals(List.of("a=candidate:0r99 1 tcp 1082072831 203.0.113.10 9 typ srflx raddr 10.10.0.2 rport 9 tcptype passive"),
                addresses.alongside("a=candidate:99 1 tcp 1518280447 10.10.0.2 9 typ host tcptype passive"));
    }

    @Test
    void leavesOtherCandidatesAlone() throws Exception {
        PublicAddresses addresses = new PublicAddresses(List.of(InetAddress.getByName("203.0.113.10")));
        assertEquals(List.of(), addresses.alongside("candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host"));
        assertEquals(List.of(), addresses.alongside("candidate:1 1 udp 2122260223 fe80::1 50000 typ host"));
        assertEquals(List.of(), addresses.alongside("candidate:1 1 udp 2122260223 203.0.113.10 50000 typ host"));
        assertEquals(List.of(), addresses.alongside("candidate:1 1 udp 2122260223 abc.local 50000 typ host"));
        assertEquals(List.of(), addresses.alongside(
                "candidate:2 1 udp 1686052607 198.51.100.9 50000 typ srflx raddr 10.10.0.2 rport 50000"));
        assertEquals(List.of(), addresses.alongside("candidate:3 1 udp"));
    }

    @Test
    void putsTheTwinsAfterTheirHostCandidateInAnSdp() throws Exception {
        PublicAddresses addresses = new PublicAddresses(List.of(InetAddress.getByName("203.0.113.10")));
        String sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=" + HOST + "\r\na=end-of-candidates\r\n";
        assertEquals("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=" + HOST + "\r\n"
                + "a=candidate:0r1510613869 1 udp 1686052607 203.0.113.10 50000 typ srflx raddr 10.10.0.2 rport 50000"
                + " generation 0 ufrag Ab12 network-id 1\r\na=end-of-candidates\r\n", addresses.inSdp(sdp));
    }

    @Test
    void changesNothingWithoutPublicAddresses() {
        String sdp = "v=0\r\na=" + HOST + "\r\n";
        assertEquals(sdp, new PublicAddresses(List.of()).inSdp(sdp));
    }
}
