package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.bench.EfficiencyProfile;
import dev.aicompass.bench.Precision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TextReportTest {

  static EfficiencyProfile profile() {
    return new EfficiencyProfile(
        new EfficiencyProfile.Device("NVIDIA H100 80GB HBM3", "9.0", 132, 85_031_714_816L,
            "580.159", null),
        Instant.parse("2026-11-23T10:00:00Z"), "aicompass-bench 0.1.0; CUDA events",
        List.of(
            new EfficiencyProfile.GemmSeries(Precision.BF16, "aicompass-mma", 4096, 4096,
                List.of(new EfficiencyProfile.GemmPoint(1, 1.93e12, 0.0174e-3),
                    new EfficiencyProfile.GemmPoint(4096, 620e12, 0.2217e-3))),
            new EfficiencyProfile.GemmSeries(Precision.BF16, "aicompass-mma", 28672, 4096,
                List.of(new EfficiencyProfile.GemmPoint(1, 2.2e12, 0.1068e-3)))),
        new EfficiencyProfile.MemoryBandwidth(3.01e12, 3.05e12, 2.90e12),
        52.1e9, 51.3e9, OptionalDouble.empty(),
        "cuBLAS not available (libcublas.so.12 not loadable: no file); 1 GPU visible");
  }

  @Test
  void printsOneTablePerPrecisionWithMRowsAndShapeColumns() {
    String report = TextReport.format(profile(), Map.of(Precision.BF16, 989e12));
    assertEquals("""
        AICompass bench: NVIDIA H100 80GB HBM3 (compute capability 9.0, 132 SMs, 79.19 GiB, driver 580.159)
        measured 2026-11-23T10:00:00Z
        method   aicompass-bench 0.1.0; CUDA events

        GEMM bf16 aicompass-mma: achieved TFLOPS (peak 989 TFLOPS)
        M          4096x4096  28672x4096
        1                1.9         2.2
        4096           620.0           -
        best/peak      62.7%        0.2%

        cuBLAS: not available or not measured (see notes)

        Memory bandwidth (bytes read + written)
          copy              3.01 TB/s
          triad             3.05 TB/s
          layerNorm         2.9 TB/s
        Transfers
          host to device    52.1 GB/s
          device to host    51.3 GB/s
          device to device  not measured

        Notes
          - cuBLAS not available (libcublas.so.12 not loadable: no file)
          - 1 GPU visible
        """, report);
  }

  @Test
  void comparesWithCublasAtTheLargestCommonM() {
    EfficiencyProfile base = profile();
    List<EfficiencyProfile.GemmSeries> gemm = new java.util.ArrayList<>(base.gemm());
    gemm.add(new EfficiencyProfile.GemmSeries(Precision.BF16, "cublas", 4096, 4096,
        List.of(new EfficiencyProfile.GemmPoint(4096, 775e12, 0.1773e-3))));
    EfficiencyProfile withCublas = new EfficiencyProfile(base.device(), base.measuredAt(),
        base.method(), gemm, base.memoryBandwidth(), base.hostToDeviceBytesPerSecond(),
        base.deviceToHostBytesPerSecond(), base.deviceToDeviceBytesPerSecond(), base.notes());
    String report = TextReport.format(withCublas, TextReport.noPeaks());
    // 620 / 775 TFLOPS at M = 4096; the 28672x4096 shape has no cuBLAS series.
    assertTrue(report.contains("vs cuBLAS      0.80x           -\n"), report);
    assertTrue(report.contains("GEMM bf16 cublas: achieved TFLOPS\n"), report);
    assertTrue(!report.contains("cuBLAS: not available"), report);
  }

  @Test
  void leavesOutTheShareOfPeakWhenNoPeakIsGiven() {
    String report = TextReport.format(profile(), TextReport.noPeaks());
    assertTrue(report.contains("GEMM bf16 aicompass-mma: achieved TFLOPS\n"), report);
    assertTrue(!report.contains("best/peak"));
  }
}
