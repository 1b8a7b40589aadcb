package io.streamrecorder.ice;

import io.streamrecorder.config.IceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * The STUN/TURN servers each side uses, as configured, with a TURN credential minted for each use:
 * publishers get one per publish, labelled with the stream's name (so the TURN server's log tells
 * whose relay it is), the server one per peer connection.
 */
@ApplicationScoped
public class IceServers {

    /** What the server's own credentials are labelled with, in the TURN server's log. */
    private static final String SERVER_LABEL = "stream-recorder";

    private IceConfig config;
    private Clock clock;

    protected IceServers() {
        // for CDI proxies
    }

    @Inject
    public IceServers(IceConfig config) {
        this(config, Clock.systemUTC());
    }

    IceServers(IceConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** What a publisher of {@code streamName} (a valid name) is told to use. */
    public List<IceServer> forPublisher(String streamName) {
        return withCredentials(config.publisherServers(), streamName);
    }

    /** What the server's own peer connections use. */
    public List<IceServer> forServer() {
        return withCredentials(config.servers(), SERVER_LABEL);
    }

    private List<IceServer> withCredentials(List<String> urls, String label) {
        return urls.stream().map(url -> isTurn(url) ? turn(url, label) : IceServer.withoutCredentials(url)).toList();
    }

    private IceServer turn(String url, String label) {
        String secret = config.turnSecret().orElseThrow(() -> new IllegalStateException(
                "A TURN server (" + url + ") is configured but streamrecorder.ice.turn-secret is not set"));
        TurnCredential credential = TurnCredential.mint(secret, label, clock.instant().plus(config.turnCredentialLifetime()));
        return new IceServer(url, credential.username(), credential.password());
    }

    private static boolean isTurn(String url) {
        return url.startsWith("turn:") || url.startsWith("turns:");
    }
}
