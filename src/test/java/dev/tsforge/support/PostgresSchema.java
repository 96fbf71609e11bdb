package dev.tsforge.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Runs a Spring test class on the test PostgreSQL, in a schema of its own: created fresh for the class's context
 * (datasource, Flyway and JobRunr pointed at it, as {@link TestPostgres#register} does) and dropped once that context
 * is closed, which happens after the class ({@link DirtiesContext}): a cached context would go on polling a dropped
 * schema (JobRunr's job-metrics listener logged a failed query every 5 s until the JVM ended). Skipped, or failed in CI, when the server does not answer ({@link PostgresAvailable}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@PostgresAvailable
@DirtiesContext
public @interface PostgresSchema {
}
