package dev.tsforge.series.web;

import java.util.List;

/** One page of collections, oldest first. */
record CollectionPage(List<CollectionResponse> items, int page, int size, long totalItems, long totalPages) {
}
