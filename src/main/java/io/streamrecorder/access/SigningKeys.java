package io.streamrecorder.access;

import io.streamrecorder.config.RecorderConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.logging.Logger;

/**
 * The keys the server signs with, one per purpose, all derived from the configured secret (or from a
 * random one made at start-up, whose tokens and links end with this run).
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final int MIN_SECRET_LENGTH = 16;

    private RecorderConfig config;
    private Signer publishTokens;
    private Signer downloadLinks;

    protected SigningKeys() {
        // for CDI proxies
    }

    @Inject
    public SigningKeys(RecorderConfig config) {
        this.config = config;
    }

    @PostConstruct
    void derive() {
        Signer root = new Signer(config.signingSecret().map(SigningKeys::checked).orElseGet(() -> {
            LOG.warning("streamrecorder.security.secret is not set: publish tokens and download links are signed with "
                    + "a key made for this run only, and stop working when the server restarts");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }));
        publishTokens = root.derive("publish-token");
        downloadLinks = root.derive("download-link");
    }

    Signer publishTokens() {
        return publishTokens;
    }

    Signer downloadLinks() {
        return downloadLinks;
    }

    private static byte[] checked(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH) {
            // The value itself is never logged.
            throw new IllegalStateException("streamrecorder.security.secret must be at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
