package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * An operator in the real console: logs in, watches a recording made meanwhile go from RECORDING to
 * UPLOADED with its job, sees an upload fail with its reason while S3 refuses, and restarts it once
 * S3 is back. Leaves a screenshot in target/screenshots/. The README's picture of the console,
 * docs/admin-console.png, changes only when asked for:
 * {@code mvn verify -Dpayara.skip=true -Dalone.skip=true -Dit.test=AdminConsoleIT -Ddocs.screenshots=true}
 * (-Dit.test overrides the Payara run's includes, so that run is skipped).
 */
class AdminConsoleIT {

    private static final Path SCREENSHOT = Path.of("target", "screenshots", "admin-console.png");
    private static final Path DOCS_SCREENSHOT = Path.of("docs", "admin-console.png");

    @Test
    void followsARecordingAndRestartsAFailedUpload() throws Exception {
        String name = "console-" + System.nanoTime();
        try (Browser console = new Browser(); Browser publisher = new Browser()) {
            console.driver().manage().window().setSize(new Dimension(1280, 1000));
            Operator admin = Operator.admin();
            console.driver().get(Browser.serverUrl().replace("://", "://" + admin.user() + ":" + admin.password() + "@")
                    + "admin/");
            console.await(Duration.ofSeconds(15)).withMessage(() -> "the console connects; " + console.console())
                    .until(d -> console.element("connection").getText().equals("live"));

            publisher.openRecordingPage();
            publisher.startPublishing(name, Duration.ofSeconds(20));
            awaitRow(console, "#recordings tr[data-state='RECORDING']", name, Duration.ofSeconds(15));
            Publishing.keepFor(Duration.ofSeconds(2));
            String fileName = publisher.stopPublishing();
            awaitRow(console, "#recordings tr[data-state='UPLOADED'][data-file='" + fileName + "']", fileName,
                    Duration.ofSeconds(30));
            awaitRow(console, "#jobs tr[data-status='COMPLETED']", fileName, Duration.ofSeconds(15));
            // Which node holds the recording and runs its job (several nodes share one job repository).
            String node = console.element("node").getText().replaceFirst("^node ", "");
            assertTrue(!node.isEmpty(), "the console names its node");
            awaitRow(console, "#jobs tr[data-node='" + node + "']", fileName, Duration.ofSeconds(5));
            awaitRow(console, "#recordings tr[data-file='" + fileName + "']", node, Duration.ofSeconds(5));

            S3ProxyProcess s3 = S3ProxyProcess.shared();
            s3.stop();
            s3.start("someone-else", "another-secret");
            try {
                Path refused = UploadApi.generateRecording("console-refused-" + System.nanoTime(), 1000);
                String refusedName = refused.getFileName().toString();
                clickInRow(console, "#recordings tr[data-file='" + refusedName + "']", refusedName, "Upload again");
                // The row says what is wrong.
                awaitRow(console, "#recordings tr[data-state='UPLOAD_FAILED'][data-file='" + refusedName + "']",
                        "credentials", Duration.ofSeconds(30));
                awaitRow(console, "#jobs tr[data-status='FAILED']", refusedName, Duration.ofSeconds(15));

                s3.stop();
                s3.start();
                clickInRow(console, "#jobs tr[data-status='FAILED']", refusedName, "Restart");
                awaitRow(console, "#recordings tr[data-state='UPLOADED'][data-file='" + refusedName + "']", refusedName,
                        Duration.ofSeconds(30));
                awaitRow(console, "#jobs tr[data-status='COMPLETED']", refusedName, Duration.ofSeconds(15));
            } finally {
                s3.stop();
                s3.start();
            }
            console.driver().executeScript("window.scrollTo(0, 0)");
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, console.driver().getScreenshotAs(OutputType.BYTES));
            if (Boolean.getBoolean("docs.screenshots")) {
                Files.copy(SCREENSHOT, DOCS_SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Waits for a row matching {@code selector} whose text mentions {@code text}. The console redraws
     * its tables on every refresh, so a row found a moment ago may be gone: look again.
     */
    private static void awaitRow(Browser console, String selector, String text, Duration timeout) {
        console.await(timeout).ignoring(StaleElementReferenceException.class).withMessage(() -> "no row " + selector + " with " + text + " in the console at "
                        + console.driver().getCurrentUrl() + ":\n" + console.driver().findElement(By.tagName("body")).getText()
                        + "\nbrowser console:\n" + console.console())
                .until(d -> row(d, selector, text) != null);
    }

    /** Presses a button in that row, as soon as the row is there. */
    private static void clickInRow(Browser console, String selector, String text, String button) {
        console.await(Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "no " + button + " in a row " + selector + " with " + text)
                .until(d -> {
                    WebElement row = row(d, selector, text);
                    if (row == null) {
                        return false;
                    }
                    row.findElement(By.xpath(".//button[text()='" + button + "']")).click();
                    return true;
                });
    }

    private static WebElement row(WebDriver driver, String selector, String text) {
        List<WebElement> rows = driver.findElements(By.cssSelector(selector));
        return rows.stream().filter(r -> r.getText().contains(text)).findFirst().orElse(null);
    }
}
