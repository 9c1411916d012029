package dev.aicompass.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class EfficiencyProfileProperties {

  private static EfficiencyProfile profile(int points, double rate, double bandwidth, long memory,
      int precisionIndex, boolean peer) {
    List<EfficiencyProfile.GemmPoint> list = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      int m = 1 << i;
      double seconds = 2.0 * m * 4096 * 4096 / (rate * (i + 1) / points);
      list.add(new EfficiencyProfile.GemmPoint(m, 2.0 * m * 4096 * 4096 / seconds, seconds));
    }
    return new EfficiencyProfile(
        new EfficiencyProfile.Device("GPU", "8.9", 142, memory, "CUDA 12.6", null),
        Instant.ofEpochSecond(1_800_000_000L + points),
        "m", List.of(new EfficiencyProfile.GemmSeries(Precision.values()[precisionIndex],
            "aicompass-mma", 4096, 4096, list)),
        new EfficiencyProfile.MemoryBandwidth(bandwidth, bandwidth * 1.01, bandwidth * 0.97),
        bandwidth / 40, bandwidth / 41, peer ? OptionalDouble.of(bandwidth / 9) : OptionalDouble.empty(),
        "n");
  }

  @Test
  void writingWhatWasReadGivesTheSameJson() {
    qt().forAll(integers().between(1, 15), doubles().between(1e11, 3e15),
            doubles().between(1e10, 1e13), longs().between(1L << 30, 1L << 40))
        .checkAssert((points, rate, bandwidth, memory) -> {
          EfficiencyProfile profile = profile(points, rate, bandwidth, memory, points % 4,
              points % 2 == 0);
          String json = EfficiencyProfileWriter.toJson(profile);
          EfficiencyProfile back = EfficiencyProfileReader.parse(json);
          assertEquals(json, EfficiencyProfileWriter.toJson(back));
          assertEquals(profile.gemm().get(0).precision(), back.gemm().get(0).precision());
          assertEquals(profile.deviceToDeviceBytesPerSecond().isPresent(),
              back.deviceToDeviceBytesPerSecond().isPresent());
        });
  }

  @Test
  void readValuesStayWithinFourSignificantDigits() {
    qt().forAll(integers().between(1, 15), doubles().between(1e11, 3e15),
            doubles().between(1e10, 1e13), longs().between(1L << 30, 1L << 40))
        .checkAssert((points, rate, bandwidth, memory) -> {
          EfficiencyProfile profile = profile(points, rate, bandwidth, memory, 1, true);
          EfficiencyProfile back =
              EfficiencyProfileReader.parse(EfficiencyProfileWriter.toJson(profile));
          for (int i = 0; i < points; i++) {
            EfficiencyProfile.GemmPoint p = profile.gemm().get(0).points().get(i);
            EfficiencyProfile.GemmPoint q = back.gemm().get(0).points().get(i);
            assertEquals(p.m(), q.m());
            assertTrue(Math.abs(p.flopsPerSecond() - q.flopsPerSecond()) <= p.flopsPerSecond() * 5.01e-4);
            assertTrue(Math.abs(p.seconds() - q.seconds()) <= p.seconds() * 5.01e-4);
          }
          assertTrue(Math.abs(profile.memoryBandwidth().copyBytesPerSecond()
              - back.memoryBandwidth().copyBytesPerSecond()) <= bandwidth * 5.01e-4);
          assertTrue(Math.abs(profile.device().memoryBytes() - back.device().memoryBytes())
              <= memory * 5.01e-4);
        });
  }
}
