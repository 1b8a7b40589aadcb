package io.streamrecorder.it.net;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials as coturn's {@code use-auth-secret} checks them (the "TURN REST API"):
 * the user name is {@code <unix expiry>:<name>}, the password base64(HMAC-SHA1(secret, user name)).
 */
public record TurnCredentials(String username, String password) {

    /** Credentials for {@code name} valid until {@code expiry} (a past instant makes expired ones). */
    public static TurnCredentials mint(String secret, String name, Instant expiry) {
        String username = expiry.getEpochSecond() + ":" + name;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return new TurnCredentials(username,
                    Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }

    /** The user name only: the password stays out of logs and failure messages. */
    @Override
    public String toString() {
        return "TurnCredentials[username=" + username + "]";
    }
}
