package dev.tsforge.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only when Debian's headless browser is installed ({@link BrowserCondition#CHROMIUM} and
 * {@link BrowserCondition#CHROMEDRIVER}). Outside CI a missing one disables them with a message saying so; in CI
 * ({@code CI=true}) it fails them, so that the browser test is never silently skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserCondition.class)
public @interface BrowserAvailable {
}
