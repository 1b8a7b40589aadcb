package io.streamrecorder.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IceConfigTest {

    @Test
    void readsPublicAddressesAsLiterals() throws Exception {
        IceConfig config = IceConfigs.of(Map.of("streamrecorder.ice.public-addresses", "203.0.113.10, 2001:db8::10"));
        assertEquals(List.of(InetAddress.getByName("203.0.113.10"), InetAddress.getByName("2001:db8::10")),
                config.publicAddresses());
    }

    @Test
    void refusesANameAsAPublicAddress() {
        IceConfig config = IceConfigs.of(Map.of("streamrecorder.ice.public-addresses", "recorder.example.com"));
        IllegalStateException e = assertThrows(IllegalStateException.class, config::publicAddresses);
        assertEquals("streamrecorder.ice.public-addresses takes IP addresses, comma-separated; 'recorder.example.com'"
                + " is not one", e.getMessage());
    }

    @Test
    void refusesWhatOnlyLooksLikeAnAddressWithoutLookingItUp() {
        for (String almost : new String[] {"1.2.3.4.5", "300.1.1.1", "2001:db8::g"}) {
            IceConfig config = IceConfigs.of(Map.of("streamrecorder.ice.public-addresses", almost));
            assertThrows(IllegalStateException.class, config::publicAddresses, almost);
        }
    }

    @Test
    void takesStunAndTurnUris() {
        IceConfig config = IceConfigs.of(Map.of("streamrecorder.ice.servers",
                "stun:stun.example.com:3478,turn:[2001:db8::5]:3478?transport=tcp,turns:turn.example.com"));
        assertEquals(3, config.servers().size());
    }

    @Test
    void saysWhatIsWrongWithAServerUri() {
        IceConfig config = IceConfigs.of(Map.of("streamrecorder.ice.servers", "http://stun.example.com"));
        IllegalStateException e = assertThrows(IllegalStateException.class, config::servers);
        assertEquals("streamrecorder.ice.servers takes stun:, stuns:, turn: or turns: URIs (host[:port]"
                + "[?transport=udp|tcp]), comma-separated; 'http://stun.example.com' is not one", e.getMessage());
    }

    @Test
    void keepsTurnCredentialsAliveAMinuteAtLeast() {
        IceConfig config = IceConfigs.of(Map.of("streamrecorder.ice.turn-credential-seconds", "5"));
        assertThrows(IllegalStateException.class, config::turnCredentialLifetime);
    }
}
