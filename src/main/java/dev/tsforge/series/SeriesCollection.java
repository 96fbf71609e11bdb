package dev.tsforge.series;

import java.time.Instant;

/**
 * A named set of series on one grid, filled by long-format uploads ({@code unique_id, ds, y}). Each member is an
 * ordinary series named {@code <collection>/<unique_id>}, created on the collection's grid.
 *
 * @param frequency the grid of every member, with its anchor, business days and zone (offset-less timestamps of an
 *                  upload are read in that zone)
 */
public record SeriesCollection(long id, String name, Frequency frequency, String description, Instant createdAt,
        Instant updatedAt) {

    /** The name of the member series with this {@code unique_id}. */
    public String memberName(String uniqueId) {
        return name + "/" + uniqueId;
    }
}
