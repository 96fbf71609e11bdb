-- Portable SQL (H2 and PostgreSQL): each series keeps how much it holds, so that a forecast reads only its window,
-- not every point for the divergence guard's range. Kept by every write of points in the write's transaction.
-- Count and first/last timestamp are exact (points are only added or replaced, never removed one by one); the
-- value range only widens: it is the range of every value the series has held, a replaced value's included.
ALTER TABLE series ADD COLUMN point_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE series ADD COLUMN first_ts TIMESTAMP WITH TIME ZONE;
ALTER TABLE series ADD COLUMN last_ts TIMESTAMP WITH TIME ZONE;
ALTER TABLE series ADD COLUMN min_val DOUBLE PRECISION;
ALTER TABLE series ADD COLUMN max_val DOUBLE PRECISION;

UPDATE series SET
    point_count = (SELECT COUNT(*) FROM series_point p WHERE p.series_id = series.id),
    first_ts = (SELECT MIN(p.ts) FROM series_point p WHERE p.series_id = series.id),
    last_ts = (SELECT MAX(p.ts) FROM series_point p WHERE p.series_id = series.id),
    min_val = (SELECT MIN(p.val) FROM series_point p WHERE p.series_id = series.id),
    max_val = (SELECT MAX(p.val) FROM series_point p WHERE p.series_id = series.id);
