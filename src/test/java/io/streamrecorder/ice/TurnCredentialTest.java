package io.streamrecorder.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnCredentialTest {

    @Test
    void isTheExpiryAndLabelSignedWithHmacSha1AsCoturnChecksIt() {
        // Expected value computed independently: base64(HMAC-SHA1("not-a-real-secret", "1700000000:cam-1")).
        TurnCredential credential = TurnCredential.mint("not-a-real-secret", "cam-1", Instant.ofEpochSecond(1_700_000_000));
        assertEquals("1700000000:cam-1", credential.username());
        assertEquals("y6ECFV7+FrnHK7+gGO2eOaWQJuw=", credential.password());
    }

    @Test
    void keepsThePasswordOutOfItsText() {
        TurnCredential credential = TurnCredential.mint("not-a-real-secret", "cam-1", Instant.ofEpochSecond(1_700_000_000));
        assertFalse(credential.toString().contains(credential.password()));
    }
}
