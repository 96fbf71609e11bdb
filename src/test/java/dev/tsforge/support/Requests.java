package dev.tsforge.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Requests to a series' endpoints, as MockMvc builds them. */
public final class Requests {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private Requests() {
    }

    /** A JSON body posted to {@code path}, whose {@code {id}} is the series. */
    public static MockHttpServletRequestBuilder postJson(String path, long seriesId, String body) {
        return post(path, seriesId).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** A CSV body posted to the series' points. */
    public static MockHttpServletRequestBuilder postCsv(long seriesId, String body) {
        return post("/api/v1/series/{id}/points", seriesId).contentType(CSV).content(body);
    }
}
