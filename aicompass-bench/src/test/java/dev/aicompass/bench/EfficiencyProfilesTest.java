package dev.aicompass.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.catalog.Catalog;
import dev.aicompass.hardware.Accelerator;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Maps a synthetic measured profile (made-up rates, not a GPU run) onto core's efficiency model. */
class EfficiencyProfilesTest {

  @Test
  void gemmEfficiencyFollowsTheMeasuredPoints() {
    Accelerator h100 = Catalog.builtIn().requireAccelerator("h100-sxm").accelerator();
    double peak = h100.peak(dev.aicompass.model.Precision.BF16).orElseThrow().flopsPerSecond();
    double bandwidth = h100.memoryBandwidth().bytesPerSecond();
    // Our kernel reaches 1 %, 10 %, 50 % and 60 % of the BF16 peak at M = 1, 16, 256, 4096;
    // cuBLAS reaches 70 % at M = 4096, which should win there.
    EfficiencyProfile measured = new EfficiencyProfile(
        new EfficiencyProfile.Device("NVIDIA H100 80GB HBM3", "9.0", 132, 85_031_714_816L,
            "580.159", "h100-sxm"),
        Instant.parse("2026-11-23T10:00:00Z"), "synthetic",
        List.of(
            new EfficiencyProfile.GemmSeries(Precision.BF16, "aicompass-mma", 4096, 4096, List.of(
                new EfficiencyProfile.GemmPoint(1, 0.01 * peak, 1e-5),
                new EfficiencyProfile.GemmPoint(16, 0.10 * peak, 1e-5),
                new EfficiencyProfile.GemmPoint(256, 0.50 * peak, 1e-5),
                new EfficiencyProfile.GemmPoint(4096, 0.60 * peak, 1e-4))),
            new EfficiencyProfile.GemmSeries(Precision.BF16, "cublas", 4096, 4096, List.of(
                new EfficiencyProfile.GemmPoint(4096, 0.70 * peak, 1e-4)))),
        new EfficiencyProfile.MemoryBandwidth(0.9 * bandwidth, 0.91 * bandwidth, 0.8 * bandwidth),
        52.1e9, 51.3e9, OptionalDouble.empty(), "synthetic");

    dev.aicompass.hardware.EfficiencyProfile core = EfficiencyProfiles.toCore(measured, h100);

    dev.aicompass.model.Precision bf16 = dev.aicompass.model.Precision.BF16;
    assertEquals(0.01, core.gemmEfficiency(1, bf16), 1e-12);
    assertEquals(0.10, core.gemmEfficiency(16, bf16), 1e-12);
    assertEquals(0.50, core.gemmEfficiency(256, bf16), 1e-12);
    assertEquals(0.70, core.gemmEfficiency(4096, bf16), 1e-12, "best kernel at each M");
    // M = 64 lies halfway between 16 and 256 in log M: halfway between 10 % and 50 %.
    assertEquals(0.30, core.gemmEfficiency(64, bf16), 1e-12);
    assertEquals(0.70, core.gemmEfficiency(16384, bf16), 1e-12, "flat beyond the last point");
    assertEquals(0.9, core.memoryEfficiency(), 1e-12, "copy bandwidth over the datasheet's");
    assertTrue(core.source().contains("h100-sxm"), core.source());
    // FP8 was not measured: the analytic default curve stays.
    dev.aicompass.model.Precision fp8 = dev.aicompass.model.Precision.FP8;
    assertEquals(dev.aicompass.hardware.EfficiencyProfile.defaults(h100.kind()).gemmEfficiency(512, fp8),
        core.gemmEfficiency(512, fp8), 1e-12);
  }
}
