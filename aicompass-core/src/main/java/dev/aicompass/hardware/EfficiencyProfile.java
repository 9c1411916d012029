package dev.aicompass.hardware;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import dev.aicompass.model.Precision;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.FlopRate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * How much of an accelerator's datasheet peak real kernels reach: GEMM efficiency as a function
 * of the token dimension M and the math precision, memory-bandwidth efficiency (MBU), attention
 * and grouped-expert GEMM efficiency relative to dense GEMMs, and collective efficiency.
 *
 * <p>Without measurements the GEMM curve is the saturating {@code eff(M) = effMax · M / (M + M_half)}
 * with one {@code effMax} for 16-bit (and wider) math and one for 8-bit and narrower math. A profile
 * measured by the bench module replaces the curve with piecewise-linear points (interpolated in
 * log M), see {@link #fromMeasurements(Accelerator, List, Optional)}.
 *
 * <p>The defaults ({@link #defaults(AcceleratorKind)}) were fitted on
 * {@code shared/reference/calibration/latency.csv} on 2025-11-23: 267 TensorRT-LLM v0.17 offline
 * max-throughput rows of Llama-3.1-8B/70B, Mistral-7B and Mixtral-8x7B on A100-SXM-80GB, H100-SXM,
 * H200, GH200 and L40S (FP8, and FP16 on A100; TP 1-8), together with TensorRT-LLM's step overhead
 * (0.4 ms, {@code EngineProfile}). Robust least squares on log(predicted/measured), started in a
 * Python prototype and finished by {@code CalibrationFitTest}'s coordinate search. Residuals of
 * |predicted/measured − 1|: median 4.2 %, 90th percentile 11.4 %, max 23.9 %; measured/predicted
 * 10th-90th percentile ×0.91-×1.07. Only GPUs were measured; the other kinds reuse the GPU
 * constants until measured rows exist.
 */
@Value.Immutable
@ValueStyle
public abstract class EfficiencyProfile {

  /** Fitted GPU constant: peak GEMM efficiency for FP8/INT8/FP4/INT4 math (TensorRT-LLM FP8 GEMMs). */
  public static final double GPU_LOW_BIT_GEMM = 0.56;
  /**
   * Fitted factor on {@link #GPU_LOW_BIT_GEMM} for 4-bit (NVFP4) math, which reaches a smaller share
   * of its datasheet peak than FP8: fitted on B200 Llama rows of newer TensorRT-LLM performance tables
   * (docs/validation/trtllm-extra.csv), see {@code docs/validation/README.md}.
   */
  public static final double FP4_GEMM_FACTOR = 0.55;

  /** Fitted GPU constant: peak GEMM efficiency for 16-bit and wider math. */
  public static final double GPU_WIDE_GEMM = 0.745;
  /** Fitted GPU constant: tokens at which a GEMM reaches half its peak efficiency. */
  public static final double GPU_GEMM_HALF_TOKENS = 122;
  /** Fitted GPU constant: achieved over datasheet memory bandwidth (MBU) of weight and KV streaming. */
  public static final double GPU_MEMORY = 0.74;
  /** Fitted GPU constant: attention-core math efficiency relative to the GEMM peak efficiency. */
  public static final double GPU_ATTENTION = 0.77;
  /** Fitted GPU constant: grouped (MoE expert) GEMM efficiency relative to a dense GEMM of the same M. */
  public static final double GPU_GROUPED_GEMM = 0.80;
  /** Fitted GPU constant: achieved over nominal link bandwidth of ring collectives (NCCL bus bandwidth). */
  public static final double GPU_COLLECTIVE = 0.48;

  /** Returns where the constants come from. */
  @Value.Default
  public String source() {
    return "defaults";
  }

  /** Returns the peak GEMM efficiency (0-1] for math in FP8, INT8, FP4 or INT4. */
  @Value.Default
  public double lowBitGemmEfficiency() {
    return GPU_LOW_BIT_GEMM;
  }

  /**
   * Returns the share (0-1] of {@link #lowBitGemmEfficiency()} that 4-bit math (NVFP4 on Blackwell)
   * reaches; default {@link #FP4_GEMM_FACTOR}. Stored as a factor, so a profile whose low-bit
   * efficiency is changed (AMD's, a measured one) keeps 4-bit math in proportion.
   */
  @Value.Default
  public double fourBitFactor() {
    return FP4_GEMM_FACTOR;
  }

  /** Returns the peak GEMM efficiency (0-1] for 4-bit math: {@link #lowBitGemmEfficiency()} × {@link #fourBitFactor()}. */
  public double fourBitGemmEfficiency() {
    return lowBitGemmEfficiency() * fourBitFactor();
  }

  /** Returns the peak GEMM efficiency (0-1] for math in 16 bits or wider. */
  @Value.Default
  public double wideGemmEfficiency() {
    return GPU_WIDE_GEMM;
  }

  /** Returns M_half, the GEMM token count (rows) at which efficiency is half its peak. */
  @Value.Default
  public double gemmHalfTokens() {
    return GPU_GEMM_HALF_TOKENS;
  }

  /** Returns the memory-bandwidth efficiency (MBU, 0-1]. */
  @Value.Default
  public double memoryEfficiency() {
    return GPU_MEMORY;
  }

  /** Returns the attention-core efficiency relative to the peak GEMM efficiency (0-1]. */
  @Value.Default
  public double attentionEfficiency() {
    return GPU_ATTENTION;
  }

  /** Returns the grouped-GEMM (MoE experts) efficiency relative to a dense GEMM (0-1]. */
  @Value.Default
  public double groupedGemmEfficiency() {
    return GPU_GROUPED_GEMM;
  }

  /** Returns the collective (all-reduce, all-to-all) efficiency relative to the nominal link bandwidth (0-1]. */
  @Value.Default
  public double collectiveEfficiency() {
    return GPU_COLLECTIVE;
  }

  /** Returns measured GEMM efficiency points per math precision, sorted by M; empty for the analytic curve. */
  public abstract Map<Precision, List<GemmPoint>> gemmCurves();

  /**
   * Returns the GEMM efficiency (0-1] at {@code tokens} rows (the M dimension) for math in
   * {@code precision}: the measured curve when there is one for that precision, interpolated
   * linearly in log M and proportional to M below the first point, else the saturating curve.
   */
  public double gemmEfficiency(double tokens, Precision precision) {
    double m = Math.max(1e-9, tokens);
    List<GemmPoint> points = gemmCurves().get(precision);
    if (points == null || points.isEmpty()) {
      return peakGemmEfficiency(precision) * m / (m + gemmHalfTokens());
    }
    GemmPoint first = points.get(0);
    if (m <= first.m()) {
      return first.efficiency() * m / first.m();
    }
    for (int i = 1; i < points.size(); i++) {
      GemmPoint b = points.get(i);
      if (m <= b.m()) {
        GemmPoint a = points.get(i - 1);
        double t = (Math.log(m) - Math.log(a.m())) / (Math.log(b.m()) - Math.log(a.m()));
        return a.efficiency() + t * (b.efficiency() - a.efficiency());
      }
    }
    return points.get(points.size() - 1).efficiency();
  }

  /** Returns the efficiency a large GEMM reaches in {@code precision} (the curve's plateau). */
  public double peakGemmEfficiency(Precision precision) {
    List<GemmPoint> points = gemmCurves().get(precision);
    if (points != null && !points.isEmpty()) {
      double best = 0;
      for (GemmPoint p : points) {
        best = Math.max(best, p.efficiency());
      }
      return best;
    }
    return precision.bits() <= 4 ? fourBitGemmEfficiency() : precision.bits() <= 8 ? lowBitGemmEfficiency()
        : wideGemmEfficiency();
  }

  @Value.Check
  protected void check() {
    Checks.inRange("lowBitGemmEfficiency", lowBitGemmEfficiency(), 1e-3, 1.0);
    Checks.inRange("wideGemmEfficiency", wideGemmEfficiency(), 1e-3, 1.0);
    Checks.inRange("fourBitFactor", fourBitFactor(), 1e-3, 1.0);
    Checks.positive("gemmHalfTokens", gemmHalfTokens());
    Checks.inRange("memoryEfficiency", memoryEfficiency(), 1e-3, 1.0);
    Checks.inRange("attentionEfficiency", attentionEfficiency(), 1e-3, 1.0);
    Checks.inRange("groupedGemmEfficiency", groupedGemmEfficiency(), 1e-3, 1.0);
    Checks.inRange("collectiveEfficiency", collectiveEfficiency(), 1e-3, 1.0);
    for (Map.Entry<Precision, List<GemmPoint>> e : gemmCurves().entrySet()) {
      double last = 0;
      for (GemmPoint p : e.getValue()) {
        if (!(p.m() > last)) {
          throw Checks.invalid("gemmCurves." + e.getKey().id(), p.m(), "list points by strictly increasing M");
        }
        last = p.m();
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link EfficiencyProfile}. */
  public static final class Builder extends ImmutableEfficiencyProfile.Builder {}

  /**
   * Returns the default profile of an accelerator kind. GPUs: the fitted constants above. NPUs,
   * TPUs and the rest: the same constants (no measured rows yet), marked as such in {@link #source()}.
   */
  public static EfficiencyProfile defaults(AcceleratorKind kind) {
    Objects.requireNonNull(kind, "kind");
    return kind == AcceleratorKind.GPU ? GPU : builder().from(GPU).source(
        "GPU constants reused for " + kind.name() + " (no measured rows for this kind)").build();
  }

  private static final EfficiencyProfile GPU = builder()
      .source("fitted on calibration/latency.csv, 267 TensorRT-LLM v0.17 offline rows, 2025-11-23")
      .build();

  /**
   * Fitted factor on the GPU GEMM efficiencies for AMD Instinct GPUs (CDNA): 0.7, fitted on the 24
   * MI300X rows of the ROCm blog (vLLM 0.6.7, Llama-3.1-70B/405B FP8, offline throughput and static
   * batches; docs/validation/latency-extra.csv), where the NVIDIA-fitted constants over-predicted
   * throughput by a median ×1.16. On the 23 MI300X rows of two other sources (amd.com, vLLM 0.9 and
   * 0.11; Oracle) the median error fell from 29 % to 19 %. It agrees with MI300X matrix kernels reaching a
   * smaller share of their datasheet peak than Hopper's; memory-bandwidth efficiency is left as fitted.
   */
  public static final double AMD_GEMM_FACTOR = 0.7;

  private static final EfficiencyProfile AMD_GPU = builder().from(GPU)
      .wideGemmEfficiency(GPU_WIDE_GEMM * AMD_GEMM_FACTOR)
      .lowBitGemmEfficiency(GPU_LOW_BIT_GEMM * AMD_GEMM_FACTOR)
      .source("GPU constants with GEMM efficiency x" + AMD_GEMM_FACTOR + " for AMD Instinct (fitted on 24 MI300X vLLM rows)")
      .build();

  /**
   * Returns the default profile of an accelerator: {@link #defaults(AcceleratorKind)} of its kind,
   * with the GEMM efficiencies scaled by {@link #AMD_GEMM_FACTOR} for AMD GPUs.
   */
  public static EfficiencyProfile defaults(Accelerator accelerator) {
    if (accelerator.kind() == AcceleratorKind.GPU && "AMD".equalsIgnoreCase(accelerator.vendor())) {
      return AMD_GPU;
    }
    return defaults(accelerator.kind());
  }

  /**
   * Returns the profile to use for {@code accelerator}: its own {@link Accelerator#efficiency()}
   * when set (e.g. measured by the bench module), else {@link #defaults(Accelerator)}.
   */
  public static EfficiencyProfile of(Accelerator accelerator) {
    return accelerator.efficiency().orElseGet(() -> defaults(accelerator));
  }

  /**
   * Builds a profile from benchmark measurements, the mapping the bench module's
   * {@code aicompass.efficiency-profile/1} JSON goes through (the JSON itself is parsed by the
   * catalog or bench module; core has no JSON library):
   *
   * <ul>
   *   <li>{@code gemm[].precision}, {@code points[].m}, {@code points[].achieved} → one
   *       {@link GemmMeasurement} per point (with the entry's {@code n} and {@code k});
   *   <li>per precision and M, the best achieved rate over kernels and shapes, divided by
   *       {@code device.peak(precision)}, becomes a {@link GemmPoint} (capped at 1);
   *   <li>{@code memoryBandwidth.copy} (or {@code triad}) divided by the datasheet bandwidth becomes
   *       {@link #memoryEfficiency()} (capped at 1);
   *   <li>the remaining constants (attention, grouped GEMM, collectives, and the analytic curve for
   *       precisions that were not measured) keep the defaults of the device's kind.
   * </ul>
   *
   * @param device the measured device (its datasheet peaks and bandwidth are the denominators)
   * @param gemm the GEMM measurements, any order
   * @param measuredBandwidth the measured streaming bandwidth, if any
   * @throws IllegalArgumentException if a measurement's precision has no peak on {@code device}
   */
  public static EfficiencyProfile fromMeasurements(Accelerator device, List<GemmMeasurement> gemm,
      Optional<Bandwidth> measuredBandwidth) {
    EfficiencyProfile base = defaults(device);
    Map<Precision, TreeMap<Double, Double>> best = new EnumMap<>(Precision.class);
    for (GemmMeasurement g : gemm) {
      FlopRate peak = device.peak(g.precision()).orElseThrow(() -> Checks.invalid("gemm.precision",
          g.precision().id(), "have a peak on " + device.id()));
      double eff = Math.min(1.0, g.achieved().flopsPerSecond() / peak.flopsPerSecond());
      best.computeIfAbsent(g.precision(), p -> new TreeMap<>()).merge((double) g.m(), eff, Math::max);
    }
    Map<Precision, List<GemmPoint>> curves = new EnumMap<>(Precision.class);
    best.forEach((p, points) -> {
      List<GemmPoint> list = new ArrayList<>();
      points.forEach((m, e) -> list.add(GemmPoint.of(m, e)));
      list.sort(Comparator.comparingDouble(GemmPoint::m));
      curves.put(p, Collections.unmodifiableList(list));
    });
    Builder b = builder().from(base).gemmCurves(curves).source("measured on " + device.id());
    measuredBandwidth.ifPresent(bw -> b.memoryEfficiency(
        Math.min(1.0, bw.bytesPerSecond() / device.memoryBandwidth().bytesPerSecond())));
    return b.build();
  }

  /** One point of a measured GEMM efficiency curve: M rows reach {@code efficiency} of the peak. */
  public static final class GemmPoint {
    private final double m;
    private final double efficiency;

    private GemmPoint(double m, double efficiency) {
      this.m = m;
      this.efficiency = efficiency;
    }

    /**
     * Returns a point.
     *
     * @throws IllegalArgumentException if {@code m} is not positive or {@code efficiency} not in (0, 1]
     */
    public static GemmPoint of(double m, double efficiency) {
      Checks.positive("m", m);
      Checks.inRange("efficiency", efficiency, 1e-9, 1.0);
      return new GemmPoint(m, efficiency);
    }

    public double m() {
      return m;
    }

    public double efficiency() {
      return efficiency;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GemmPoint && ((GemmPoint) o).m == m && ((GemmPoint) o).efficiency == efficiency;
    }

    @Override
    public int hashCode() {
      return Double.hashCode(m) * 31 + Double.hashCode(efficiency);
    }

    @Override
    public String toString() {
      return "M=" + m + ": " + efficiency;
    }
  }

  /** One measured GEMM: M×K by K×N in {@code precision} reached {@code achieved}. */
  public static final class GemmMeasurement {
    private final Precision precision;
    private final long m;
    private final long n;
    private final long k;
    private final FlopRate achieved;

    private GemmMeasurement(Precision precision, long m, long n, long k, FlopRate achieved) {
      this.precision = precision;
      this.m = m;
      this.n = n;
      this.k = k;
      this.achieved = achieved;
    }

    /**
     * Returns a measurement.
     *
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public static GemmMeasurement of(Precision precision, long m, long n, long k, FlopRate achieved) {
      Checks.positive("m", m);
      Checks.positive("n", n);
      Checks.positive("k", k);
      return new GemmMeasurement(Objects.requireNonNull(precision, "precision"), m, n, k,
          Objects.requireNonNull(achieved, "achieved"));
    }

    public Precision precision() {
      return precision;
    }

    public long m() {
      return m;
    }

    public long n() {
      return n;
    }

    public long k() {
      return k;
    }

    public FlopRate achieved() {
      return achieved;
    }
  }
}
