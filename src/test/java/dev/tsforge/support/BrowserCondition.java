package dev.tsforge.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

public class BrowserCondition implements ExecutionCondition {

    /** Given to Selenium explicitly, so that Selenium Manager never tries to download a browser or driver. */
    /** Debian's paths; {@code -Dtsforge.test.chromium=} and {@code -Dtsforge.test.chromedriver=} name others. */
    public static final Path CHROMIUM = Path.of(System.getProperty("tsforge.test.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("tsforge.test.chromedriver",
            "/usr/bin/chromedriver"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<Path> missing = List.of(CHROMIUM, CHROMEDRIVER).stream().filter(path -> !Files.isExecutable(path))
                .toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Headless browser found at " + CHROMIUM + " and " + CHROMEDRIVER);
        }
        String message = "No headless browser: " + missing + " missing";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + "; CI=true, so the browser tests fail instead of being "
                    + "skipped. Install them with: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install "
                    + "-y chromium chromium-driver");
        }
        System.err.println("SKIPPED: " + message + ": browser tests skipped");
        return ConditionEvaluationResult.disabled(message + ": browser tests skipped");
    }
}
