package dev.tsforge.series.web;

import dev.tsforge.series.SeriesUpdate;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A merge patch of a series (RFC 7396 style): a field left out keeps its value, {@code null} clears it. Read as a
 * JSON tree first, because a record cannot tell a left-out field from a null one.
 */
@Schema(description = "Changes to a series: a field left out keeps its value, null resets it (description and unit "
        + "cleared, seasonalPeriod back to the frequency's, nonNegative back to inferred, anchor and businessDays "
        + "back to undecided, timeZone back to UTC). frequency, anchor, businessDays and timeZone may change only "
        + "while the series has no points (409 grid-fixed otherwise); name cannot change")
record UpdateSeriesRequest(
        @Schema(description = "Free text", nullable = true)
        @Size(max = 1000)
        String description,
        @Schema(description = "Unit of the values", example = "kWh", nullable = true)
        @Size(max = 64)
        String unit,
        @Schema(description = "Season length in steps; null for the frequency's default", example = "7",
                nullable = true)
        @Min(1) @Max(100_000)
        Integer seasonalPeriod,
        @Schema(description = CreateSeriesRequest.NON_NEGATIVE, nullable = true)
        Boolean nonNegative,
        @Schema(description = "Sampling grid as an ISO-8601 duration (only while the series has no points)",
                example = "P1W")
        @Size(max = 16)
        String frequency,
        @Schema(description = CreateSeriesRequest.ANCHOR + " (only while the series has no points)",
                example = "FRIDAY", nullable = true)
        @Size(max = 16)
        String anchor,
        @Schema(description = CreateSeriesRequest.BUSINESS_DAYS + " (only while the series has no points)",
                nullable = true)
        Boolean businessDays,
        @Schema(description = CreateSeriesRequest.TIME_ZONE + " (only while the series has no points)",
                example = "Europe/Berlin", nullable = true)
        @Size(max = 64)
        String timeZone) {

    /** The JSON names of the fields, with the service's name for each. */
    static final Map<String, SeriesUpdate.Field> FIELDS = Map.of(
            "description", SeriesUpdate.Field.DESCRIPTION,
            "unit", SeriesUpdate.Field.UNIT,
            "seasonalPeriod", SeriesUpdate.Field.SEASONAL_PERIOD,
            "nonNegative", SeriesUpdate.Field.NON_NEGATIVE,
            "frequency", SeriesUpdate.Field.FREQUENCY,
            "anchor", SeriesUpdate.Field.ANCHOR,
            "businessDays", SeriesUpdate.Field.BUSINESS_DAYS,
            "timeZone", SeriesUpdate.Field.TIME_ZONE);
}
