package dev.aicompass.bench.internal;

import dev.aicompass.bench.EfficiencyProfile;
import dev.aicompass.bench.Precision;
import dev.aicompass.bench.cuda.CudaFailure;
import dev.aicompass.bench.cuda.DeviceDescription;
import dev.aicompass.bench.cuda.GemmKernel;
import dev.aicompass.bench.cuda.GemmTiming;
import dev.aicompass.bench.cuda.Gpu;
import dev.aicompass.bench.cuda.MemoryKernel;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Runs every measurement of a profile on a {@link Gpu} and assembles the
 * {@link EfficiencyProfile}; CPU-side, so it is tested with a fake device.
 */
public final class ProfileMeasurement {
  /** The bench version written into the profile's method. */
  public static final String VERSION = "0.1.0";
  /** JCuda version the bench is built against. */
  public static final String JCUDA_VERSION = "12.6.0";

  private ProfileMeasurement() {}

  /**
   * What to measure.
   *
   * @param shapes weight shapes N x K to sweep
   * @param precisions precisions to try (those the device lacks are skipped with a note)
   * @param mValues token dimensions, ascending
   * @param warmup untimed operations before each timing
   * @param iterations timed operations per timing
   * @param memoryArrayBytes bytes per array of the streaming kernels (capped at 1/8 of device
   *     memory)
   * @param copyBytes bytes per host and peer copy
   * @param catalogId catalog accelerator id to record, or null
   * @param cublas whether to also time cuBLAS where it loads
   */
  public record Options(List<GemmShape> shapes, Set<Precision> precisions, List<Integer> mValues,
      int warmup, int iterations, long memoryArrayBytes, long copyBytes, String catalogId,
      boolean cublas) {
    /**
     * Creates options.
     *
     * @throws IllegalArgumentException if a list is empty, warmup is negative, iterations or a
     *     size is below 1, or memoryArrayBytes is not a multiple of
     *     {@link MemoryKernel#GRANULE_BYTES}
     */
    public Options {
      shapes = List.copyOf(shapes);
      if (shapes.isEmpty()) {
        throw new IllegalArgumentException("shapes (empty) must name at least one shape");
      }
      if (precisions.isEmpty()) {
        throw new IllegalArgumentException("precisions (empty) must name at least one precision");
      }
      precisions = Collections.unmodifiableSet(EnumSet.copyOf(precisions));
      mValues = List.copyOf(mValues);
      if (mValues.isEmpty()) {
        throw new IllegalArgumentException("mValues (empty) must hold at least one M");
      }
      mValues.forEach(m -> Checks.positive("m", m));
      Checks.nonNegative("warmup", warmup);
      Checks.positive("iterations", iterations);
      Checks.positive("memoryArrayBytes", memoryArrayBytes);
      Checks.multipleOf("memoryArrayBytes", memoryArrayBytes, MemoryKernel.GRANULE_BYTES);
      Checks.positive("copyBytes", copyBytes);
    }
  }

