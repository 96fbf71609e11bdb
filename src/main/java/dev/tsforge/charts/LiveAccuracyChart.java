package dev.tsforge.charts;

import dev.tsforge.ledger.LiveAccuracy;
import dev.tsforge.ledger.RecordedStep;
import dev.tsforge.series.Series;
import java.awt.Color;
import java.awt.Paint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * "How has this model done since it went live": per model, the absolute error of its recorded forecasts at each
 * target that has arrived (the mean over the recorded forecasts that reached it), beside seasonal naive's on the
 * same targets.
 */
final class LiveAccuracyChart {

    private static final Color NAIVE = new Color(127, 127, 127);

    private LiveAccuracyChart() {
    }

    static JFreeChart build(Series series, List<RecordedStep> steps, LiveAccuracy accuracy) {
        Map<Long, TreeMap<Instant, double[]>> perModel = new LinkedHashMap<>();
        TreeMap<Instant, double[]> naive = new TreeMap<>();
        for (RecordedStep step : steps) {
            add(perModel.computeIfAbsent(step.modelId(), id -> new TreeMap<>()), step.target(),
                    Math.abs(step.actual() - step.point()));
            if (step.baseline() != null) {
                add(naive, step.target(), Math.abs(step.actual() - step.baseline()));
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        LegendItemCollection legend = new LegendItemCollection();
        List<Paint> paints = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<Long, TreeMap<Instant, double[]>> model : perModel.entrySet()) {
            Paint paint = ChartRendering.CYCLE[colour++ % ChartRendering.CYCLE.length];
            dataset.addSeries(series("model " + model.getKey(), model.getValue()));
            legend.add(ChartRendering.lineLegend("model " + model.getKey(), paint));
            paints.add(paint);
        }
        if (!naive.isEmpty()) {
            dataset.addSeries(series("seasonal naive", naive));
            legend.add(ChartRendering.lineLegend("seasonal naive", NAIVE));
            paints.add(NAIVE);
        }
        NumberAxis error = new NumberAxis("absolute error" + (series.unit() == null ? "" : " (" + series.unit() + ")"));
        error.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(dataset, ChartRendering.utcAxis(), error,
                ChartRendering.lines(paints.toArray(Paint[]::new)));
        plot.setFixedLegendItems(legend);
        return ChartRendering.style(new JFreeChart("Live accuracy of " + series.name(),
                JFreeChart.DEFAULT_TITLE_FONT, plot, true), subtitle(accuracy));
    }

    private static void add(TreeMap<Instant, double[]> sums, Instant target, double error) {
        double[] sum = sums.computeIfAbsent(target, t -> new double[2]);
        sum[0] += error;
        sum[1]++;
    }

    private static XYSeries series(String name, TreeMap<Instant, double[]> sums) {
        XYSeries line = new XYSeries(name, false, true);
        sums.forEach((target, sum) -> line.add(target.toEpochMilli(), sum[0] / sum[1], false));
        return line;
    }

    private static String subtitle(LiveAccuracy accuracy) {
        var overall = accuracy.overall();
        if (overall.model().steps() == 0) {
            return "no recorded step has its actual yet";
        }
        String text = String.format(Locale.ROOT, "last %d days: MAE %.4g over %d steps", accuracy.windowDays(),
                overall.model().mae(), overall.model().steps());
        if (overall.seasonalNaive().mae() != null) {
            text += String.format(Locale.ROOT, " (seasonal naive %.4g)", overall.seasonalNaive().mae());
        }
        return accuracy.drifting() > 0 ? text + " · DRIFTING" : text;
    }
}
