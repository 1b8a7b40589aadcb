package io.streamrecorder.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamrecorder.config.IceConfigs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IceServersTest {

    private final Map<String, String> settings = new HashMap<>();
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    @Test
    void mintsATurnCredentialPerPublishLabelledWithTheStream() {
        settings.put("streamrecorder.ice.publisher-servers", "stun:198.51.100.5:3478, turn:198.51.100.5:3478?transport=tcp");
        settings.put("streamrecorder.ice.turn-secret", "not-a-real-secret");
        settings.put("streamrecorder.ice.turn-credential-seconds", "600");
        List<IceServer> servers = servers().forPublisher("cam-1");
        assertEquals(2, servers.size());
        assertEquals("stun:198.51.100.5:3478", servers.get(0).url());
        assertNull(servers.get(0).username());
        assertEquals("turn:198.51.100.5:3478?transport=tcp", servers.get(1).url());
        assertEquals("1700000600:cam-1", servers.get(1).username());
        assertEquals(TurnCredential.mint("not-a-real-secret", "cam-1", Instant.ofEpochSecond(1_700_000_600)).password(),
                servers.get(1).credential());
        assertFalse(servers.get(1).toString().contains(servers.get(1).credential()));
    }

    @Test
    void publishersGetTheServersOwnUnlessTheirsAreSet() {
        settings.put("streamrecorder.ice.servers", "stun:198.51.100.5:3478");
        assertEquals(List.of(new IceServer("stun:198.51.100.5:3478", null, null)), servers().forPublisher("cam-1"));
        assertEquals(List.of(new IceServer("stun:198.51.100.5:3478", null, null)), servers().forServer());
        settings.put("streamrecorder.ice.publisher-servers", "stun:192.0.2.1");
        assertEquals(List.of(new IceServer("stun:192.0.2.1", null, null)), servers().forPublisher("cam-1"));
    }

    @Test
    void saysATurnServerNeedsTheSecret() {
        settings.put("streamrecorder.ice.servers", "turn:198.51.100.5");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> servers().forServer());
        assertEquals("A TURN server (turn:198.51.100.5) is configured but streamrecorder.ice.turn-secret is not set",
                e.getMessage());
    }

    private IceServers servers() {
        return new IceServers(IceConfigs.of(settings), clock);
    }
}
