package dev.tsforge.series;

import java.util.List;

/**
 * Which series a list or read selects: members of one collection (or any series), carrying all the labels given.
 *
 * @param collectionId null for any series
 */
public record SeriesFilter(Long collectionId, List<Label> labels) {

    public static final SeriesFilter ALL = new SeriesFilter(null, List.of());

    public SeriesFilter {
        labels = List.copyOf(labels);
    }
}
