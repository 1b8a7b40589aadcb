package io.streamrecorder.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium with a fake camera (640x480 at 30 fps) and microphone, driven through
 * the real recording page.
 */
public final class Browser implements AutoCloseable {

    private final Path profile;
    private final ChromeDriver driver;
    private String server = serverUrl();
    private boolean quit;

    public Browser() {
        this(List.of());
    }

    /** A browser started with more command-line switches, e.g. a file for the fake camera. */
    public Browser(List<String> switches) {
        this(System.getProperty("chromium.binary", "/usr/bin/chromium"), switches);
    }

    /** A browser started from another executable (e.g. a script running Chromium in a network namespace) with more switches. */
    public Browser(String binary, List<String> switches) {
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--use-fake-device-for-media-stream=fps=30", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + profile);
        options.addArguments(switches);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")).toFile())
                .build();
        driver = new ChromeDriver(service, options);
    }

    public static String serverUrl() {
        return System.getProperty("server.url", "http://127.0.0.1:8080/stream-recorder/");
    }

    ChromeDriver driver() {
        return driver;
    }

    public void openRecordingPage() {
        openRecordingPage(serverUrl());
    }

    /** The recording page as a site links to it, with {@code query} (e.g. {@code meta.customer=acme}). */
    public void openRecordingPageWith(String query) {
        server = serverUrl();
        driver.get(server + "?" + query);
        await(Duration.ofSeconds(10)).until(d -> !d.findElement(By.id("url")).getAttribute("value").isEmpty());
    }

    /** The recording page of the application at {@code serverUrl} (another node). */
    public void openRecordingPage(String serverUrl) {
        server = serverUrl;
        driver.get(serverUrl);
        await(Duration.ofSeconds(10)).until(d -> !d.findElement(By.id("url")).getAttribute("value").isEmpty());
    }

    /** Loads any page, e.g. one that is not the application's. */
    public void open(String url) {
        driver.get(url);
    }

    public WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    public void setStreamName(String name) {
        WebElement field = element("streamName");
        field.clear();
        // sendKeys cannot type control characters; set the value as a script would.
        driver.executeScript("arguments[0].value = arguments[1];", field, name);
    }

    /** Fills the page's token field, as a site linking to the page with {@code ?token=} would. */
    public void setToken(String token) {
        driver.executeScript("arguments[0].value = arguments[1];", element("token"), token == null ? "" : token);
    }

    public String status() {
        return element("status").getText();
    }

    public void awaitStatus(String expected, Duration timeout) {
        await(timeout).withMessage(() -> "status " + expected + " expected, page shows '" + status() + "' "
                + element("statusReason").getText() + "; browser console:\n" + console())
                .until(d -> expected.equals(status()));
    }

    /** Names the stream, presses Start and waits until the page shows PUBLISHING. */
    public void startPublishing(String name, Duration timeout) {
        startPublishingExpecting(name, "PUBLISHING", timeout);
    }

    /** Names the stream, presses Start (with a token from the page's server) and waits until the page shows {@code status}. */
    public void startPublishingExpecting(String name, String status, Duration timeout) {
        setStreamName(name);
        setToken(Tokens.mint(server, name));
        element("startButton").click();
        awaitStatus(status, timeout);
    }

    /** Presses Stop, waits until the page shows UNPUBLISHED and returns the recording's file name. */
    public String stopPublishing() {
        element("stopButton").click();
        awaitStatus("UNPUBLISHED", Duration.ofSeconds(30));
        return fileNameOf(downloadUrl());
    }

    public String downloadUrl() {
        return element("downloadLink").getAttribute("href");
    }

    /** The file a download link serves: its last path segment (the link is signed in its query). */
    public static String fileNameOf(String downloadUrl) {
        String path = URI.create(downloadUrl).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** What the page logged to the console since the last call, one entry a line, for failure messages. */
    public String console() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(entry -> entry.getLevel() + " " + entry.getMessage()).collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(console unavailable: " + e.getMessage() + ")";
        }
    }

    WebDriverWait await(Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    }

    @Override
    public void close() {
        if (!quit) {
            quit = true;
            driver.quit();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary profile is harmless.
        }
    }
}
