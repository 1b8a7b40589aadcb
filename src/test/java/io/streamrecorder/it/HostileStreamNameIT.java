package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostileStreamNameIT {

    private static Browser browser;

    @BeforeAll
    static void openPage() {
        browser = new Browser();
        browser.openRecordingPage();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "..\\..\\etc", "bad\u0001name", "tab\tname", "", ".hidden", "white space"})
    void refusesHostileNamesWithAReasonAndWritesNothing(String name) throws Exception {
        assertRefused(name);
    }

    @Test
    void refusesOverlongName() throws Exception {
        assertRefused("a".repeat(200));
    }

    /** The server cannot even read this publish and answers with a bare error; the page still shows FAILED. */
    @Test
    void refusesANameTooLongToRead() throws Exception {
        assertRefused("a".repeat(5_000));
    }

    @Test
    void refusesANameAlreadyPublishing() throws Exception {
        String name = "taken-" + System.nanoTime();
        try (Browser first = new Browser()) {
            first.openRecordingPage();
            first.setStreamName(name);
            first.setToken(Tokens.mint(name));
            first.element("startButton").click();
            first.awaitStatus("PUBLISHING", Duration.ofSeconds(20));

            browser.setStreamName(name);
            browser.setToken(Tokens.mint(name));
            browser.element("startButton").click();
            browser.awaitStatus("FAILED", Duration.ofSeconds(20));
            assertTrue(browser.element("statusReason").getText().contains("in use"),
                    "reason names the conflict: " + browser.element("statusReason").getText());
            assertEquals("PUBLISHING", first.status(), "the first publisher is undisturbed");

            first.element("stopButton").click();
            first.awaitStatus("UNPUBLISHED", Duration.ofSeconds(30));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5_000, 100_000})
    void answersAnOverlongNameWithAnErrorOrAProtocolClose(int length) throws Exception {
        String message = "{\"type\":\"publish\",\"streamName\":\"" + "a".repeat(length) + "\",\"sdp\":\"v=0\"}";
        try (SignallingClient client = new SignallingClient()) {
            client.send(message);
            assertErrorOrProtocolClose(client.next(Duration.ofSeconds(10)), "a publish with a " + length + " character name");
        }
    }

    private static void assertErrorOrProtocolClose(SignallingClient.Reply reply, String sent) {
        assertNotNull(reply, "the server answers " + sent);
        if (reply instanceof SignallingClient.Message message) {
            assertEquals("error", message.json().getString("type", ""), "reply to " + sent + ": " + message.json());
            assertFalse(message.json().getString("reason", "").isBlank(), "the error says why: " + message.json());
        } else if (reply instanceof SignallingClient.Closed closed) {
            assertTrue(closed.code() == 1003 || closed.code() == 1007 || closed.code() == 1009,
                    "closed with a protocol code after " + sent + ": " + closed);
        } else {
            fail("unexpected reply " + reply);
        }
    }

    private static void assertRefused(String name) throws Exception {
        List<Path> before = recordingFiles();
        browser.setStreamName(name);
        browser.element("startButton").click();
        browser.awaitStatus("FAILED", Duration.ofSeconds(20));
        assertFalse(browser.element("statusReason").getText().isBlank(), "a reason is shown");
        List<Path> created = new ArrayList<>(recordingFiles());
        created.removeAll(Set.copyOf(before));
        assertEquals(List.of(), created, "no file written for " + name);
    }

    /**
     * Everything in the records directory, and recordings beside it where a "../" name would land.
     * Leaves out what finished recordings of other tests gain later: their hook and upload results.
     */
    private static List<Path> recordingFiles() throws Exception {
        Path root = RecordsDir.path().toAbsolutePath();
        try (Stream<Path> inside = Files.isDirectory(root) ? Files.walk(root) : Stream.empty();
                Stream<Path> beside = Files.list(root.getParent())) {
            return Stream.concat(inside, beside.filter(f -> f.getFileName().toString().contains(".mp4")))
                    .filter(f -> !f.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        }
    }
}
