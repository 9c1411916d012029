package dev.aicompass.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.model.Precision;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.FlopRate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EfficiencyProfileTest {

  @Test
  void analyticCurveSaturatesAtTheFittedPeak() {
    EfficiencyProfile p = EfficiencyProfile.defaults(AcceleratorKind.GPU);
    assertEquals(EfficiencyProfile.GPU_LOW_BIT_GEMM / 2, p.gemmEfficiency(EfficiencyProfile.GPU_GEMM_HALF_TOKENS, Precision.FP8), 1e-12);
    assertTrue(p.gemmEfficiency(1e6, Precision.BF16) > 0.99 * EfficiencyProfile.GPU_WIDE_GEMM);
    assertTrue(p.gemmEfficiency(8, Precision.BF16) < p.gemmEfficiency(64, Precision.BF16));
  }

  @Test
  void measuredPointsReplaceTheCurveForTheirPrecision() {
    // bench JSON: gemm[{precision bf16, n 4096, k 4096, points [{m 1, achieved "1.93 TFLOPS"}, {m 4096, "700 TFLOPS"}]}],
    // memoryBandwidth.copy "3.01 TB/s"
    Accelerator h100 = Fixtures.h100();
    EfficiencyProfile p = EfficiencyProfile.fromMeasurements(h100, List.of(
        EfficiencyProfile.GemmMeasurement.of(Precision.BF16, 1, 4096, 4096, FlopRate.parse("1.93 TFLOPS")),
        EfficiencyProfile.GemmMeasurement.of(Precision.BF16, 4096, 4096, 4096, FlopRate.parse("700 TFLOPS")),
        EfficiencyProfile.GemmMeasurement.of(Precision.BF16, 4096, 8192, 8192, FlopRate.parse("750 TFLOPS"))),
        Optional.of(Bandwidth.parse("3.01 TB/s")));
    assertEquals(1.93 / 989.4, p.gemmEfficiency(1, Precision.BF16), 1e-9);
    assertEquals(750 / 989.4, p.gemmEfficiency(4096, Precision.BF16), 1e-9); // best kernel/shape per M
    assertEquals(750 / 989.4, p.gemmEfficiency(1e6, Precision.BF16), 1e-9);
    double mid = p.gemmEfficiency(64, Precision.BF16); // log-linear between M=1 and M=4096
    assertEquals(1.93 / 989.4 + 0.5 * (750 / 989.4 - 1.93 / 989.4), mid, 1e-9);
    assertEquals(3.01 / 3.35, p.memoryEfficiency(), 1e-9);
    // precisions that were not measured keep the analytic curve
    assertEquals(EfficiencyProfile.defaults(AcceleratorKind.GPU).gemmEfficiency(256, Precision.FP8),
        p.gemmEfficiency(256, Precision.FP8), 1e-12);
  }

  @Test
  void anAcceleratorsOwnProfileWins() {
    EfficiencyProfile mine = EfficiencyProfile.builder().memoryEfficiency(0.9).source("mine").build();
    assertSame(mine, EfficiencyProfile.of(Accelerator.builder().from(Fixtures.h100()).efficiency(mine).build()));
    assertEquals(EfficiencyProfile.defaults(AcceleratorKind.GPU), EfficiencyProfile.of(Fixtures.h100()));
  }

  @Test
  void amdGpusReachAFittedShareOfTheNvidiaGemmEfficiency() {
    Accelerator amd = Accelerator.builder().from(Fixtures.h100()).id("amd-like").vendor("AMD").build();
    EfficiencyProfile p = EfficiencyProfile.of(amd);
    EfficiencyProfile gpu = EfficiencyProfile.defaults(AcceleratorKind.GPU);
    assertEquals(gpu.wideGemmEfficiency() * EfficiencyProfile.AMD_GEMM_FACTOR, p.wideGemmEfficiency(), 1e-12);
    assertEquals(gpu.lowBitGemmEfficiency() * EfficiencyProfile.AMD_GEMM_FACTOR, p.lowBitGemmEfficiency(), 1e-12);
    assertEquals(gpu.memoryEfficiency(), p.memoryEfficiency(), 1e-12);
    // 4-bit math follows the AMD low-bit efficiency: 0.56 × 0.7 × 0.55 (it once kept NVIDIA's 0.56 × 0.55)
    assertEquals(0.56 * 0.7 * 0.55, p.fourBitGemmEfficiency(), 1e-12);
    assertEquals(0.56 * 0.55, gpu.fourBitGemmEfficiency(), 1e-12);
    assertTrue(p.source().contains("AMD"), p.source());
  }

  @Test
  void rejectsEfficienciesAboveOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EfficiencyProfile.builder().memoryEfficiency(1.2).build());
    assertEquals("memoryEfficiency (1.2) must be between 0.001 and 1", e.getMessage());
  }
}
