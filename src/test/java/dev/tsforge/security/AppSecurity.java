package dev.tsforge.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * The application's own security configuration, for web slices ({@code @WebMvcTest} leaves {@code @Configuration}
 * classes out and would otherwise fall back to Boot's default, which asks every request for a password). The slice
 * must provide {@link ApiKeys}, a mock is enough: with {@code tsforge.security.enabled=false}, as in the test
 * profile, no key is ever looked up. {@code @EnableWebSecurity} stands in for Boot's servlet security
 * auto-configuration, which the slice does not load here (Boot 4.1's {@code spring-boot-security-test} is not in this
 * build).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfig.class)
@EnableWebSecurity
public class AppSecurity {
}
