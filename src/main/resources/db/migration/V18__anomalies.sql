-- Portable SQL (H2 and PostgreSQL): anomaly detection per series, the points flagged, and the data-quality report's
-- count of duplicates refused at ingest. Rows go with their series (deleted by the series' deletion event, as the
-- ledger's are).

-- a row: detection is on for the series (no row: off), with how its scoring went
CREATE TABLE anomaly_setting (
    series_id      BIGINT PRIMARY KEY,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    scored_points  BIGINT                   NOT NULL DEFAULT 0,
    skipped_points BIGINT                   NOT NULL DEFAULT 0,
    -- why the last points not scored were not (no champion, too little history, a forecast refused)
    last_skip      VARCHAR(1000),
    last_scored_at TIMESTAMP WITH TIME ZONE
);

-- one row per flagged point: scoring a point again replaces its row (or deletes it, if no longer outside the band)
CREATE TABLE anomaly (
    series_id   BIGINT                   NOT NULL,
    ts          TIMESTAMP WITH TIME ZONE NOT NULL,
    point_value DOUBLE PRECISION         NOT NULL,
    expected    DOUBLE PRECISION         NOT NULL,
    lower_bound DOUBLE PRECISION         NOT NULL,
    upper_bound DOUBLE PRECISION         NOT NULL,
    level       DOUBLE PRECISION         NOT NULL,
    model_id    BIGINT                   NOT NULL,
    -- the last input timestamp of the forecast the band comes from
    origin      TIMESTAMP WITH TIME ZONE NOT NULL,
    step        INTEGER                  NOT NULL,
    detected_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (series_id, ts)
);

-- batches refused at ingest because a timestamp appeared twice in them (nothing of such a batch is stored)
CREATE TABLE series_duplicates (
    series_id        BIGINT PRIMARY KEY,
    refused_points   BIGINT                   NOT NULL,
    refused_batches  BIGINT                   NOT NULL,
    last_refused_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
