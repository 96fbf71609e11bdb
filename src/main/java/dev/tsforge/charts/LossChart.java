package dev.tsforge.charts;

import dev.tsforge.training.EpochLoss;
import dev.tsforge.training.TrainingJob;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Training and validation loss per epoch: the curve every RNN tutorial ends with. */
final class LossChart {

    private LossChart() {
    }

    /**
     * @param logScale a log loss axis, where the late epochs' small changes show; losses ≤ 0 (impossible for MSE,
     *                 but a log axis cannot place them) are left out then
     */
    static JFreeChart build(String title, TrainingJob job, List<EpochLoss> losses, boolean logScale) {
        XYSeries training = new XYSeries("training loss", false, true);
        XYSeries validation = new XYSeries("validation loss", false, true);
        for (EpochLoss loss : losses) {
            if (!logScale || loss.trainingLoss() > 0) {
                training.add(loss.epoch(), loss.trainingLoss(), false);
            }
            if (loss.validationLoss() != null && (!logScale || loss.validationLoss() > 0)) {
                validation.add(loss.epoch(), loss.validationLoss(), false);
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection(training);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(ChartRendering.lineLegend("training loss", ChartRendering.HISTORY));
        if (!validation.isEmpty()) {
            dataset.addSeries(validation);
            legend.add(ChartRendering.lineLegend("validation loss", ChartRendering.VALIDATION));
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setAutoRangeIncludesZero(false);
        if (losses.isEmpty()) {
            // nothing to scale to yet: show the epochs the job will run, so the empty frame already means something
            epochs.setRange(0, Math.max(1, job.spec().epochs()));
        }
        ValueAxis lossAxis;
        if (logScale) {
            LogAxis log = new LogAxis("loss (log scale)");
            log.setSmallestValue(1e-12);
            lossAxis = log;
        } else {
            NumberAxis linear = new NumberAxis("loss");
            linear.setAutoRangeIncludesZero(true);
            lossAxis = linear;
        }
        XYPlot plot = new XYPlot(dataset, epochs, lossAxis,
                ChartRendering.lines(ChartRendering.HISTORY, ChartRendering.VALIDATION));
        plot.setFixedLegendItems(legend);
        if (losses.size() == 1) {
            ((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) plot.getRenderer()).setDefaultShapesVisible(true);
        }
        return ChartRendering.style(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                subtitle(job, losses));
    }

    private static String subtitle(TrainingJob job, List<EpochLoss> losses) {
        String status = job.status() + ", epoch " + job.epoch() + " of " + job.spec().epochs();
        if (losses.isEmpty()) {
            return status + " · no loss recorded yet";
        }
        EpochLoss last = losses.get(losses.size() - 1);
        String text = status + String.format(Locale.ROOT, " · last training loss %.4g", last.trainingLoss());
        if (last.validationLoss() != null) {
            text += String.format(Locale.ROOT, ", validation loss %.4g", last.validationLoss());
        }
        return text;
    }
}
