package dev.tsforge.series;

/** What a client asks for when creating a collection; the grid fields as for {@link NewSeries}. */
public record NewCollection(String name, String frequency, String anchor, Boolean businessDays, String timeZone,
        String description) {
}
