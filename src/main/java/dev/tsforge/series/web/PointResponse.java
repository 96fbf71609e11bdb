package dev.tsforge.series.web;

import dev.tsforge.series.Point;
import java.time.Instant;

record PointResponse(Instant timestamp, double value) {

    static PointResponse of(Point point) {
        return new PointResponse(point.timestamp(), point.value());
    }
}
