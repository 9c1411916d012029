package dev.aicompass.bench.internal;

import dev.aicompass.bench.EfficiencyProfile;
import dev.aicompass.bench.Precision;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders one PNG per precision: achieved TFLOPS against M (log scale), one line per shape and
 * kernel, and the datasheet peak as a horizontal line when it is known. Runs headless.
 */
public final class GemmChart {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 640;

  private GemmChart() {}

  /**
   * Writes {@code gemm-<precision>.png} into {@code dir} for every precision in the profile.
   *
   * @param peaks datasheet peak rates in FLOP/s per precision
   * @return the files written, in precision order
   * @throws IOException if a file cannot be written
   */
  public static List<Path> render(EfficiencyProfile profile, Map<Precision, Double> peaks,
      Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    Map<Precision, List<EfficiencyProfile.GemmSeries>> byPrecision = new LinkedHashMap<>();
    for (Precision precision : Precision.values()) {
      for (EfficiencyProfile.GemmSeries s : profile.gemm()) {
        if (s.precision() == precision && !s.points().isEmpty()) {
          byPrecision.computeIfAbsent(precision, p -> new ArrayList<>()).add(s);
        }
      }
    }
    List<Path> written = new ArrayList<>();
    for (Map.Entry<Precision, List<EfficiencyProfile.GemmSeries>> entry : byPrecision.entrySet()) {
      XYChart chart = chart(profile, entry.getKey(), entry.getValue(), peaks.get(entry.getKey()));
      Path file = dir.resolve("gemm-" + entry.getKey().id() + ".png");
      if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile())) {
        throw new IOException("no PNG writer available for " + file);
      }
      written.add(file);
    }
    return written;
  }

  static XYChart chart(EfficiencyProfile profile, Precision precision,
      List<EfficiencyProfile.GemmSeries> series, Double peak) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT, "%s GEMM on %s", precision.id(),
            profile.device().name()))
        .xAxisTitle("M (tokens)").yAxisTitle("achieved TFLOPS").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setXAxisDecimalPattern("#");
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    double minM = Double.MAX_VALUE;
    double maxM = 0;
    Set<String> names = new HashSet<>();
    for (EfficiencyProfile.GemmSeries s : series) {
      double[] x = s.points().stream().mapToDouble(EfficiencyProfile.GemmPoint::m).toArray();
      double[] y = s.points().stream().mapToDouble(p -> p.flopsPerSecond() / 1e12).toArray();
      for (double m : x) {
        minM = Math.min(minM, m);
        maxM = Math.max(maxM, m);
      }
      String name = unique(names, s.n() + "x" + s.k()
          + (s.kernel().equals("aicompass-mma") ? "" : " " + s.kernel()));
      XYSeries line = chart.addSeries(name, x, y);
      line.setMarker(SeriesMarkers.CIRCLE);
      if (!s.kernel().equals("aicompass-mma")) {
        line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {6f, 4f}, 0f));
      }
    }
    if (peak != null && maxM > 0) {
      XYSeries line = chart.addSeries(unique(names, "peak " + Quantities.formatFlopRate(peak)),
          new double[] {minM, maxM}, new double[] {peak / 1e12, peak / 1e12});
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(Color.RED);
      line.setLineStyle(new BasicStroke(2f));
    }
    return chart;
  }

  private static String unique(Set<String> names, String name) {
    String candidate = name;
    for (int i = 2; !names.add(candidate); i++) {
      candidate = name + " #" + i;
    }
    return candidate;
  }
}
