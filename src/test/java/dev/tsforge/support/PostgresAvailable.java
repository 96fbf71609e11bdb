package dev.tsforge.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only when the test PostgreSQL answers. Outside CI an unreachable server disables them
 * with a message saying so; in CI ({@code CI=true}) it fails them, so that they are never silently skipped.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresCondition.class)
public @interface PostgresAvailable {
}
