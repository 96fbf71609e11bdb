package dev.tsforge.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

/** The shape every client error has (DESIGN, "HTTP conventions"), as one MockMvc matcher. */
public final class Problems {

    /** What every problem {@code type} starts with. */
    public static final String PREFIX = "urn:tsforge:problem:";

    private Problems() {
    }

    /**
     * The status, {@code application/problem+json}, {@code type} {@link #PREFIX}{@code type}, the status again in the
     * body, a human {@code detail}, and nothing of the implementation (no exception, stack frame or class name).
     */
    public static ResultMatcher problem(int status, String type) {
        return result -> {
            status().is(status).match(result);
            content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.type").value(PREFIX + type).match(result);
            jsonPath("$.status").value(status).match(result);
            jsonPath("$.detail").isNotEmpty().match(result);
            assertThat(result.getResponse().getContentAsString())
                    .doesNotContain("Exception", "\tat ", "dev.tsforge.", "java.");
        };
    }
}
