package dev.tsforge.series.web;

import java.util.List;

/** One page of series, ordered by id. */
record SeriesPage(List<SeriesSummary> items, int page, int size, long totalItems, long totalPages) {
}
