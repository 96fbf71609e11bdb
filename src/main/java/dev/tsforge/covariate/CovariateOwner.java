package dev.tsforge.covariate;

import dev.tsforge.series.Frequency;

/**
 * What a covariate series is attached to: one series, or a collection whose members all read it. Its points lie on
 * the owner's grid.
 *
 * @param seriesId     the series, or null for a collection
 * @param collectionId the collection, or null for a series
 * @param label        how problems name the owner ("series 4", "collection 'stations'")
 */
public record CovariateOwner(Long seriesId, Long collectionId, Frequency grid, String label) {
}
