package dev.aicompass.bench;

import dev.aicompass.bench.internal.Quantities;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** Hand-made profiles for tests. */
final class TestProfiles {
  private TestProfiles() {}

  /**
   * The schema example of the issue, with one bf16 series of two points. Memory is the value
   * "79.19 GiB" reads as, so that the example survives a JSON round trip exactly.
   */
  static EfficiencyProfile h100Example() {
    return new EfficiencyProfile(
        new EfficiencyProfile.Device("NVIDIA H100 80GB HBM3", "9.0", 132,
            Quantities.parseBytes("memory", "79.19 GiB"),
            "580.159", "h100-sxm"),
        Instant.parse("2026-11-23T10:00:00Z"),
        "aicompass-bench 0.1.0; JCuda 12.6.0 driver API; PTX kernels (tiled mma.sync); "
            + "20 warm-up + 100 timed iterations; CUDA events",
        List.of(new EfficiencyProfile.GemmSeries(Precision.BF16, "aicompass-mma", 4096, 4096,
            List.of(new EfficiencyProfile.GemmPoint(1, 1.93e12, 0.0174e-3),
                new EfficiencyProfile.GemmPoint(4096, 620e12, 0.2217e-3)))),
        new EfficiencyProfile.MemoryBandwidth(3.01e12, 3.05e12, 2.90e12),
        52.1e9, 51.3e9, OptionalDouble.empty(), "cuBLAS not available (libcublas.so.12 not loadable)");
  }
}
