package dev.tsforge.series;

import java.time.Instant;

/** One observation: a grid timestamp and a finite value. */
public record Point(Instant timestamp, double value) {
}
