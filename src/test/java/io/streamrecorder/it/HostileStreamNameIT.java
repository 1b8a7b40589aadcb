package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    @Test
    void refusesANameAlreadyPublishing() throws Exception {
        String name = "taken-" + System.nanoTime();
        try (Browser first = new Browser()) {
            first.openRecordingPage();
            first.setStreamName(name);
            first.element("startButton").click();
            first.awaitStatus("PUBLISHING", Duration.ofSeconds(20));

            browser.setStreamName(name);
            browser.element("startButton").click();
            browser.awaitStatus("FAILED", Duration.ofSeconds(20));
            assertTrue(browser.element("statusReason").getText().contains("in use"),
                    "reason names the conflict: " + browser.element("statusReason").getText());
            assertEquals("PUBLISHING", first.status(), "the first publisher is undisturbed");

            first.element("stopButton").click();
            first.awaitStatus("UNPUBLISHED", Duration.ofSeconds(30));
        }
    }

    private static void assertRefused(String name) throws Exception {
        List<Path> before = allFiles();
        browser.setStreamName(name);
        browser.element("startButton").click();
        browser.awaitStatus("FAILED", Duration.ofSeconds(20));
        assertFalse(browser.element("statusReason").getText().isBlank(), "a reason is shown");
        assertEquals(before, allFiles(), "no file written for " + name);
    }

    /** Everything in the records directory and beside it, where a "../" name would land. */
    private static List<Path> allFiles() throws Exception {
        Path root = RecordsDir.path().toAbsolutePath();
        try (Stream<Path> inside = Files.isDirectory(root) ? Files.walk(root) : Stream.empty();
                Stream<Path> beside = Files.list(root.getParent())) {
            return Stream.concat(inside, beside).sorted().toList();
        }
    }
}
