package dev.tsforge.series;

import java.time.Instant;

/** What an ingest did: how many points were new, how many replaced a stored value, and the batch's span. */
public record IngestResult(int received, int inserted, int updated, Instant first, Instant last) {
}
