package io.streamrecorder.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PublishTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Signer SIGNER = new Signer("a test secret of some length".getBytes(StandardCharsets.UTF_8));

    private final PublishTokens tokens = at(NOW);

    @Test
    void aMintedTokenPublishesItsStreamUntilItExpires() throws Exception {
        PublishToken token = tokens.mint("cam.1", Duration.ofMinutes(10));
        assertEquals(NOW.plusSeconds(600), token.expires());
        assertTrue(token.token().startsWith("cam.1." + NOW.plusSeconds(600).getEpochSecond() + "."), token.token());
        tokens.check("cam.1", token.token());
        at(NOW.plusSeconds(599)).check("cam.1", token.token());
        assertRefused(at(NOW.plusSeconds(600)), "cam.1", token.token(), "The publish token has expired", false);
    }

    @Test
    void aTokenPublishesNoOtherStream() {
        String token = tokens.mint("cam1", Duration.ofMinutes(10)).token();
        assertRefused(tokens, "cam2", token, "The publish token is for another stream name", true);
        // The name is signed: renaming the token breaks it.
        assertRefused(tokens, "cam2", "cam2" + token.substring(4), "The publish token is not valid", false);
    }

    @Test
    void refusesMissingForgedAndMalformedTokens() {
        String token = tokens.mint("cam1", Duration.ofMinutes(10)).token();
        assertRefused(tokens, "cam1", null, "A publish token is required for this server", false);
        assertRefused(tokens, "cam1", "", "A publish token is required for this server", false);
        assertRefused(tokens, "cam1", token + "x", "The publish token is not valid", false);
        long later = NOW.plusSeconds(86_400).getEpochSecond();
        String extended = "cam1." + later + token.substring(token.lastIndexOf('.'));
        assertRefused(tokens, "cam1", extended, "The publish token is not valid", false);
        for (String garbage : new String[] {".", "..", "a.b", "cam1..", "cam1.x.y", "\u0000.1.2"}) {
            assertRefused(tokens, "cam1", garbage, "The publish token is not valid", false);
        }
        PublishTokens otherSecret = new PublishTokens(true, Duration.ofDays(1),
                new Signer("another secret entirely".getBytes(StandardCharsets.UTF_8)), Clock.fixed(NOW, ZoneOffset.UTC));
        assertRefused(otherSecret, "cam1", token, "The publish token is not valid", false);
    }

    @Test
    void lifetimesAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> tokens.mint("cam1", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> tokens.mint("cam1", Duration.ofDays(2)));
    }

    @Test
    void anythingPassesWhenTokensAreNotRequired() throws Exception {
        new PublishTokens(false, Duration.ofDays(1), SIGNER, Clock.fixed(NOW, ZoneOffset.UTC)).check("cam1", null);
    }

    private static PublishTokens at(Instant now) {
        return new PublishTokens(true, Duration.ofDays(1), SIGNER, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void assertRefused(PublishTokens tokens, String name, String token, String reason, boolean forAnotherStream) {
        InvalidPublishTokenException refused = assertThrows(InvalidPublishTokenException.class, () -> tokens.check(name, token));
        assertEquals(reason, refused.getMessage());
        assertEquals(forAnotherStream, refused.forAnotherStream());
    }
}
