package dev.aicompass.bench.cuda;

import dev.aicompass.bench.Precision;
import dev.aicompass.bench.internal.GemmMath;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A deterministic stand-in for a GPU: GEMM time is the larger of compute at 80 % of a fixed peak
 * and streaming the weights at 3 TB/s; sampled outputs are exact dot products unless the
 * precision is marked corrupt.
 */
public final class FakeGpu implements Gpu {
  private final DeviceDescription description;
  private final boolean cublas;
  private final Set<Precision> corrupt = EnumSet.noneOf(Precision.class);
  private boolean closed;
  private int openTimers;

  private FakeGpu(DeviceDescription description, boolean cublas) {
    this.description = description;
    this.cublas = cublas;
  }

  /** An H100 SXM (compute capability 9.0, 132 SMs) without cuBLAS. */
  public static FakeGpu h100() {
    return new FakeGpu(new DeviceDescription("NVIDIA H100 80GB HBM3", 9, 0, 132,
        85_031_714_816L, 50L << 20, "580.159", 1), false);
  }

  /** Two A100s (compute capability 8.0, no FP8) with cuBLAS. */
  public static FakeGpu twoA100sWithCublas() {
    return new FakeGpu(new DeviceDescription("NVIDIA A100-SXM4-80GB", 8, 0, 108,
        85_899_345_920L, 40L << 20, "550.54.15", 2), true);
  }

  /** Makes sampled outputs of {@code precision} wrong. */
  public FakeGpu corrupt(Precision precision) {
    corrupt.add(precision);
    return this;
  }

  /** Returns whether close() was called and every GEMM timer was closed. */
  public boolean closedCleanly() {
    return closed && openTimers == 0;
  }

  static double peak(Precision precision) {
    return switch (precision) {
      case FP16, BF16 -> 700e12;
      case INT8, FP8 -> 1400e12;
    };
  }

  @Override
  public DeviceDescription description() {
    return description;
  }

  @Override
  public boolean supports(Precision precision, GemmKernel kernel) {
    boolean capable = description.computeCapability() >= precision.minComputeCapability();
    return kernel == GemmKernel.CUBLAS ? capable && cublas && precision != Precision.FP8 : capable;
  }

  @Override
  public String cublasStatus() {
    return cublas ? "cuBLAS available"
        : "cuBLAS not available (libcublas.so.12 not loadable: fake)";
  }

  @Override
  public GemmTimer gemm(Precision precision, GemmKernel kernel, int maxM, int n, int k) {
    openTimers++;
    double efficiency = kernel == GemmKernel.CUBLAS ? 0.9 : 0.8;
    return new GemmTimer() {
      @Override
      public GemmTiming time(int m, int warmup, int iterations) {
        if (m > maxM) {
          throw new IllegalArgumentException("m (" + m + ") must be between 1 and maxM (" + maxM + ")");
        }
        double compute = GemmMath.flops(m, n, k) / (peak(precision) * efficiency);
        double memory = (double) n * k * precision.bytesPerElement() / 3e12;
        float[] a = new float[k];
        float[] b = new float[k];
        double dot = 0;
        for (int i = 0; i < k; i++) {
          a[i] = (i * 7) % 5 - 2;
          b[i] = (i * 3) % 7 - 3;
          dot += a[i] * b[i];
        }
        double actual = corrupt.contains(precision) ? dot + 1000 : dot;
        List<GemmTiming.Sample> samples = new ArrayList<>();
        samples.add(new GemmTiming.Sample(m - 1, n - 1, a, b, actual));
        return new GemmTiming(Math.max(compute, memory), samples);
      }

      @Override
      public void close() {
        openTimers--;
      }
    };
  }

  @Override
  public double memoryKernelSeconds(MemoryKernel kernel, long arrayBytes, int warmup,
      int iterations) {
    return kernel.bytesMoved(arrayBytes) / 3e12;
  }

  @Override
  public double hostCopySeconds(boolean toDevice, long bytes, int warmup, int iterations) {
    return bytes / (toDevice ? 52.1e9 : 51.3e9);
  }

  @Override
  public OptionalDouble peerCopySeconds(long bytes, int warmup, int iterations) {
    return description.deviceCount() >= 2 ? OptionalDouble.of(bytes / 250e9)
        : OptionalDouble.empty();
  }

  @Override
  public void close() {
    closed = true;
  }
}
