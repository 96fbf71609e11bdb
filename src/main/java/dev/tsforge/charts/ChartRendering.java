package dev.tsforge.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.svg.SVGGraphics2D;

/** The look shared by every chart, and its encoding as PNG or SVG. */
final class ChartRendering {

    static final Color HISTORY = new Color(31, 119, 180);
    static final Color HOLDOUT = new Color(44, 160, 44);
    static final Color FORECAST = new Color(214, 39, 40);
    static final Color VALIDATION = new Color(255, 127, 14);
    static final Color[] CYCLE = {
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(255, 127, 14), new Color(23, 190, 207),
        new Color(227, 119, 194), new Color(140, 86, 75), new Color(188, 189, 34), new Color(127, 127, 127)};
    private static final Color GRID = new Color(225, 225, 225);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartRendering() {
    }

    /** White background, light grid, a subtitle line under the title when there is something to say. */
    static JFreeChart style(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getTitle().setFont(TITLE);
        if (subtitle != null && !subtitle.isBlank()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE);
            sub.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(sub);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.BOTTOM);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        return chart;
    }

    /** A time axis in UTC, the zone every timestamp of the service is in. */
    static DateAxis utcAxis() {
        DateAxis axis = new DateAxis("time (UTC)");
        axis.setTimeZone(TimeZone.getTimeZone("UTC"));
        return axis;
    }

    /** A UTC date format for axes that show whole days or more. */
    static SimpleDateFormat utcDate() {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format;
    }

    /**
     * Lines without markers, drawn as one path per series: SVG then holds a {@code <path>} per line rather than
     * thousands of {@code <line>} elements, and NaN values break the line (a gap) instead of bridging it.
     */
    static XYLineAndShapeRenderer lines(Paint... paints) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < paints.length; i++) {
            renderer.setSeriesPaint(i, paints[i]);
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        return renderer;
    }

    static LegendItem lineLegend(String label, Paint paint) {
        LegendItem item = new LegendItem(label, null, null, null, new Line2D.Double(-7, 0, 7, 0),
                new BasicStroke(2f), paint);
        item.setLineVisible(true);
        item.setShapeVisible(false);
        return item;
    }

    static LegendItem areaLegend(String label, Paint paint) {
        return new LegendItem(label, null, null, null, new Rectangle2D.Double(-6, -5, 12, 10), paint);
    }

    static Chart encode(JFreeChart chart, ChartFormat format, ChartSize size) {
        return new Chart(format, size, switch (format) {
            case PNG -> png(chart, size);
            case SVG -> svg(chart, size);
        });
    }

    private static byte[] png(JFreeChart chart, ChartSize size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, size.width(), size.height());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static byte[] svg(JFreeChart chart, ChartSize size) {
        SVGGraphics2D g2 = new SVGGraphics2D(size.width(), size.height());
        chart.draw(g2, new Rectangle(0, 0, size.width(), size.height()));
        return g2.getSVGDocument().getBytes(StandardCharsets.UTF_8);
    }
}
