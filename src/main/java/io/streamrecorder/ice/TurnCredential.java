package io.streamrecorder.ice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A time-limited TURN credential in the scheme of the TURN REST API draft, which coturn checks with
 * {@code use-auth-secret}: the user name is the expiry (Unix seconds) and a label, the password the
 * base64 HMAC-SHA1 of the user name under the secret shared with the TURN server.
 */
record TurnCredential(String username, String password) {

    static TurnCredential mint(String secret, String label, Instant expiry) {
        String username = expiry.getEpochSecond() + ":" + label;
        return new TurnCredential(username, Base64.getEncoder().encodeToString(hmacSha1(secret, username)));
    }

    private static byte[] hmacSha1(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return username;
    }
}
