package dev.tsforge.charts;

import dev.tsforge.backtest.BacktestService;
import dev.tsforge.evaluation.Backtest;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A backtest: the actual series over the folds, and each fold's forecast from its origin. */
final class BacktestChart {

    /** Beyond this many folds the legend names them together, or it would crowd out the plot. */
    private static final int FOLDS_IN_LEGEND = 8;

    private BacktestChart() {
    }

    /** @param actual the series' points from a little before the first origin to the end of the last fold */
    static JFreeChart build(Series series, BacktestService.Traced traced, List<Point> actual) {
        Backtest backtest = traced.backtest();
        XYSeries observed = new XYSeries("actual", false, true);
        for (Point point : actual) {
            observed.add(SeriesChart.millis(point.timestamp()), point.value(), false);
        }
        XYSeriesCollection forecasts = new XYSeriesCollection();
        XYLineAndShapeRenderer forecastRenderer = new XYLineAndShapeRenderer(true, true);
        forecastRenderer.setDrawSeriesLineAsPath(true);
        forecastRenderer.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(ChartRendering.lineLegend("actual", ChartRendering.HISTORY));
        for (int f = 0; f < traced.folds().size(); f++) {
            BacktestService.FoldValues fold = traced.folds().get(f);
            XYSeries line = new XYSeries("fold " + (f + 1), false, true);
            for (int k = 0; k < fold.forecast().length; k++) {
                line.add(SeriesChart.millis(series.frequency().plus(fold.origin(), k)), fold.forecast()[k], false);
            }
            forecasts.addSeries(line);
            Color color = ChartRendering.CYCLE[f % ChartRendering.CYCLE.length];
            forecastRenderer.setSeriesPaint(f, color);
            forecastRenderer.setSeriesStroke(f, new BasicStroke(1.8f));
            if (traced.folds().size() <= FOLDS_IN_LEGEND) {
                Backtest.Fold scored = backtest.foldResults().get(f);
                legend.add(ChartRendering.lineLegend(String.format(Locale.ROOT, "fold %d forecast (MAE %.3g%s)",
                        f + 1, scored.model().mae(), scored.seenInTraining() ? ", seen in training" : ""), color));
            }
        }
        if (traced.folds().size() > FOLDS_IN_LEGEND) {
            legend.add(ChartRendering.lineLegend(traced.folds().size() + " fold forecasts", ChartRendering.CYCLE[0]));
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(ChartRendering.utcAxis());
        NumberAxis values = new NumberAxis(series.unit() == null || series.unit().isBlank() ? "value" : series.unit());
        values.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(values);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setDataset(0, new XYSeriesCollection(observed));
        plot.setRenderer(0, ChartRendering.lines(ChartRendering.HISTORY));
        plot.setDataset(1, forecasts);
        plot.setRenderer(1, forecastRenderer);
        plot.setFixedLegendItems(legend);
        String title = "Backtest of model " + backtest.modelId() + " on " + series.name();
        Backtest.Summary mean = backtest.aggregate();
        String subtitle = String.format(Locale.ROOT, "%d folds of %d steps, %d apart · mean MAE %.4g (naive %.4g, "
                        + "seasonal naive %.4g)", backtest.folds(), backtest.horizon(), backtest.step(),
                mean.model().mae(), mean.naive().mae(), mean.seasonalNaive().mae());
        return ChartRendering.style(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), subtitle);
    }
}
