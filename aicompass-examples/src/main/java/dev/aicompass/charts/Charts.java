package dev.aicompass.charts;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.model.Component;
import dev.aicompass.model.Precision;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.OperatorCost;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.perf.PhaseCost;
import dev.aicompass.plan.DeploymentPlan;
import dev.aicompass.plan.Limit;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopRate;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieChartBuilder;
import org.knowm.xchart.PieSeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.PieStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of AICompass results, built with XChart and written as PNG or SVG without a display.
 *
 * <p>Each factory returns an XChart chart that callers may restyle before saving (in a notebook:
 * {@code BitmapEncoder.getBufferedImage(chart)} or {@link #toBytes}). Loading this class sets
 * {@code java.awt.headless=true} unless the property was already set.
 *
 * <pre>{@code
 * MemoryBreakdown m = AICompass.model("llama-3.1-70b").on("h100-sxm").tensorParallel(4).memory();
 * Charts.saveAll(Charts.memoryBreakdown(m), Path.of("charts"), "memory");   // memory.png, memory.svg
 * }</pre>
 */
public final class Charts {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** An output format of {@link #save}. */
  public enum Format {
    /** A raster image (72 dpi, the chart's width × height in pixels). */
    PNG("png"),
    /** A vector image (SVG 1.1 without DOCTYPE; text drawn as outlines, so it looks the same everywhere). */
    SVG("svg");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    /** Returns the file extension without the dot: {@code png} or {@code svg}. */
    public String extension() {
      return extension;
    }
  }

  /** Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. */
  static final Color BLUE = new Color(0x0072B2);
  static final Color ORANGE = new Color(0xE69F00);
  static final Color GREEN = new Color(0x009E73);
  static final Color VERMILLION = new Color(0xD55E00);
  static final Color PURPLE = new Color(0xCC79A7);
  static final Color SKY = new Color(0x56B4E9);
  static final Color YELLOW = new Color(0xF0E442);
  static final Color GREY = new Color(0xBBBBBB);
  static final Color INK = new Color(0x222222);
  private static final Color[] WEIGHT_SHADES = {
      new Color(0x08306B), BLUE, SKY, new Color(0x9ECAE1), new Color(0x4292C6), new Color(0x2171B5), new Color(0xC6DBEF)};
  private static final String FONT = "SansSerif";
  private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
      new float[] {7f, 5f}, 0f);

  /** The default width of every chart in pixels. */
  public static final int WIDTH = 800;
  /** The default height of every chart in pixels. */
  public static final int HEIGHT = 500;

  private Charts() {}

  /**
   * Returns a pie of one device's memory by component, as the original AICompass tool drew it:
   * weights (split by model component where a component holds at least 2 % of the device), the
   * activation peak, engine overhead (non-torch and CUDA graphs), the KV-cache pool, and the
   * usable memory left free. Slices are labelled with their share; the legend gives GiB.
   *
   * @param memory a breakdown from {@code MemoryEstimator.estimate} or {@code AICompass...memory()}
   */
  public static PieChart memoryBreakdown(MemoryBreakdown memory) {
    Objects.requireNonNull(memory, "memory");
    Deployment d = memory.deployment();
    double usable = memory.usable().toGibibytes();
    double total = memory.total().toGibibytes();
    PieChart chart = new PieChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT, "%s on %s: %.1f of %.1f GiB per device%s",
            d.model().name(), deviceLabel(d), total, usable, memory.fits() ? "" : " (does not fit)"))
        .build();
    PieStyler s = chart.getStyler();
    base(s);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLabelsVisible(true);
    s.setLabelType(PieStyler.LabelType.Percentage);
    s.setLabelsDistance(0.78);
    s.setLabelsFontColorAutomaticEnabled(true);
    s.setLabelsFont(new Font(FONT, Font.BOLD, 12));
    s.setCustomSeriesLabelFunction(series -> {
      double share = series.getValue().doubleValue() / Math.max(usable, total);
      return share < 0.04 ? " " : String.format(Locale.ROOT, "%.0f%%", share * 100);
    });
    s.setSliceBorderWidth(1.0);
    s.setStartAngleInDegrees(90);
    s.setForceAllLabelsVisible(false);
    s.setPlotContentSize(0.88);

    Map<String, Double> weights = new LinkedHashMap<>();
    double other = 0;
    double weightsTotal = memory.weights().toGibibytes();
    double componentsSum = 0;
    List<Map.Entry<Component, ByteSize>> components = new ArrayList<>(memory.weightsByComponent().entrySet());
    components.sort((p, q) -> q.getValue().compareTo(p.getValue()));
    for (Map.Entry<Component, ByteSize> e : components) {
      double gib = e.getValue().toGibibytes();
      componentsSum += gib;
      if (gib >= 0.02 * Math.max(total, usable)) {
        weights.put("weights: " + e.getKey().label(), gib);
      } else {
        other += gib;
      }
    }
    // rotary caches and quantization scales are in weights() but not in any component
    other += Math.max(0, weightsTotal - componentsSum);
    if (weights.isEmpty()) {
      weights.put("weights", weightsTotal);
    } else if (other > 0.0005) {
      weights.put("weights: other", other);
    }
    int shade = 0;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      slice(chart, e.getKey(), e.getValue(), WEIGHT_SHADES[shade++ % WEIGHT_SHADES.length]);
    }
    slice(chart, "activation peak", memory.activation().toGibibytes(), ORANGE);
    slice(chart, "engine overhead", memory.engineOverhead().toGibibytes(), PURPLE);
    slice(chart, "KV-cache pool", memory.kvCachePool().toGibibytes(), GREEN);
    if (usable - total > 0.0005) {
      slice(chart, "free", usable - total, new Color(0xE6E6E6));
    }
    return chart;
  }

  private static void slice(PieChart chart, String name, double gib, Color color) {
    if (gib <= 0) {
      return;
    }
    PieSeries s = chart.addSeries(String.format(Locale.ROOT, "%s  %.2f GiB", name, gib), gib);
    s.setFillColor(color);
  }

  /**
   * Returns time to first token and time per output token (milliseconds, logarithmic axis) against
   * the closed-loop concurrency, with the service level's targets as dashed lines. Each point is a
   * {@link PerformanceEstimator#estimate} of {@code deployment} at {@code base}'s prompt and output
   * lengths with that many requests in flight (an open-loop rate in {@code base} is ignored).
   *
   * @param concurrencies requests in flight, each positive, plotted on a logarithmic axis
   * @throws IllegalArgumentException if {@code concurrencies} is empty or holds a value below 1
   */
  public static XYChart latencyVsConcurrency(Deployment deployment, Workload base, ServiceLevel slo, int[] concurrencies) {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(slo, "slo");
    if (concurrencies == null || concurrencies.length == 0) {
      throw new IllegalArgumentException("concurrencies (" + Arrays.toString(concurrencies) + ") must hold at least one value");
    }
    int[] cs = concurrencies.clone();
    Arrays.sort(cs);
    if (cs[0] < 1) {
      throw new IllegalArgumentException("concurrencies (" + Arrays.toString(concurrencies) + ") must be at least 1");
    }
    List<LatencyEstimate> estimates = new ArrayList<>();
    for (int c : Arrays.stream(cs).distinct().toArray()) {
      estimates.add(PerformanceEstimator.estimate(deployment, closedLoop(base, c)));
    }
    return latencyVsConcurrency(estimates, slo);
  }

  /** Returns {@code base}'s prompt and output lengths (and images, audio) with {@code concurrency} requests in flight. */
  public static Workload closedLoop(Workload base, int concurrency) {
    return Workload.builder().inputTokens(base.inputTokens()).outputTokens(base.outputTokens())
        .imagesPerRequest(base.imagesPerRequest()).audioSecondsPerRequest(base.audioSecondsPerRequest())
        .concurrency(concurrency).build();
  }

  /**
   * Returns the chart of {@link #latencyVsConcurrency(Deployment, Workload, ServiceLevel, int[])} from
   * estimates already made (closed loop, one deployment, ascending concurrency).
   *
   * @throws IllegalArgumentException if {@code estimates} is empty
   */
  public static XYChart latencyVsConcurrency(List<LatencyEstimate> estimates, ServiceLevel slo) {
    Objects.requireNonNull(slo, "slo");
    if (estimates == null || estimates.isEmpty()) {
      throw new IllegalArgumentException("estimates must hold at least one estimate");
    }
    Deployment deployment = estimates.get(0).deployment();
    Workload base = estimates.get(0).workload();
    double[] x = new double[estimates.size()];
    double[] ttft = new double[estimates.size()];
    double[] tpot = new double[estimates.size()];
    for (int i = 0; i < x.length; i++) {
      LatencyEstimate e = estimates.get(i);
      x[i] = e.workload().concurrency();
      ttft[i] = e.ttft().toMillis();
      tpot[i] = e.tpot().toMillis();
    }
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT, "%s on %s: latency, %d in / %d out",
            deployment.model().name(), deviceLabel(deployment), base.inputTokens(), base.outputTokens()))
        .xAxisTitle("requests in flight (closed loop)").yAxisTitle("milliseconds").build();
    AxesChartStyler s = chart.getStyler();
    base(s);
    axes(s);
    s.setXAxisLogarithmic(true);
    s.setYAxisLogarithmic(true);
    s.setXAxisLogarithmicDecadeOnly(false);
    s.setYAxisLogarithmicDecadeOnly(false);
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setXAxisTickLabelsFormattingFunction(Charts::oneTwoFive);
    s.setYAxisTickLabelsFormattingFunction(Charts::oneTwoFive);
    XYSeries a = chart.addSeries("TTFT", x, ttft);
    a.setLineColor(BLUE).setLineWidth(2.2f);
    a.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(BLUE);
    XYSeries b = chart.addSeries("TPOT", x, tpot);
    b.setLineColor(VERMILLION).setLineWidth(2.2f);
    b.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(VERMILLION);
    double top = Math.max(Arrays.stream(ttft).max().getAsDouble(), Arrays.stream(tpot).max().getAsDouble());
    top = Math.max(top, Math.max(slo.ttft().map(t -> t.toMillis()).orElse(0.0), slo.tpot().map(t -> t.toMillis()).orElse(0.0)));
    double bottom = Math.min(Arrays.stream(ttft).min().getAsDouble(), Arrays.stream(tpot).min().getAsDouble());
    s.setYAxisMax(top * 1.6);
    s.setYAxisMin(bottom / 1.4);
    double[] ends = {x[0], x[x.length - 1]};
    slo.ttft().ifPresent(t -> {
      double ms = t.toMillis();
      XYSeries l = chart.addSeries(String.format(Locale.ROOT, "TTFT target %s", t), ends, new double[] {ms, ms});
      l.setLineColor(BLUE).setLineStyle(DASHED);
      l.setMarker(SeriesMarkers.NONE);
    });
    slo.tpot().ifPresent(t -> {
      double ms = t.toMillis();
      XYSeries l = chart.addSeries(String.format(Locale.ROOT, "TPOT target %s", t), ends, new double[] {ms, ms});
      l.setLineColor(VERMILLION).setLineStyle(DASHED);
      l.setMarker(SeriesMarkers.NONE);
    });
    return chart;
  }

  /**
   * Returns, per plan, the devices it uses (bars; green when it meets the service level, grey when
   * not, with what limits it in the label) and, when any plan has a price, the cost of one million
   * output tokens (points on the right axis). Plans appear in the order given.
   *
   * @param plans e.g. {@code Planner.recommend(...).plans()}, best first
   * @throws IllegalArgumentException if {@code plans} is empty
   */
  public static CategoryChart recommendation(List<DeploymentPlan> plans) {
    Objects.requireNonNull(plans, "plans");
    if (plans.isEmpty()) {
      throw new IllegalArgumentException("plans ([]) must hold at least one plan");
    }
    List<String> labels = new ArrayList<>();
    List<Double> meets = new ArrayList<>();
    List<Double> misses = new ArrayList<>();
    List<Double> cost = new ArrayList<>();
    boolean anyCost = false;
    for (DeploymentPlan p : plans) {
      String label = p.gpu() + " " + p.parallelism();
      if (!p.meetsSlo() && !p.limitedBy().isEmpty()) {
        label += " (" + p.limitedBy().stream().map(Limit::id).collect(Collectors.joining(",")) + ")";
      }
      labels.add(unique(labels, label));
      meets.add(p.meetsSlo() ? (double) p.count() : 0.0);
      misses.add(p.meetsSlo() ? 0.0 : (double) p.count());
      Double c = p.costPerMillionOutputTokens().map(m -> m.amount()).orElse(null);
      anyCost |= c != null;
      cost.add(c);
    }
    String model = plans.get(0).deployment().model().name();
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(model + ": devices per accelerator" + (anyCost ? " and cost" : "")).build();
    var s = chart.getStyler();
    base(s);
    axes(s);
    s.setLegendPosition(Styler.LegendPosition.InsideNW);
    s.setOverlapped(true);
    s.setAvailableSpaceFill(0.7);
    s.setLabelsVisible(false);
    s.setXAxisLabelRotation(plans.size() > 6 ? 40 : 0);
    s.setXAxisMaxLabelCount(plans.size());
    s.setYAxisMin(0, 0.0);
    chart.setYAxisGroupTitle(0, "devices");
    s.setYAxisDecimalPattern("#");
    // headroom above the tallest bar for the legend
    double tallest = plans.stream().mapToInt(DeploymentPlan::count).max().getAsInt();
    s.setYAxisMax(0, Math.max(2, Math.ceil(tallest * 1.35)));
    boolean anyMeets = plans.stream().anyMatch(DeploymentPlan::meetsSlo);
    boolean anyMisses = plans.stream().anyMatch(p -> !p.meetsSlo());
    if (anyMeets) {
      CategorySeries ok = chart.addSeries("meets the SLO", labels, meets);
      ok.setFillColor(GREEN);
    }
    if (anyMisses) {
      CategorySeries no = chart.addSeries("misses the SLO", labels, misses);
      no.setFillColor(GREY);
    }
    if (anyCost) {
      s.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
      chart.setYAxisGroupTitle(1, "USD per 1M output tokens");
      s.setYAxisMin(1, 0.0);
      List<Double> costs = new ArrayList<>();
      for (Double c : cost) {
        costs.add(c == null ? Double.NaN : c);
      }
      CategorySeries c = chart.addSeries("cost per 1M output tokens", labels, costs);
      c.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      c.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(VERMILLION);
      c.setYAxisGroup(1);
    }
    return chart;
  }

  /**
   * Returns a log-log roofline of one device: every operator of {@code prefill} and
   * {@code decode} as a point at its arithmetic intensity (FLOPs per byte of device memory) and
   * achieved FLOP/s (FLOPs over its modelled time), under the roofs {@code min(peak, intensity ×
   * memory bandwidth)} of the accelerator's 16-bit peak and, when it differs, its FP8 peak.
   * Operators without FLOPs or bytes (collectives) are left out.
   *
   * @throws IllegalArgumentException if the accelerator has no 16-bit or FP8 peak
   */
  public static XYChart roofline(PhaseCost prefill, PhaseCost decode, Accelerator accelerator) {
    Objects.requireNonNull(prefill, "prefill");
    Objects.requireNonNull(decode, "decode");
    Objects.requireNonNull(accelerator, "accelerator");
    Map<String, FlopRate> roofs = new LinkedHashMap<>();
    accelerator.peak(Precision.BF16).ifPresent(r -> roofs.put(accelerator.effectivePrecision(Precision.BF16).get().id(), r));
    accelerator.peak(Precision.FP8).ifPresent(r -> {
      if (roofs.values().stream().noneMatch(v -> v.equals(r))) {
        roofs.put(accelerator.effectivePrecision(Precision.FP8).get().id(), r);
      }
    });
    if (roofs.isEmpty()) {
      throw new IllegalArgumentException("accelerator " + accelerator.id() + " has no published 16-bit or FP8 peak");
    }
    double bw = accelerator.memoryBandwidth().bytesPerSecond();
    List<double[]> pre = points(prefill);
    List<double[]> dec = points(decode);
    double minI = Double.MAX_VALUE;
    double maxI = 0;
    for (List<double[]> ps : List.of(pre, dec)) {
      for (double[] p : ps) {
        minI = Math.min(minI, p[0]);
        maxI = Math.max(maxI, p[0]);
      }
    }
    double topPeak = roofs.values().stream().mapToDouble(FlopRate::flopsPerSecond).max().getAsDouble();
    double ridge = topPeak / bw;
    if (minI == Double.MAX_VALUE) {
      minI = ridge / 100;
      maxI = ridge * 10;
    }
    double lo = Math.pow(10, Math.floor(Math.log10(Math.min(minI, ridge / 10))));
    double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(maxI, ridge) * 2)));
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT, "Roofline of one %s: operators of a prefill and a decode step", accelerator.id()))
        .xAxisTitle("arithmetic intensity (FLOP per byte of device memory)")
        .yAxisTitle("achieved TFLOP/s").build();
    AxesChartStyler s = chart.getStyler();
    base(s);
    axes(s);
    s.setXAxisLogarithmic(true);
    s.setYAxisLogarithmic(true);
    s.setXAxisLogarithmicDecadeOnly(true);
    s.setYAxisLogarithmicDecadeOnly(true);
    s.setLegendPosition(Styler.LegendPosition.InsideSE);
    s.setXAxisMin(lo);
    s.setXAxisMax(hi);
    s.setXAxisTickLabelsFormattingFunction(Charts::compact);
    s.setYAxisTickLabelsFormattingFunction(Charts::compact);
    Color[] roofColors = {INK, new Color(0x777777)};
    int i = 0;
    double minY = Double.MAX_VALUE;
    for (Map.Entry<String, FlopRate> e : roofs.entrySet()) {
      double peak = e.getValue().flopsPerSecond();
      double r = peak / bw;
      double[] rx = r > lo ? new double[] {lo, r, hi} : new double[] {lo, hi};
      double[] ry = new double[rx.length];
      for (int k = 0; k < rx.length; k++) {
        ry[k] = Math.min(peak, rx[k] * bw) / 1e12;
        minY = Math.min(minY, ry[k]);
      }
      XYSeries roof = chart.addSeries(String.format(Locale.ROOT, "roof %s: %.0f TFLOP/s, %.2f TB/s", e.getKey().toUpperCase(Locale.ROOT),
          peak / 1e12, bw / 1e12), rx, ry);
      roof.setLineColor(roofColors[Math.min(i, 1)]).setLineWidth(2f);
      if (i > 0) {
        roof.setLineStyle(DASHED);
      }
      roof.setMarker(SeriesMarkers.NONE);
      i++;
    }
    addOperators(chart, "prefill operators", pre, BLUE, SeriesMarkers.CIRCLE);
    addOperators(chart, "decode operators", dec, VERMILLION, SeriesMarkers.DIAMOND);
    for (List<double[]> ps : List.of(pre, dec)) {
      for (double[] p : ps) {
        minY = Math.min(minY, p[1] / 1e12);
      }
    }
    double yLo = Math.pow(10, Math.floor(Math.log10(minY)));
    double yHi = Math.pow(10, Math.ceil(Math.log10(topPeak / 1e12 * 1.5)));
    s.setYAxisMin(yLo);
    s.setYAxisMax(yHi);
    new Labeller(chart, lo, hi, yLo, yHi).label(List.of(prefill, decode), List.of(pre, dec));
    return chart;
  }

  /** Returns {intensity, achieved FLOP/s, operator index} for each plottable operator. */
  private static List<double[]> points(PhaseCost phase) {
    List<double[]> out = new ArrayList<>();
    List<OperatorCost> ops = phase.operators();
    for (int k = 0; k < ops.size(); k++) {
      OperatorCost o = ops.get(k);
      double f = o.flops().flops();
      double b = o.bytes().bytes();
      double t = o.time().seconds();
      if (f > 0 && b > 0 && t > 0) {
        out.add(new double[] {f / b, f / t, k});
      }
    }
    return out;
  }

  private static void addOperators(XYChart chart, String name, List<double[]> pts, Color color,
      org.knowm.xchart.style.markers.Marker marker) {
    if (pts.isEmpty()) {
      return;
    }
    double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = pts.stream().mapToDouble(p -> p[1] / 1e12).toArray();
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(marker).setMarkerColor(color);
  }

  /**
   * Places operator names next to their points without overprinting: points closer than 24 px
   * share one label; each label takes the first free spot above, below, right or left of its point
   * (positions estimated from the axis ranges and the default plot margins).
   */
  private static final class Labeller {
    private static final double CHAR_PX = 5.6;
    private static final double LINE_PX = 12;
    private final XYChart chart;
    private final double x0;
    private final double xSpan;
    private final double y0;
    private final double ySpan;
    private final double plotW = WIDTH - 110.0;
    private final double plotH = HEIGHT - 130.0;
    private final List<double[]> taken = new ArrayList<>();

    Labeller(XYChart chart, double xLo, double xHi, double yLo, double yHi) {
      this.chart = chart;
      this.x0 = Math.log10(xLo);
      this.xSpan = Math.log10(xHi) - x0;
      this.y0 = Math.log10(yLo);
      this.ySpan = Math.log10(yHi) - y0;
    }

    double px(double x) {
      return (Math.log10(x) - x0) / xSpan * plotW;
    }

    double py(double yTflops) {
      return (Math.log10(yTflops) - y0) / ySpan * plotH;
    }

    void label(List<PhaseCost> phases, List<List<double[]>> points) {
      List<double[]> anchors = new ArrayList<>();
      List<StringBuilder> names = new ArrayList<>();
      for (int ph = 0; ph < phases.size(); ph++) {
        for (double[] p : points.get(ph)) {
          double x = px(p[0]);
          double y = py(p[1] / 1e12);
          taken.add(new double[] {x - 6, y - 6, x + 6, y + 6});
          String name = phases.get(ph).operators().get((int) p[2]).name();
          int hit = -1;
          for (int k = 0; k < anchors.size(); k++) {
            double[] a = anchors.get(k);
            if (a[3] == ph && Math.hypot(a[0] - x, a[1] - y) < 24) {
              hit = k;
              break;
            }
          }
          if (hit < 0) {
            anchors.add(new double[] {x, y, p[0], ph, p[1] / 1e12});
            names.add(new StringBuilder(name));
          } else {
            names.get(hit).append(", ").append(name);
          }
        }
      }
      for (int k = 0; k < anchors.size(); k++) {
        place(anchors.get(k), names.get(k).toString());
      }
    }

    private void place(double[] a, String text) {
      double w = text.length() * CHAR_PX;
      double h = LINE_PX;
      // centre offsets in pixels (x right, y up): above, below, right, left, further above, further below
      double[][] spots = {{0, 14}, {0, -14}, {w / 2 + 9, 0}, {-w / 2 - 9, 0}, {0, 28}, {0, -28}};
      double[] chosen = spots[0];
      for (double[] sp : spots) {
        double cx = a[0] + sp[0];
        double cy = a[1] + sp[1];
        double[] box = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
        if (box[0] >= 0 && box[2] <= plotW && box[1] >= 0 && box[3] <= plotH && free(box)) {
          chosen = sp;
          break;
        }
      }
      double cx = a[0] + chosen[0];
      double cy = a[1] + chosen[1];
      taken.add(new double[] {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2});
      double dataX = Math.pow(10, x0 + cx / plotW * xSpan);
      double dataY = Math.pow(10, y0 + cy / plotH * ySpan);
      chart.addAnnotation(new AnnotationText(text, dataX, dataY, false));
    }

    private boolean free(double[] b) {
      for (double[] t : taken) {
        if (b[0] < t[2] && t[0] < b[2] && b[1] < t[3] && t[1] < b[3]) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Writes {@code chart} to {@code file} in {@code format}, replacing it; the file appears only
   * once complete (written beside it, then moved).
   *
   * @return {@code file}
   * @throws IOException if the file cannot be written
   */
  public static Path save(Chart<?, ?> chart, Path file, Format format) throws IOException {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    byte[] bytes = toBytes(chart, format);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      readableByAll(tmp);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }

  /** Gives a temporary file (created owner-only) the usual rw-r--r-- before it is moved into place. */
  private static void readableByAll(Path file) {
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: keep the default
    }
  }

  /**
   * Writes {@code chart} as {@code directory/baseName.png} and {@code directory/baseName.svg},
   * creating the directory if needed.
   *
   * @return the two files, PNG first
   * @throws IOException if a file cannot be written
   */
  public static List<Path> saveAll(Chart<?, ?> chart, Path directory, String baseName) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Format f : Format.values()) {
      out.add(save(chart, directory.resolve(baseName + "." + f.extension()), f));
    }
    return out;
  }

  /**
   * Returns {@code chart} encoded in {@code format}: PNG bytes, or an SVG document in UTF-8.
   *
   * @throws IOException if the encoder fails
   */
  public static byte[] toBytes(Chart<?, ?> chart, Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    write(chart, out, format);
    return out.toByteArray();
  }

  /** Returns {@code chart} as an SVG document. */
  public static String toSvg(Chart<?, ?> chart) throws IOException {
    return new String(toBytes(chart, Format.SVG), StandardCharsets.UTF_8);
  }

  private static void write(Chart<?, ?> chart, OutputStream out, Format format) throws IOException {
    if (format == Format.PNG) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    } else {
      ByteArrayOutputStream svg = new ByteArrayOutputStream(64 * 1024);
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      out.write(withoutDoctype(svg.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Drops the DOCTYPE (an external DTD reference) so the SVG parses and embeds without fetching anything. */
  static String withoutDoctype(String svg) {
    return svg.replaceFirst("<!DOCTYPE[^>]*>\\s*", "");
  }

  static String deviceLabel(Deployment d) {
    int n = d.parallelism().devices();
    return (n == 1 ? "1 × " : n + " × ") + d.accelerator().id() + " (" + d.parallelism() + ")";
  }

  private static String unique(List<String> existing, String label) {
    String l = label;
    for (int k = 2; existing.contains(l); k++) {
      l = label + " #" + k;
    }
    return l;
  }

  /** Labels only ticks whose leading digit is 1, 2 or 5, so a logarithmic axis stays legible. */
  private static String oneTwoFive(double v) {
    double mantissa = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    long m = Math.round(mantissa);
    if (Math.abs(mantissa - m) > 1e-6 || (m != 1 && m != 2 && m != 5)) {
      return " ";
    }
    return compact(v);
  }

  private static String compact(double v) {
    if (v >= 1 && v < 1e4) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 0.01 && v < 1) {
      return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }
    return String.format(Locale.ROOT, "%.0e", v).replace("e+0", "e").replace("e-0", "e-");
  }

  private static void base(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setChartFontColor(INK);
    s.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
    s.setChartTitleBoxVisible(false);
    s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
    s.setLegendBorderColor(new Color(0xDDDDDD));
    s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
    s.setBaseFont(new Font(FONT, Font.PLAIN, 12));
    s.setAnnotationTextFont(new Font(FONT, Font.PLAIN, 10));
    s.setAnnotationTextFontColor(new Color(0x555555));
    s.setChartPadding(12);
    s.setAntiAlias(true);
    s.setTextAntiAlias(true);
    s.setLocale(Locale.ROOT);
  }

  private static void axes(AxesChartStyler s) {
    s.setPlotGridLinesColor(new Color(0xE5E5E5));
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
    s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 11));
    s.setMarkerSize(9);
  }
}
