package io.bonafide.detection.eval.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;

/**
 * A minimal line chart drawn with java.awt into a PNG: one curve, an optional reference line, one
 * marked point, tick labels on a linear or probit scale. Nothing depends on the clock or on
 * iteration order, so the same input gives the same bytes (given the same JDK and fonts), which
 * keeps committed plots reviewable.
 */
public final class Chart {

    /** An axis: its transform (identity or probit), its range in rate units and labelled ticks. */
    public record Axis(String label, DoubleUnaryOperator transform, double min, double max, List<Double> ticks,
            DoubleUnaryOperator tickLabelValue) {

        double clamp(double v) {
            return Math.max(min, Math.min(max, v));
        }

        double fraction(double v) {
            double lo = transform.applyAsDouble(min);
            double hi = transform.applyAsDouble(max);
            return (transform.applyAsDouble(clamp(v)) - lo) / (hi - lo);
        }
    }

    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private Chart() {
    }

    /**
     * Renders and writes the chart.
     *
     * @param xs curve x values in rate units, ys likewise
     * @param reference whether to draw the line y = x (DET: FRR = FAR; ROC: chance)
     * @param markX the marked point's x, markY its y, markLabel its caption
     */
    public static void write(Path target, int width, int height, String title, Axis x, Axis y,
            double[] xs, double[] ys, boolean reference, double markX, double markY, String markLabel) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int plotW = width - LEFT - RIGHT;
            int plotH = height - TOP - BOTTOM;
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();

            g.setStroke(new BasicStroke(1f));
            for (double tick : x.ticks()) {
                double px = LEFT + x.fraction(tick) * plotW;
                g.setColor(new Color(225, 225, 225));
                g.draw(new Line2D.Double(px, TOP, px, TOP + plotH));
                g.setColor(Color.BLACK);
                String text = format(x.tickLabelValue().applyAsDouble(tick));
                g.drawString(text, (float) (px - fm.stringWidth(text) / 2.0), TOP + plotH + fm.getAscent() + 6);
            }
            for (double tick : y.ticks()) {
                double py = TOP + (1 - y.fraction(tick)) * plotH;
                g.setColor(new Color(225, 225, 225));
                g.draw(new Line2D.Double(LEFT, py, LEFT + plotW, py));
                g.setColor(Color.BLACK);
                String text = format(y.tickLabelValue().applyAsDouble(tick));
                g.drawString(text, LEFT - fm.stringWidth(text) - 6, (float) (py + fm.getAscent() / 2.0 - 1));
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, plotW, plotH);

            var clip = g.getClip();
            g.clipRect(LEFT, TOP, plotW + 1, plotH + 1);
            if (reference) {
                g.setColor(Color.GRAY);
                g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f));
                Path2D.Double diagonal = new Path2D.Double();
                double lo = Math.max(x.min(), y.min());
                double hi = Math.min(x.max(), y.max());
                for (int i = 0; i <= 100; i++) {
                    double v = lo + (hi - lo) * i / 100.0;
                    double px = LEFT + x.fraction(v) * plotW;
                    double py = TOP + (1 - y.fraction(v)) * plotH;
                    if (i == 0) {
                        diagonal.moveTo(px, py);
                    } else {
                        diagonal.lineTo(px, py);
                    }
                }
                g.draw(diagonal);
            }
            g.setColor(new Color(31, 119, 180));
            g.setStroke(new BasicStroke(2f));
            Path2D.Double curve = new Path2D.Double();
            for (int i = 0; i < xs.length; i++) {
                double px = LEFT + x.fraction(xs[i]) * plotW;
                double py = TOP + (1 - y.fraction(ys[i])) * plotH;
                if (i == 0) {
                    curve.moveTo(px, py);
                } else {
                    curve.lineTo(px, py);
                }
            }
            g.draw(curve);
            double mx = LEFT + x.fraction(markX) * plotW;
            double my = TOP + (1 - y.fraction(markY)) * plotH;
            g.setColor(new Color(214, 39, 40));
            g.fill(new Ellipse2D.Double(mx - 5, my - 5, 10, 10));
            g.setClip(clip);
            g.setColor(Color.BLACK);
            float labelX = (float) Math.min(mx + 9, width - RIGHT - fm.stringWidth(markLabel));
            float labelY = (float) Math.max(my - 9, TOP + fm.getAscent());
            g.drawString(markLabel, labelX, labelY);

            g.setFont(font.deriveFont(Font.BOLD, 16f));
            FontMetrics titleMetrics = g.getFontMetrics();
            g.drawString(title, (width - titleMetrics.stringWidth(title)) / 2f, TOP - 18);
            g.setFont(font.deriveFont(14f));
            FontMetrics labelMetrics = g.getFontMetrics();
            g.drawString(x.label(), LEFT + (plotW - labelMetrics.stringWidth(x.label())) / 2f, height - 20);
            Graphics2D rotated = (Graphics2D) g.create();
            try {
                rotated.rotate(-Math.PI / 2);
                rotated.drawString(y.label(), -(TOP + (plotH + labelMetrics.stringWidth(y.label())) / 2f), 24);
            } finally {
                rotated.dispose();
            }
        } finally {
            g.dispose();
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", target.toFile())) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + target, e);
        }
    }

    private static String format(double value) {
        // Tick values are products like 0.1 * 100 whose last bits are noise; three decimals suffice.
        return java.math.BigDecimal.valueOf(Math.round(value * 1000) / 1000.0).stripTrailingZeros().toPlainString();
    }
}
