package dev.tsforge.charts;

import dev.tsforge.forecasting.Forecast;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A series' history; the points its model never trained on (the holdout) marked, and its anomalies; and a forecast
 * with its prediction intervals as bands, the narrower level drawn over the wider so the overlap darkens.
 */
final class SeriesChart {

    private static final float BAND_ALPHA = 0.18f;
    private static final Shape ANOMALY_MARK = ShapeUtils.createDiagonalCross(4f, 1f);

    private SeriesChart() {
    }

    /**
     * @param model    the model whose holdout is marked and which made {@code forecast}; null: none
     * @param forecast  null: history only
     * @param anomalies the flagged points among {@code history}, marked with a cross
     */
    static JFreeChart build(Series series, List<Point> history, ModelVersion model, Forecast forecast,
            List<Point> anomalies) {
        XYSeries line = new XYSeries("history", false, true);
        XYSeries holdout = new XYSeries("holdout", false, true);
        Instant holdoutFrom = model == null ? null : model.data().to();
        Instant holdoutTo = holdoutFrom == null ? null
                : series.frequency().plus(holdoutFrom, model.spec().horizon());
        Point previous = null;
        for (Point point : history) {
            // a missing grid step breaks the line rather than drawing a value that was never observed
            if (previous != null && series.frequency().index(point.timestamp())
                    - series.frequency().index(previous.timestamp()) > 1) {
                line.add(millis(previous.timestamp()) + 1, Double.NaN, false);
            }
            line.add(millis(point.timestamp()), point.value(), false);
            if (holdoutFrom != null && point.timestamp().isAfter(holdoutFrom) && !point.timestamp().isAfter(holdoutTo)) {
                holdout.add(millis(point.timestamp()), point.value(), false);
            }
            previous = point;
        }

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(ChartRendering.utcAxis());
        NumberAxis values = new NumberAxis(series.unit() == null || series.unit().isBlank() ? "value" : series.unit());
        values.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(values);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        LegendItemCollection legend = new LegendItemCollection();

        XYSeriesCollection observed = new XYSeriesCollection(line);
        XYLineAndShapeRenderer observedRenderer = ChartRendering.lines(ChartRendering.HISTORY, ChartRendering.HOLDOUT);
        legend.add(ChartRendering.lineLegend("history", ChartRendering.HISTORY));
        if (!holdout.isEmpty()) {
            observed.addSeries(holdout);
            observedRenderer.setSeriesShapesVisible(1, true);
            observedRenderer.setSeriesShape(1, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            observedRenderer.setSeriesStroke(1, new BasicStroke(2.2f));
            legend.add(ChartRendering.lineLegend("holdout actuals (model " + model.id() + " never trained on them)",
                    ChartRendering.HOLDOUT));
        }
        if (forecast != null) {
            YIntervalSeriesCollection bands = bands(forecast, previous);
            if (bands.getSeriesCount() > 0) {
                DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
                bandRenderer.setAlpha(BAND_ALPHA);
                for (int i = 0; i < bands.getSeriesCount(); i++) {
                    bandRenderer.setSeriesFillPaint(i, ChartRendering.FORECAST);
                    bandRenderer.setSeriesPaint(i, ChartRendering.FORECAST);
                    legend.add(ChartRendering.areaLegend(bands.getSeriesKey(i).toString(),
                            new Color(214, 39, 40, Math.round(255 * BAND_ALPHA * (i + 1)))));
                }
                plot.setDataset(0, bands);
                plot.setRenderer(0, bandRenderer);
            }
            XYSeries predicted = new XYSeries("forecast", false, true);
            if (previous != null) {
                predicted.add(millis(previous.timestamp()), previous.value(), false); // joins the history
            }
            for (Forecast.Step step : forecast.points()) {
                predicted.add(millis(step.timestamp()), step.value(), false);
            }
            plot.setDataset(2, new XYSeriesCollection(predicted));
            XYLineAndShapeRenderer forecastRenderer = ChartRendering.lines(ChartRendering.FORECAST);
            forecastRenderer.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
                    1f, new float[] {6f, 4f}, 0f));
            plot.setRenderer(2, forecastRenderer);
            legend.add(ChartRendering.lineLegend("forecast (model " + forecast.modelId() + ")",
                    ChartRendering.FORECAST));
        }
        if (!anomalies.isEmpty()) {
            XYSeries flagged = new XYSeries("anomalies", false, true);
            anomalies.forEach(point -> flagged.add(millis(point.timestamp()), point.value(), false));
            int index = observed.getSeriesCount();
            observed.addSeries(flagged);
            observedRenderer.setSeriesLinesVisible(index, false);
            observedRenderer.setSeriesShapesVisible(index, true);
            observedRenderer.setSeriesShape(index, ANOMALY_MARK);
            observedRenderer.setSeriesPaint(index, ChartRendering.FORECAST);
            legend.add(ChartRendering.lineLegend("anomalies (" + anomalies.size() + ")", ChartRendering.FORECAST));
        }
        plot.setDataset(1, observed);
        plot.setRenderer(1, observedRenderer);
        plot.setFixedLegendItems(legend);
        return ChartRendering.style(new JFreeChart(series.name(), JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                subtitle(series, history, model, forecast));
    }

    /** One band per level, widest first so that narrower ones are painted over it. */
    private static YIntervalSeriesCollection bands(Forecast forecast, Point last) {
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        List<Double> levels = new ArrayList<>(forecast.levels());
        levels.sort(Comparator.reverseOrder());
        for (double level : levels) {
            YIntervalSeries band = new YIntervalSeries(String.format(Locale.ROOT, "%s %% interval", label(level)),
                    false, true);
            for (Forecast.Step step : forecast.points()) {
                for (Forecast.Interval interval : step.intervals()) {
                    if (interval.level() == level && interval.lower() != null && interval.upper() != null) {
                        if (band.getItemCount() == 0 && last != null && step.step() == 1) {
                            band.add(millis(last.timestamp()), last.value(), last.value(), last.value());
                        }
                        band.add(millis(step.timestamp()), step.value(), interval.lower(), interval.upper());
                    }
                }
            }
            if (band.getItemCount() > 0) {
                bands.addSeries(band);
            }
        }
        return bands;
    }

    private static String subtitle(Series series, List<Point> history, ModelVersion model, Forecast forecast) {
        StringBuilder text = new StringBuilder(history.size() + " points, frequency " + series.frequency());
        if (forecast != null) {
            text.append(" · forecast of ").append(forecast.horizon()).append(" steps by model ")
                    .append(forecast.modelId()).append(" (").append(model.spec().architectureName()).append(')');
            if (forecast.intervalNote() != null) {
                text.append(" · some steps have no interval");
            }
        }
        return text.toString();
    }

    static String label(double level) {
        return level == Math.rint(level) ? String.valueOf((long) level) : String.valueOf(level);
    }

    static double millis(Instant t) {
        return t.toEpochMilli();
    }
}
