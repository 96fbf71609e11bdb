package dev.tsforge.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Architecture;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.training.EpochLoss;
import dev.tsforge.training.JobKind;
import dev.tsforge.training.JobStatus;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.web.ApiProblemException;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Format choice, size bounds and the loss chart drawn without Spring. */
class ChartRenderingTests {

    private static final TsforgeProperties.Charts LIMITS = new TsforgeProperties.Charts(1000, 800);

    @Test
    void acceptPicksTheFormatAndTheExtensionOverridesIt() {
        assertThat(ChartFormat.resolve("/x/chart", null)).isEqualTo(ChartFormat.PNG);
        assertThat(ChartFormat.resolve("/x/chart", "text/html,*/*;q=0.8")).isEqualTo(ChartFormat.PNG);
        // what Chromium sends for an <img>: SVG named outright beats PNG reached by image/*
        assertThat(ChartFormat.resolve("/x/chart", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"))
                .isEqualTo(ChartFormat.SVG);
        assertThat(ChartFormat.resolve("/x/chart", "image/svg+xml;q=0,image/*")).isEqualTo(ChartFormat.PNG);
        assertThat(ChartFormat.resolve("/x/chart.svg", "image/png")).isEqualTo(ChartFormat.SVG);
        assertThat(ChartFormat.resolve("/x/chart.png", null)).isEqualTo(ChartFormat.PNG);
        assertThatThrownBy(() -> ChartFormat.resolve("/x/chart", "text/csv"))
                .isInstanceOfSatisfying(ApiProblemException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(406));
        assertThatThrownBy(() -> ChartFormat.resolve("/x/chart", "not a type"))
                .isInstanceOf(ApiProblemException.class);
    }

    @Test
    void sizesDefaultWithinTheLimitsAndOutOfBoundsNamesTheField() {
        assertThat(ChartSize.of(null, null, LIMITS)).isEqualTo(new ChartSize(900, 450));
        assertThat(ChartSize.of(null, null, new TsforgeProperties.Charts(600, 300))).isEqualTo(new ChartSize(600, 300));
        assertThat(ChartSize.of(1000, 200, LIMITS)).isEqualTo(new ChartSize(1000, 200));
        assertThatThrownBy(() -> ChartSize.of(1001, null, LIMITS))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Invalid value for width: must be between 200 and 1000 "
                            + "pixels (tsforge.charts.max-width), got 1001");
                });
        assertThatThrownBy(() -> ChartSize.of(null, 199, LIMITS)).hasMessageContaining("height");
    }

    private static TrainingJob job(JobStatus status, int epoch) {
        NetworkSpec spec = TestSpecs.small(Architecture.LSTM);
        return new TrainingJob(7, 1, status, spec, epoch, null, null, false, null, null, null, null, null, null,
                null, Instant.EPOCH, null, null, JobKind.TRAINING, null, null, null);
    }

    @Test
    void aJobWithoutEpochsYetDrawsAnEmptyFrameThatSaysSo() throws Exception {
        Chart chart = ChartRendering.encode(LossChart.build("Loss of training job 7", job(JobStatus.QUEUED, 0),
                List.of(), true), ChartFormat.SVG, new ChartSize(600, 300));
        Element svg = ChartImages.svg(chart.bytes());
        assertThat(ChartImages.length(svg, "width")).isEqualTo(600.0);
        assertThat(new String(chart.bytes())).contains("QUEUED, epoch 0 of").contains("no loss recorded yet");
    }

    @Test
    void aLogScaleLossChartLeavesOutLossesItCannotPlace() throws Exception {
        List<EpochLoss> losses = List.of(new EpochLoss(1, 1.0, 1.2, 10), new EpochLoss(2, 0.1, 0.3, 20),
                new EpochLoss(3, 0.0, null, 30), new EpochLoss(4, 0.01, 0.05, 40));
        Chart chart = ChartRendering.encode(LossChart.build("t", job(JobStatus.SUCCEEDED, 4), losses, true),
                ChartFormat.PNG, new ChartSize(400, 300));
        BufferedImage image = ChartImages.png(chart.bytes());
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(ChartImages.count(image, ChartRendering.HISTORY, 0)).isGreaterThan(20);
        assertThat(ChartImages.count(image, ChartRendering.VALIDATION, 0)).isGreaterThan(20);
    }
}
