package io.streamrecorder.access;

import io.streamrecorder.config.RecorderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Mints and checks publish tokens: {@code <stream name>.<expiry, epoch seconds>.<HMAC of both>}.
 * A token names one stream, so a leaked token cannot publish under any other name, and it expires.
 */
@ApplicationScoped
public class PublishTokens {

    private boolean required;
    private Duration maxLifetime;
    private Signer signer;
    private Clock clock;

    protected PublishTokens() {
        // for CDI proxies
    }

    @Inject
    public PublishTokens(RecorderConfig config, SigningKeys keys) {
        this(config.publishTokensRequired(), config.maxPublishTokenLifetime(), keys.publishTokens(), Clock.systemUTC());
    }

    PublishTokens(boolean required, Duration maxLifetime, Signer signer, Clock clock) {
        this.required = required;
        this.maxLifetime = maxLifetime;
        this.signer = signer;
        this.clock = clock;
    }

    /** A token for {@code streamName} (already validated) that works for {@code lifetime}. */
    public PublishToken mint(String streamName, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("A token's lifetime must be between 1 second and "
                    + maxLifetime.toHours() + " hours");
        }
        Instant expires = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        String signed = streamName + "." + expires.getEpochSecond();
        return new PublishToken(streamName, expires, signed + "." + signer.sign(signed));
    }

    /**
     * Passes when tokens are not required, or {@code token} is valid for {@code streamName} now.
     * {@code token} may be null (none given).
     */
    public void check(String streamName, String token) throws InvalidPublishTokenException {
        if (!required) {
            return;
        }
        if (token == null || token.isEmpty()) {
            throw new InvalidPublishTokenException("A publish token is required for this server", false);
        }
        int signatureDot = token.lastIndexOf('.');
        int expiryDot = signatureDot > 0 ? token.lastIndexOf('.', signatureDot - 1) : -1;
        if (expiryDot <= 0 || !signer.verify(token.substring(0, signatureDot), token.substring(signatureDot + 1))) {
            throw new InvalidPublishTokenException("The publish token is not valid", false);
        }
        if (!token.substring(0, expiryDot).equals(streamName)) {
            throw new InvalidPublishTokenException("The publish token is for another stream name", true);
        }
        long expiry = Long.parseLong(token.substring(expiryDot + 1, signatureDot));
        if (clock.instant().getEpochSecond() >= expiry) {
            throw new InvalidPublishTokenException("The publish token has expired", false);
        }
    }
}
