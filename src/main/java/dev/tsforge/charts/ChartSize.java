package dev.tsforge.charts;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.web.ApiProblemException;

/** A chart's width and height in pixels (SVG: user units), within {@code tsforge.charts.*}. */
public record ChartSize(int width, int height) {

    /** Smallest size at which the axes, title and legend still leave room for the plot. */
    public static final int MIN = 200;
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 450;

    /**
     * The asked size, or the default (never beyond the configured maximum) for what was not asked.
     *
     * @throws ApiProblemException 400 {@code invalid-field} naming {@code width} or {@code height}
     */
    public static ChartSize of(Integer width, Integer height, TsforgeProperties.Charts limits) {
        return new ChartSize(check("width", width, Math.min(DEFAULT_WIDTH, limits.maxWidth()), limits.maxWidth()),
                check("height", height, Math.min(DEFAULT_HEIGHT, limits.maxHeight()), limits.maxHeight()));
    }

    private static int check(String field, Integer asked, int fallback, int max) {
        if (asked == null) {
            return fallback;
        }
        if (asked < MIN || asked > max) {
            throw ApiProblemException.invalidField(field, "must be between " + MIN + " and " + max
                    + " pixels (tsforge.charts.max-" + field + "), got " + asked);
        }
        return asked;
    }
}
