package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.BrowserAvailable;
import dev.tsforge.support.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Swagger UI with security on, as the images run: "Try it out" without a credential gets the 401 problem, and after
 * "Authorize" with an API key the same request succeeds, the key sent in the header the document declares.
 */
@BrowserAvailable
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.security.enabled=true", "tsforge.security.admin-key=" + SwaggerUiBrowserTests.ADMIN_KEY})
@ActiveProfiles("test")
@Tag("browser")
class SwaggerUiBrowserTests {

    static final String ADMIN_KEY = "swagger-admin-key-0123456789";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    ChromeDriver browser;
    Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("tsforge-chromium-");
        browser = HeadlessChromium.start(profile);
        Files.createDirectories(WebPageBrowserTests.SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
    }

    @Test
    void authorizeWithAnApiKeyThenTryItOut() throws Exception {
        try {
            browser.get("http://localhost:" + port + "/swagger-ui.html");
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
            WebElement list = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                    "//div[contains(@class, 'opblock-get')][.//*[@data-path='/api/v1/series']]")));
            list.findElement(By.cssSelector(".opblock-summary-control")).click();
            wait.until(ExpectedConditions.elementToBeClickable(list.findElement(By.cssSelector(".try-out__btn"))))
                    .click();
            list.findElement(By.cssSelector(".execute")).click();
            assertThat(status(wait, list)).as("without a credential").isEqualTo("401");

            browser.findElement(By.cssSelector(".scheme-container .authorize")).click();
            WebElement apiKey = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                    "//div[contains(@class, 'auth-container')][.//h4[contains(., 'apiKey')]]")));
            assertThat(browser.findElements(By.xpath("//div[contains(@class, 'auth-container')]"
                    + "[.//h4[contains(., 'bearer')]]"))).as("the bearer scheme beside the key").hasSize(1);
            apiKey.findElement(By.cssSelector("input")).sendKeys(ADMIN_KEY);
            apiKey.findElement(By.cssSelector("button.authorize")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//div[contains(@class, 'auth-container')]"
                    + "[.//h4[contains(., 'apiKey')]]//button[normalize-space(.) = 'Logout']")));
            browser.findElement(By.cssSelector(".btn-done")).click();

            list.findElement(By.cssSelector(".execute")).click();
            wait.until(driver -> !"401".equals(status(wait, list)));
            assertThat(status(wait, list)).as("with the API key").isEqualTo("200");
            assertThat(list.findElement(By.cssSelector(".curl-command")).getText()).contains("X-API-Key: " + ADMIN_KEY);
        } catch (Throwable failure) {
            Path shot = WebPageBrowserTests.SCREENSHOTS.resolve("failure-swagger-ui.png");
            Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
            failure.addSuppressed(new AssertionError("screenshot of the page: " + shot.toAbsolutePath()));
            throw failure;
        }
    }

    /** The status of the live response Swagger UI shows under the operation, once it shows one. */
    private static String status(WebDriverWait wait, WebElement operation) {
        return wait.until(driver -> operation.findElements(By.cssSelector(".live-responses-table tbody td.response-col_status"))
                .stream().map(WebElement::getText).map(String::trim).filter(text -> !text.isEmpty())
                // the code, without the "Undocumented" Swagger UI writes under a status the operation does not list
                .map(text -> text.split("\\s+")[0]).findFirst().orElse(null));
    }
}
