package io.streamrecorder.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the server's peer connections and its publishers find a path to each other: the UDP ports,
 * the addresses a server behind a 1:1 NAT announces, the STUN/TURN servers of each side and the
 * secret TURN credentials are minted with. Read like {@link RecorderConfig}, whose settings these
 * are too: a group of their own because they are set together.
 */
@ApplicationScoped
public class IceConfig {

    /** RFC 7064/7065 URIs: scheme, host (IPv6 in brackets), optional port, optional transport. */
    private static final Pattern SERVER_URI = Pattern.compile(
            "(stuns?|turns?):(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:\\d{1,5})?(\\?transport=(udp|tcp))?");

    private final SettingSource source;

    public IceConfig() {
        this(SettingSource.system());
    }

    IceConfig(SettingSource source) {
        this.source = source;
    }

    /** UDP port range for the server's candidates; 0/0 lets the OS choose. */
    public int portMin() {
        return source.getInt("streamrecorder.ice.port-min", 0);
    }

    public int portMax() {
        return source.getInt("streamrecorder.ice.port-max", 0);
    }

    /** How long a publish may take to connect its media before it fails. */
    public Duration connectTimeout() {
        return Duration.ofSeconds(source.getInt("streamrecorder.ice.connect-timeout-seconds", 15));
    }

    /**
     * The addresses a server behind a fixed 1:1 NAT is reached at (a cloud VM's public address):
     * each host candidate is announced with each of them too. IP literals only: a name would be
     * resolved once, and a changed record would silently break every publish.
     */
    public List<InetAddress> publicAddresses() {
        return list("streamrecorder.ice.public-addresses").stream().map(IceConfig::ipLiteral).toList();
    }

    /** STUN/TURN servers for the server's own peer connections (STUN finds its public address). */
    public List<String> servers() {
        return serverUris("streamrecorder.ice.servers");
    }

    /** STUN/TURN servers publishers are told to use; the server's own unless set. */
    public List<String> publisherServers() {
        return source.get("streamrecorder.ice.publisher-servers").isPresent()
                ? serverUris("streamrecorder.ice.publisher-servers") : servers();
    }

    /**
     * The secret shared with the TURN server (coturn's {@code static-auth-secret}): TURN
     * credentials are minted from it per publish, so the secret itself never leaves the server.
     */
    public Optional<String> turnSecret() {
        return source.get("streamrecorder.ice.turn-secret");
    }

    /**
     * How long a minted TURN credential works. coturn checks it on every refresh of an allocation,
     * so a publish relayed through TURN cannot outlast it.
     */
    public Duration turnCredentialLifetime() {
        int seconds = source.getInt("streamrecorder.ice.turn-credential-seconds", 24 * 3600);
        if (seconds < 60) {
            throw new IllegalStateException("streamrecorder.ice.turn-credential-seconds must be at least 60, was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private List<String> serverUris(String name) {
        List<String> uris = list(name);
        for (String uri : uris) {
            if (!SERVER_URI.matcher(uri).matches()) {
                throw new IllegalStateException(name + " takes stun:, stuns:, turn: or turns: URIs (host[:port]"
                        + "[?transport=udp|tcp]), comma-separated; '" + uri + "' is not one");
            }
        }
        return uris;
    }

    private List<String> list(String name) {
        return source.get(name).stream().flatMap(values -> Arrays.stream(values.split(",")))
                .map(String::strip).filter(value -> !value.isEmpty()).toList();
    }

    private static InetAddress ipLiteral(String address) {
        return AddressLiteral.parse(address).orElseThrow(() -> new IllegalStateException(
                "streamrecorder.ice.public-addresses takes IP addresses, comma-separated; '" + address + "' is not one"));
    }
}
