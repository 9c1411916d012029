package dev.aicompass.bench;

import dev.aicompass.bench.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one run of the bench measured on one device (schema {@value #SCHEMA}): GEMM throughput
 * over the token dimension per precision and shape, memory bandwidth, host and peer transfer
 * bandwidth. Bandwidths count bytes read plus bytes written for kernels and bytes transferred for
 * copies. {@link EfficiencyProfileWriter} and {@link EfficiencyProfileReader} map it to JSON.
 *
 * @param device the measured device
 * @param measuredAt when the measurement finished
 * @param method how it was measured (tool, API, kernels, iterations, timer)
 * @param gemm GEMM series, one per precision, kernel and shape
 * @param memoryBandwidth device memory bandwidth of the streaming kernels
 * @param hostToDeviceBytesPerSecond pinned host-to-device copy bandwidth in bytes/s
 * @param deviceToHostBytesPerSecond pinned device-to-host copy bandwidth in bytes/s
 * @param deviceToDeviceBytesPerSecond peer copy bandwidth between GPU 0 and GPU 1 in bytes/s,
 *     empty with fewer than two GPUs
 * @param notes free text: cuBLAS availability, skipped measurements, caveats
 */
public record EfficiencyProfile(
    Device device,
    Instant measuredAt,
    String method,
    List<GemmSeries> gemm,
    MemoryBandwidth memoryBandwidth,
    double hostToDeviceBytesPerSecond,
    double deviceToHostBytesPerSecond,
    OptionalDouble deviceToDeviceBytesPerSecond,
    String notes) {

  /** The schema identifier written as the {@code "schema"} field. */
  public static final String SCHEMA = "aicompass.efficiency-profile/1";

  /**
   * Creates a profile.
   *
   * @throws IllegalArgumentException if a field is null, the method is blank or a bandwidth is
   *     not a finite number above 0
   */
  public EfficiencyProfile {
    Checks.notNull("device", device);
    Checks.notNull("measuredAt", measuredAt);
    Checks.notBlank("method", method);
    gemm = List.copyOf(Checks.notNull("gemm", gemm));
    Checks.notNull("memoryBandwidth", memoryBandwidth);
    Checks.finitePositive("hostToDevice", hostToDeviceBytesPerSecond);
    Checks.finitePositive("deviceToHost", deviceToHostBytesPerSecond);
    Checks.notNull("deviceToDevice", deviceToDeviceBytesPerSecond);
    deviceToDeviceBytesPerSecond.ifPresent(v -> Checks.finitePositive("deviceToDevice", v));
    notes = Objects.requireNonNullElse(notes, "");
  }

  /**
   * The measured device.
   *
   * @param name the driver's device name, e.g. {@code "NVIDIA H100 80GB HBM3"}
   * @param computeCapability major.minor, e.g. {@code "9.0"}
   * @param multiprocessors number of streaming multiprocessors
   * @param memoryBytes total device memory in bytes
   * @param driver the driver version, e.g. {@code "580.159"} or {@code "CUDA 13.0"}
   * @param catalogId the catalog accelerator id this device matches, or null when unknown
   */
  public record Device(String name, String computeCapability, int multiprocessors,
      long memoryBytes, String driver, String catalogId) {
    /**
     * Creates a device description.
     *
     * @throws IllegalArgumentException if name, computeCapability or driver is blank, or
     *     multiprocessors or memoryBytes is below 1
     */
    public Device {
      Checks.notBlank("device.name", name);
      Checks.notBlank("device.computeCapability", computeCapability);
      Checks.positive("device.multiprocessors", multiprocessors);
      Checks.positive("device.memory", memoryBytes);
      Checks.notBlank("device.driver", driver);
      if (catalogId != null && catalogId.isBlank()) {
        catalogId = null;
      }
    }
  }

  /**
   * Throughput of one GEMM kernel for one precision and weight shape over the token dimension.
   *
   * @param precision input precision
   * @param kernel {@code "aicompass-mma"} (the shipped PTX kernel) or {@code "cublas"}
   * @param n output features
   * @param k input features
   * @param points one point per M, ascending
   */
  public record GemmSeries(Precision precision, String kernel, int n, int k,
      List<GemmPoint> points) {
    /**
     * Creates a series.
     *
     * @throws IllegalArgumentException if precision or kernel is missing, n or k is below 1, or
     *     points is null
     */
    public GemmSeries {
      Checks.notNull("gemm.precision", precision);
      Checks.notBlank("gemm.kernel", kernel);
      Checks.positive("gemm.n", n);
      Checks.positive("gemm.k", k);
      points = List.copyOf(Checks.notNull("gemm.points", points));
    }
  }

  /**
   * One measured GEMM: M tokens through an N x K weight.
   *
   * @param m the token dimension
   * @param flopsPerSecond achieved rate 2·M·N·K / time in FLOP/s
   * @param seconds mean time of one GEMM in seconds
   */
  public record GemmPoint(int m, double flopsPerSecond, double seconds) {
    /**
     * Creates a point.
     *
     * @throws IllegalArgumentException if m is below 1 or a rate or time is not a finite number
     *     above 0
     */
    public GemmPoint {
      Checks.positive("m", m);
      Checks.finitePositive("achieved", flopsPerSecond);
      Checks.finitePositive("time", seconds);
    }
  }

  /**
   * Device memory bandwidth of three streaming kernels, bytes read plus bytes written per second.
   *
   * @param copyBytesPerSecond {@code b = a} in bytes/s
   * @param triadBytesPerSecond {@code a = b + s·c} in bytes/s
   * @param layerNormBytesPerSecond a LayerNorm-style read, row-reduce, write over bf16 rows in
   *     bytes/s
   */
  public record MemoryBandwidth(double copyBytesPerSecond, double triadBytesPerSecond,
      double layerNormBytesPerSecond) {
    /**
     * Creates the bandwidth triple.
     *
     * @throws IllegalArgumentException if a bandwidth is not a finite number above 0
     */
    public MemoryBandwidth {
      Checks.finitePositive("memoryBandwidth.copy", copyBytesPerSecond);
      Checks.finitePositive("memoryBandwidth.triad", triadBytesPerSecond);
      Checks.finitePositive("memoryBandwidth.layerNorm", layerNormBytesPerSecond);
    }
  }
}
