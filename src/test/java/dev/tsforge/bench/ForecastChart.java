package dev.tsforge.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A PNG per series: the end of the history, the holdout, and each method's forecast of it. */
final class ForecastChart {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};

    private ForecastChart() {
    }

    static void write(BenchSeries series, List<MethodForecast> forecasts, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        int n = series.training().length;
        int from = Math.max(0, n - 4 * series.horizon());
        XYSeries history = new XYSeries("history", false);
        for (int t = from; t < n; t++) {
            history.add(t, Double.isNaN(series.training()[t]) ? null : series.training()[t]);
        }
        XYSeries holdout = new XYSeries("holdout", false);
        for (int h = 0; h < series.horizon(); h++) {
            holdout.add(n + h, Double.isNaN(series.holdout()[h]) ? null : series.holdout()[h]);
        }
        data.addSeries(history);
        data.addSeries(holdout);
        for (MethodForecast forecast : forecasts) {
            XYSeries line = new XYSeries(forecast.method(), false);
            for (int h = 0; h < series.horizon(); h++) {
                line.add(n + h, forecast.mean()[h]);
            }
            data.addSeries(line);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, Color.BLACK);
        renderer.setSeriesPaint(1, Color.BLACK);
        renderer.setSeriesStroke(1, new BasicStroke(2.5f));
        for (int i = 2; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[(i - 2) % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f));
        }
        NumberAxis x = new NumberAxis("grid step (" + series.frequency() + ")");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("value");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(series.name() + ": holdout of " + series.horizon() + " and forecasts",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 450);
    }
}
