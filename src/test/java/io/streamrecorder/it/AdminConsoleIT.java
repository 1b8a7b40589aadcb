package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * An operator in the real console: logs in, watches a recording made meanwhile go from RECORDING to
 * UPLOADED with its job, sees an upload fail with its reason while S3 refuses, and restarts it once
 * S3 is back. Leaves a screenshot in docs/.
 */
class AdminConsoleIT {

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
            Thread.sleep(2_000);
            String fileName = publisher.stopPublishing();
            awaitRow(console, "#recordings tr[data-state='UPLOADED'][data-file='" + fileName + "']", fileName,
                    Duration.ofSeconds(30));
            awaitRow(console, "#jobs tr[data-status='COMPLETED']", fileName, Duration.ofSeconds(15));

            S3ProxyProcess s3 = S3ProxyProcess.shared();
            s3.stop();
            s3.start("someone-else", "another-secret");
            try {
                Path refused = UploadApi.generateRecording("console-refused-" + System.nanoTime(), 1000);
                String refusedName = refused.getFileName().toString();
                WebElement row = awaitRow(console, "#recordings tr[data-file='" + refusedName + "']", refusedName,
                        Duration.ofSeconds(15));
                row.findElement(By.xpath(".//button[text()='Upload again']")).click();
                WebElement failed = awaitRow(console, "#recordings tr[data-state='UPLOAD_FAILED'][data-file='" + refusedName
                        + "']", refusedName, Duration.ofSeconds(30));
                assertTrue(failed.findElement(By.cssSelector(".reason")).getText().toLowerCase().contains("credentials"),
                        "the reason says what is wrong: " + failed.getText());
                WebElement failedJob = awaitRow(console, "#jobs tr[data-status='FAILED']", refusedName, Duration.ofSeconds(15));

                s3.stop();
                s3.start();
                failedJob.findElement(By.xpath(".//button[text()='Restart']")).click();
                awaitRow(console, "#recordings tr[data-state='UPLOADED'][data-file='" + refusedName + "']", refusedName,
                        Duration.ofSeconds(30));
                awaitRow(console, "#jobs tr[data-status='COMPLETED']", refusedName, Duration.ofSeconds(15));
            } finally {
                s3.stop();
                s3.start();
            }
            console.driver().executeScript("window.scrollTo(0, 0)");
            Path screenshot = Path.of("docs", "admin-console.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, console.driver().getScreenshotAs(OutputType.BYTES));
        }
    }

    /** Waits for a row matching {@code selector} whose text mentions {@code text}. */
    private static WebElement awaitRow(Browser console, String selector, String text, Duration timeout) {
        return console.await(timeout).withMessage(() -> "no row " + selector + " with " + text + " in the console at "
                        + console.driver().getCurrentUrl() + ":\n" + console.driver().findElement(By.tagName("body")).getText()
                        + "\nbrowser console:\n" + console.console())
                .until(d -> {
                    List<WebElement> rows = d.findElements(By.cssSelector(selector));
                    return rows.stream().filter(r -> r.getText().contains(text)).findFirst().orElse(null);
                });
    }
}
