package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.BrowserAvailable;
import dev.tsforge.support.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The web page in a real browser (Debian's headless Chromium): upload a CSV, train, watch the job, see the forecast
 * chart, and read a problem detail. Screenshots go to {@code target/screenshots/}: the page and the forecast chart
 * after a successful run (the README's pictures come from there), and the page whenever a test fails.
 */
@BrowserAvailable
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Tag("browser")
class WebPageBrowserTests {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration TRAINING_PATIENCE = Duration.ofMinutes(3);

    @LocalServerPort
    int port;

    WebDriver browser;
    Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("tsforge-chromium-");
        browser = HeadlessChromium.start(profile);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
    }

    /** Runs the steps; on any failure keeps a screenshot of the page as it was, then fails. */
    private void withScreenshotOnFailure(TestInfo test, Steps steps) throws Exception {
        try {
            steps.run();
        } catch (Throwable failure) {
            Path shot = SCREENSHOTS.resolve("failure-" + test.getTestMethod().orElseThrow().getName() + ".png");
            try {
                Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
                failure.addSuppressed(new AssertionError("screenshot of the page: " + shot.toAbsolutePath()));
            } catch (RuntimeException screenshotFailed) {
                failure.addSuppressed(screenshotFailed);
            }
            throw failure;
        }
    }

    interface Steps {
        void run() throws Exception;
    }

    private WebElement find(String id) {
        return browser.findElement(By.id(id));
    }

    private WebDriverWait waitUpTo(Duration duration) {
        return new WebDriverWait(browser, duration, Duration.ofMillis(200));
    }

    private long naturalWidth(WebElement image) {
        Object width = ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0;", image);
        return ((Number) width).longValue();
    }

    private Path csv(String content) throws IOException {
        Path file = Files.createTempFile(Path.of("target"), "upload-", ".csv");
        Files.writeString(file, content);
        return file.toAbsolutePath();
    }

    /** 240 hourly points of sin(2πi/24) + N(0, 0.2), the noisy sine of the RNN tutorials. */
    private static String noisySine() {
        Random noise = new Random(42);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 240; i++) {
            double value = Math.sin(2 * Math.PI * i / 24) + 0.2 * noise.nextGaussian();
            csv.append(start.plusSeconds(3600L * i)).append(',').append(String.format("%.4f", value)).append('\n');
        }
        return csv.toString();
    }

    private void upload(String name, Path file) {
        find("series-name").sendKeys(name);
        WebElement frequency = find("series-frequency");
        frequency.clear();
        frequency.sendKeys("PT1H");
        find("csv-file").sendKeys(file.toString());
        find("upload-button").click();
    }

    @Test
    void uploadTrainWatchAndSeeTheForecastChart(TestInfo test) throws Exception {
        browser.get("http://localhost:" + port + "/");
        withScreenshotOnFailure(test, () -> {
            assertThat(browser.getTitle()).isEqualTo("tsforge");
            assertThat(find("swagger-link").getAttribute("href")).endsWith("/swagger-ui.html");
            String name = "sine-" + UUID.randomUUID().toString().substring(0, 8);
            upload(name, csv(noisySine()));
            waitUpTo(Duration.ofSeconds(20)).until(b -> find("upload-result").getText().contains("240 points stored"));
            waitUpTo(Duration.ofSeconds(10)).until(b -> find("series-list").getText().contains(name));
            assertThat(find("selected-name").getText()).isEqualTo(name + " (PT1H)");

            new Select(find("train-architecture")).selectByValue("LSTM");
            for (String[] field : new String[][] {{"train-hidden", "16"}, {"train-lookback", "24"},
                    {"train-horizon", "12"}, {"train-epochs", "8"}}) {
                find(field[0]).clear();
                find(field[0]).sendKeys(field[1]);
            }
            find("train-button").click();
            waitUpTo(TRAINING_PATIENCE).until(b -> find("job-status").getText().matches("SUCCEEDED|FAILED|CANCELLED"));
            assertThat(find("job-status").getText()).as(find("job-outcome").getText()).isEqualTo("SUCCEEDED");
            assertThat(find("job-progress").getText()).startsWith("epoch 8 of 8");
            assertThat(find("error").isDisplayed()).isFalse();

            WebElement loss = find("loss-chart");
            waitUpTo(Duration.ofSeconds(20)).until(b -> naturalWidth(loss) > 0);
            assertThat(naturalWidth(loss)).isEqualTo(860);
            WebElement forecast = find("forecast-chart");
            waitUpTo(Duration.ofSeconds(30)).until(b -> forecast.isDisplayed() && naturalWidth(forecast) > 0);
            assertThat(naturalWidth(forecast)).isEqualTo(900);
            assertThat(find("forecast-model").getText()).startsWith("by model ");

            Files.write(SCREENSHOTS.resolve("web-page.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
            byte[] chart = RestClient.create("http://localhost:" + port).get()
                    .uri(forecast.getAttribute("src").replaceAll("width=\\d+&height=\\d+", "width=1000&height=460"))
                    .retrieve().body(byte[].class);
            Files.write(SCREENSHOTS.resolve("forecast-chart.png"), chart);
        });
    }

    @Test
    void aRefusedUploadShowsTheProblemWithItsLinesAndStoresNothing(TestInfo test) throws Exception {
        browser.get("http://localhost:" + port + "/");
        withScreenshotOnFailure(test, () -> {
            String name = "broken-" + UUID.randomUUID().toString().substring(0, 8);
            upload(name, csv("timestamp,value\n2024-01-01T00:00:00Z,1.0\n2024-01-01T00:30:00Z,2.0\n"
                    + "2024-01-01T02:00:00Z,abc\n"));
            WebElement error = find("error");
            waitUpTo(Duration.ofSeconds(20)).until(b -> error.isDisplayed());
            assertThat(error.getText()).contains("Invalid points (400)").contains("line 3: ").contains("line 4: ");
            // the series created for the upload is removed again, so the same name can be retried
            find("refresh-button").click();
            waitUpTo(Duration.ofSeconds(10)).until(b -> !find("series-list").getText().contains(name));
        });
    }
}
