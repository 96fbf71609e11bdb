package dev.tsforge.charts;

/** An encoded chart, ready to send. */
public record Chart(ChartFormat format, ChartSize size, byte[] bytes) {
}
