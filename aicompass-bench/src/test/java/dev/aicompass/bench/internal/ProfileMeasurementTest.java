package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.bench.EfficiencyProfile;
import dev.aicompass.bench.Precision;
import dev.aicompass.bench.cuda.FakeGpu;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileMeasurementTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

  private static ProfileMeasurement.Options options(EnumSet<Precision> precisions) {
    return new ProfileMeasurement.Options(
        List.of(new GemmShape("q/o", 4096, 4096), new GemmShape("down", 4096, 14336)),
        precisions, List.of(1, 64, 4096), 20, 100, 1L << 30, 256L << 20, "h100-sxm", true);
  }

  private static ProfileMeasurement.Outcome run(FakeGpu gpu, EnumSet<Precision> precisions) {
    return ProfileMeasurement.run(gpu, options(precisions), CLOCK,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void measuresEveryPrecisionShapeAndMOnAHopper() {
    ProfileMeasurement.Outcome outcome = run(FakeGpu.h100(), EnumSet.allOf(Precision.class));
    EfficiencyProfile profile = outcome.profile();
    assertEquals(List.of(), outcome.problems());
    assertEquals(8, profile.gemm().size());  // 4 precisions x 2 shapes, no cuBLAS
    profile.gemm().forEach(s -> assertEquals(List.of(1, 64, 4096),
        s.points().stream().map(EfficiencyProfile.GemmPoint::m).toList()));
    assertEquals("NVIDIA H100 80GB HBM3", profile.device().name());
    assertEquals("9.0", profile.device().computeCapability());
    assertEquals("h100-sxm", profile.device().catalogId());
    assertEquals(Instant.parse("2026-11-23T10:00:00Z"), profile.measuredAt());
    assertTrue(profile.notes().startsWith("cuBLAS not available"), profile.notes());
    assertTrue(profile.deviceToDeviceBytesPerSecond().isEmpty());
  }

  @Test
  void achievedRateIsTwoMnkOverTheMeasuredTime() {
    EfficiencyProfile profile = run(FakeGpu.h100(), EnumSet.of(Precision.BF16)).profile();
    EfficiencyProfile.GemmPoint big = profile.gemm().get(0).points().get(2);
    assertEquals(2.0 * 4096 * 4096 * 4096 / big.seconds(), big.flopsPerSecond(), 1);
    // The fake runs large GEMMs at 80 % of its 700 TFLOPS peak.
    assertEquals(560e12, big.flopsPerSecond(), 1e6);
  }

  @Test
  void bandwidthsCountBytesReadPlusWritten() {
    EfficiencyProfile profile = run(FakeGpu.h100(), EnumSet.of(Precision.BF16)).profile();
    // The fake moves bytesMoved(array) in bytesMoved / 3e12 seconds.
    assertEquals(3e12, profile.memoryBandwidth().copyBytesPerSecond(), 1);
    assertEquals(3e12, profile.memoryBandwidth().triadBytesPerSecond(), 1);
    assertEquals(52.1e9, profile.hostToDeviceBytesPerSecond(), 1);
    assertEquals(51.3e9, profile.deviceToHostBytesPerSecond(), 1);
  }

  @Test
  void ampereSkipsFp8WithANoteAndAddsCublasAndPeerCopies() {
    ProfileMeasurement.Outcome outcome =
        run(FakeGpu.twoA100sWithCublas(), EnumSet.allOf(Precision.class));
    EfficiencyProfile profile = outcome.profile();
    assertEquals(List.of(), outcome.problems());
    assertTrue(profile.gemm().stream().noneMatch(s -> s.precision() == Precision.FP8));
    assertEquals(6, profile.gemm().stream().filter(s -> s.kernel().equals("aicompass-mma")).count());
    assertEquals(6, profile.gemm().stream().filter(s -> s.kernel().equals("cublas")).count());
    assertTrue(profile.notes().contains("fp8 skipped: needs compute capability 8.9, device has 8.0"),
        profile.notes());
    assertTrue(profile.method().contains("cuBLAS cublasGemmEx"));
    assertEquals(250e9, profile.deviceToDeviceBytesPerSecond().getAsDouble(), 1);
  }

  @Test
  void aWrongResultIsAProblemAndItsPointIsLeftOut() {
    FakeGpu gpu = FakeGpu.h100().corrupt(Precision.INT8);
    ProfileMeasurement.Outcome outcome =
        run(gpu, EnumSet.of(Precision.INT8, Precision.BF16));
    assertEquals(6, outcome.problems().size());  // 2 shapes x 3 M
    assertTrue(outcome.problems().get(0).startsWith(
        "int8 aicompass-mma 4096x4096 m=1: result check failed: C[0][4095]"),
        outcome.problems().get(0));
    assertTrue(outcome.profile().gemm().stream().allMatch(s -> s.precision() == Precision.BF16));
    assertTrue(outcome.profile().notes().contains("result check failed"));
  }

  @Test
  void everyGemmTimerIsClosed() {
    FakeGpu gpu = FakeGpu.h100();
    run(gpu, EnumSet.allOf(Precision.class));
    gpu.close();
    assertTrue(gpu.closedCleanly());
  }
}
