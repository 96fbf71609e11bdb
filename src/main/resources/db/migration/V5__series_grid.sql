-- Portable SQL (H2 and PostgreSQL): a series' grid gets an anchor, business days and a time zone, and the series
-- an optional non-negative declaration. Rows written before get the only grid there was: weeks on Mondays, months
-- at their start, every day, UTC, fixed as declared.

-- MONDAY..SUNDAY for P1W, START or END for month-based grids, null for grids without an anchor
ALTER TABLE series ADD COLUMN grid_anchor VARCHAR(16);
ALTER TABLE series ADD COLUMN business_days BOOLEAN DEFAULT FALSE NOT NULL;
-- an IANA zone id or a fixed offset; grids of a day or coarser lie at local midnight there
ALTER TABLE series ADD COLUMN time_zone VARCHAR(64) DEFAULT 'UTC' NOT NULL;
-- DECLARED, PENDING (no points yet: the first batch decides anchor or business days) or INFERRED
ALTER TABLE series ADD COLUMN grid_source VARCHAR(16) DEFAULT 'DECLARED' NOT NULL;
-- null: inferred from the data (true while no stored value is negative)
ALTER TABLE series ADD COLUMN non_negative BOOLEAN;
-- kept by every ingest in its own transaction, so the inferred non-negativity costs no scan of the points
ALTER TABLE series ADD COLUMN has_negative BOOLEAN DEFAULT FALSE NOT NULL;

UPDATE series SET grid_anchor = 'MONDAY' WHERE frequency = 'P1W';
UPDATE series SET grid_anchor = 'START' WHERE frequency = 'P1Y' OR (frequency LIKE 'P%M' AND frequency NOT LIKE 'PT%');
UPDATE series SET has_negative = TRUE
    WHERE EXISTS (SELECT 1 FROM series_point p WHERE p.series_id = series.id AND p.val < 0);
