package io.streamrecorder.access;

import io.streamrecorder.config.RecorderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * Signed, expiring links to finished recordings and posters: the only way to download one. The
 * publisher gets a link with UNPUBLISHED, operators get fresh ones from the REST API.
 */
@ApplicationScoped
public class DownloadLinks {

    private Duration lifetime;
    private Signer signer;
    private Clock clock;

    protected DownloadLinks() {
        // for CDI proxies
    }

    @Inject
    public DownloadLinks(RecorderConfig config, SigningKeys keys) {
        this(config.downloadLinkLifetime(), keys.downloadLinks(), Clock.systemUTC());
    }

    DownloadLinks(Duration lifetime, Signer signer, Clock clock) {
        this.lifetime = lifetime;
        this.signer = signer;
        this.clock = clock;
    }

    /** The path (below the application's context path) that serves {@code fileName} until the link expires. */
    public String link(String fileName) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return "/records/" + fileName + "?expires=" + expires + "&signature=" + signer.sign(signed(fileName, expires));
    }

    /** Whether a request for {@code fileName} carries a valid, unexpired link's parameters (either may be null). */
    public boolean allows(String fileName, String expires, String signature) {
        if (expires == null || signature == null || !expires.matches("\\d{1,12}")) {
            return false;
        }
        long expiry = Long.parseLong(expires);
        return clock.instant().getEpochSecond() < expiry && signer.verify(signed(fileName, expiry), signature);
    }

    private static String signed(String fileName, long expires) {
        // A newline cannot occur in a recording's file name, so no two (name, expiry) pairs sign alike.
        return fileName + "\n" + expires;
    }
}
