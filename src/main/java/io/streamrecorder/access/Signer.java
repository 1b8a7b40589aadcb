package io.streamrecorder.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs strings with one HMAC-SHA256 key and checks signatures in constant time. */
final class Signer {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    Signer(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The signature of {@code data}, base64url without padding (safe in URLs and headers). */
    String sign(String data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(data.getBytes(StandardCharsets.UTF_8)));
    }

    boolean verify(String data, String signature) {
        return MessageDigest.isEqual(sign(data).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** A key for another purpose, derived from this one, so that no signature is valid for two. */
    Signer derive(String purpose) {
        return new Signer(mac(purpose.getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