  /**
   * The profile and what went wrong on the way.
   *
   * @param profile the assembled profile (series that failed are left out)
   * @param problems result-check failures and skipped series, one line each
   */
  public record Outcome(EfficiencyProfile profile, List<String> problems) {
    /** Creates an outcome. */
    public Outcome {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Measures everything in {@code options} and returns the profile.
   *
   * @param progress receives one line per measurement as it completes
   * @throws CudaFailure if a memory or copy measurement fails (GEMM failures become problems)
   */
  public static Outcome run(Gpu gpu, Options options, Clock clock, PrintStream progress) {
    DeviceDescription d = gpu.description();
    List<String> notes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<EfficiencyProfile.GemmSeries> series = new ArrayList<>();
    int maxM = options.mValues().stream().mapToInt(Integer::intValue).max().orElseThrow();

    for (Precision precision : options.precisions()) {
      for (GemmKernel kernel : GemmKernel.values()) {
        if (kernel == GemmKernel.CUBLAS && !options.cublas()) {
          continue;
        }
        if (!gpu.supports(precision, kernel)) {
          if (kernel == GemmKernel.AICOMPASS_MMA) {
            notes.add(String.format(Locale.ROOT,
                "%s skipped: needs compute capability %d.%d, device has %s", precision.id(),
                precision.minComputeCapability() / 10, precision.minComputeCapability() % 10,
                d.computeCapabilityText()));
          }
          continue;
        }
        for (GemmShape shape : options.shapes()) {
          measureSeries(gpu, options, precision, kernel, shape, maxM, progress, problems)
              .ifPresent(series::add);
        }
      }
    }

    long arrayBytes = Math.min(options.memoryArrayBytes(),
        Math.max(MemoryKernel.GRANULE_BYTES,
            d.memoryBytes() / 8 / MemoryKernel.GRANULE_BYTES * MemoryKernel.GRANULE_BYTES));
    double copy = memory(gpu, MemoryKernel.COPY, arrayBytes, options, progress);
    double triad = memory(gpu, MemoryKernel.TRIAD, arrayBytes, options, progress);
    double layerNorm = memory(gpu, MemoryKernel.LAYER_NORM, arrayBytes, options, progress);
    double h2d = options.copyBytes()
        / gpu.hostCopySeconds(true, options.copyBytes(), options.warmup(), options.iterations());
    progress.println("host to device: " + Quantities.formatBandwidth(h2d));
    double d2h = options.copyBytes()
        / gpu.hostCopySeconds(false, options.copyBytes(), options.warmup(), options.iterations());
    progress.println("device to host: " + Quantities.formatBandwidth(d2h));
    OptionalDouble peerSeconds =
        gpu.peerCopySeconds(options.copyBytes(), options.warmup(), options.iterations());
    OptionalDouble d2d = peerSeconds.isPresent()
        ? OptionalDouble.of(options.copyBytes() / peerSeconds.getAsDouble())
        : OptionalDouble.empty();
    if (d2d.isPresent()) {
      progress.println("device 0 to device 1: " + Quantities.formatBandwidth(d2d.getAsDouble()));
    } else {
      notes.add("deviceToDevice not measured: " + d.deviceCount() + " GPU visible");
    }

    notes.add(0, options.cublas() ? gpu.cublasStatus() : "cuBLAS not measured (--no-cublas)");
    notes.add(String.format(Locale.ROOT,
        "GEMM C[MxN] = A[MxK]·B[NxK]^T, achieved = 2·M·N·K / time (int8: integer operations); "
            + "weights rotated over enough copies to cover 3x L2 so they stream from memory; "
            + "outputs sampled and checked against a host reference"));
    notes.add(String.format(Locale.ROOT,
        "bandwidth = bytes read + bytes written (copy 2x, triad 3x, layerNorm 2x %s per array); "
            + "host copies pinned, %s each", Quantities.formatBytes(arrayBytes),
        Quantities.formatBytes(options.copyBytes())));
    if (options.precisions().contains(Precision.FP8) && d.computeCapability() >= 90) {
      notes.add("fp8 uses mma.sync, which Hopper and newer run below their FP8 peak (that needs "
          + "wgmma/tcgen05); treat fp8 points as a lower bound");
    }
    notes.addAll(problems);

    String method = String.format(Locale.ROOT,
        "aicompass-bench %s; JCuda %s driver API; PTX kernels (tiled mma.sync)%s; %d warm-up + %d "
            + "timed iterations; CUDA events", VERSION, JCUDA_VERSION,
        series.stream().anyMatch(s -> s.kernel().equals(GemmKernel.CUBLAS.id()))
            ? " and cuBLAS cublasGemmEx" : "",
        options.warmup(), options.iterations());
    EfficiencyProfile.Device device = new EfficiencyProfile.Device(d.name(),
        d.computeCapabilityText(), d.multiprocessors(), d.memoryBytes(), d.driverVersion(),
        options.catalogId());
    EfficiencyProfile profile = new EfficiencyProfile(device, clock.instant(), method, series,
        new EfficiencyProfile.MemoryBandwidth(copy, triad, layerNorm), h2d, d2h, d2d,
        String.join("; ", notes));
    return new Outcome(profile, problems);
  }

  private static Optional<EfficiencyProfile.GemmSeries> measureSeries(Gpu gpu, Options options,
      Precision precision, GemmKernel kernel, GemmShape shape, int maxM, PrintStream progress,
      List<String> problems) {
    String label = String.format(Locale.ROOT, "%s %s %dx%d", precision.id(), kernel.id(),
        shape.n(), shape.k());
    List<EfficiencyProfile.GemmPoint> points = new ArrayList<>();
    try (Gpu.GemmTimer timer = gpu.gemm(precision, kernel, maxM, shape.n(), shape.k())) {
      for (int m : options.mValues()) {
        GemmTiming timing = timer.time(m, options.warmup(), options.iterations());
        Optional<String> mismatch = ResultCheck.verify(precision, timing.samples());
        if (mismatch.isPresent()) {
          problems.add(label + " m=" + m + ": result check failed: " + mismatch.get());
          progress.println(label + " m=" + m + ": RESULT CHECK FAILED: " + mismatch.get());
          continue;
        }
        double rate = GemmMath.flopsPerSecond(m, shape.n(), shape.k(), timing.seconds());
        points.add(new EfficiencyProfile.GemmPoint(m, rate, timing.seconds()));
        progress.println(String.format(Locale.ROOT, "%s m=%d: %s (%s)", label, m,
            Quantities.formatFlopRate(rate), Quantities.formatTime(timing.seconds())));
      }
    } catch (IllegalArgumentException | CudaFailure e) {
      problems.add(label + ": skipped: " + e.getMessage());
      progress.println(label + ": skipped: " + e.getMessage());
    }
    return points.isEmpty()
        ? Optional.empty()
        : Optional.of(new EfficiencyProfile.GemmSeries(precision, kernel.id(), shape.n(),
            shape.k(), points));
  }

  private static double memory(Gpu gpu, MemoryKernel kernel, long arrayBytes, Options options,
      PrintStream progress) {
    double seconds = gpu.memoryKernelSeconds(kernel, arrayBytes, options.warmup(),
        options.iterations());
    double bandwidth = kernel.bytesMoved(arrayBytes) / seconds;
    progress.println(kernel.id() + ": " + Quantities.formatBandwidth(bandwidth));
    return bandwidth;
  }
}
