package io.streamrecorder.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DownloadLinksTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Signer SIGNER = new Signer("a test secret of some length".getBytes(StandardCharsets.UTF_8));

    @Test
    void aLinkOpensItsFileUntilItExpires() {
        String link = at(NOW).link("cam1-x.mp4");
        String expires = parameter(link, "expires");
        String signature = parameter(link, "signature");
        assertTrue(link.startsWith("/records/cam1-x.mp4?expires="), link);
        assertEquals(String.valueOf(NOW.plusSeconds(3600).getEpochSecond()), expires);
        assertTrue(at(NOW.plusSeconds(3599)).allows("cam1-x.mp4", expires, signature));
        assertFalse(at(NOW.plusSeconds(3600)).allows("cam1-x.mp4", expires, signature), "expired");
    }

    @Test
    void aLinkOpensNoOtherFileAndCannotBeExtended() {
        String link = at(NOW).link("cam1-x.mp4");
        String expires = parameter(link, "expires");
        String signature = parameter(link, "signature");
        DownloadLinks links = at(NOW);
        assertFalse(links.allows("cam1-x.jpg", expires, signature));
        assertFalse(links.allows("cam1-x.mp4", String.valueOf(Long.parseLong(expires) + 1), signature));
        assertFalse(links.allows("cam1-x.mp4", expires, signature + "A"));
        assertFalse(links.allows("cam1-x.mp4", null, signature));
        assertFalse(links.allows("cam1-x.mp4", expires, null));
        assertFalse(links.allows("cam1-x.mp4", "-1", signature));
        assertFalse(links.allows("cam1-x.mp4", "99999999999999999999", signature));
    }

    private static DownloadLinks at(Instant now) {
        return new DownloadLinks(Duration.ofHours(1), SIGNER, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String parameter(String link, String name) {
        for (String pair : link.substring(link.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " not in " + link);
    }
}
