package dev.aicompass.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.bench.cuda.Cuda;
import dev.aicompass.bench.cuda.FakeGpu;
import dev.aicompass.bench.cuda.GpuProvider;
import dev.aicompass.bench.cuda.NoCudaDeviceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMainTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(GpuProvider provider, String... args) {
    return BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), provider, CLOCK);
  }

  private List<String> errLines() {
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void withoutADriverMeasureExitsWithThreeAndOneLine(@TempDir Path dir) {
    GpuProvider absent = ordinal -> {
      throw new NoCudaDeviceException(
          "libcuda.so.1 not loadable: cannot open shared object file: No such file or directory");
    };
    int code = run(absent, "measure", "--out", dir.resolve("p.json").toString());
    assertEquals(BenchMain.EXIT_NO_DEVICE, code);
    assertEquals(List.of("aicompass-bench: no CUDA device found (libcuda.so.1 not loadable: "
        + "cannot open shared object file: No such file or directory)"), errLines());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(Files.notExists(dir.resolve("p.json")));
  }

  @Test
  void withTheRealDriverAbsentMeasureExitsWithThreeAndOneLine(@TempDir Path dir) {
    Assumptions.assumeFalse(Cuda.isAvailable(), "a CUDA device is present");
    int code = run(Cuda.provider(), "measure", "--quick", "--out",
        dir.resolve("p.json").toString());
    assertEquals(BenchMain.EXIT_NO_DEVICE, code);
    assertEquals(1, errLines().size(), errLines().toString());
    assertTrue(errLines().get(0).startsWith("aicompass-bench: no CUDA device found ("),
        errLines().get(0));
  }

  @Test
  void measureWritesProfileReportAndCharts(@TempDir Path dir) throws IOException {
    Path profile = dir.resolve("profile.json");
    Path report = dir.resolve("report");
    int code = run(ordinal -> FakeGpu.h100(), "measure", "--quick", "--out", profile.toString(),
        "--report", report.toString(), "--peak-bf16", "989 TFLOPS", "--catalog-id", "h100-sxm");
    assertEquals(BenchMain.EXIT_OK, code, err.toString(StandardCharsets.UTF_8));
    EfficiencyProfile written = EfficiencyProfileReader.read(profile);
    assertEquals("h100-sxm", written.device().catalogId());
    assertEquals(8, written.gemm().size());  // 4 precisions x 2 quick shapes
    assertEquals(List.of(1, 4, 16, 64, 256, 1024, 4096), written.gemm().get(0).points().stream()
        .map(EfficiencyProfile.GemmPoint::m).toList());
    assertTrue(written.method().contains("5 warm-up + 20 timed iterations"), written.method());
    assertTrue(Files.exists(report.resolve("report.txt")));
    for (String precision : List.of("fp16", "bf16", "int8", "fp8")) {
      assertTrue(Files.size(report.resolve("gemm-" + precision + ".png")) > 0, precision);
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("(peak 989 TFLOPS)"));
  }

  @Test
  void explicitIterationsAndShapesOverrideTheDefaults(@TempDir Path dir) throws IOException {
    Path profile = dir.resolve("profile.json");
    int code = run(ordinal -> FakeGpu.h100(), "measure", "--out", profile.toString(),
        "--shapes", "1024x512", "--precisions", "bf16", "--warmup", "3", "--iterations", "7",
        "--m-max", "8");
    assertEquals(BenchMain.EXIT_OK, code, err.toString(StandardCharsets.UTF_8));
    EfficiencyProfile written = EfficiencyProfileReader.read(profile);
    assertEquals(1, written.gemm().size());
    assertEquals(1024, written.gemm().get(0).n());
    assertEquals(4, written.gemm().get(0).points().size());
    assertTrue(written.method().contains("3 warm-up + 7 timed iterations"));
  }

  @Test
  void aFailedResultCheckExitsWithFourAfterWritingTheProfile(@TempDir Path dir) {
    Path profile = dir.resolve("profile.json");
    int code = run(ordinal -> FakeGpu.h100().corrupt(Precision.FP8), "measure", "--quick",
        "--out", profile.toString());
    assertEquals(BenchMain.EXIT_CHECK_FAILED, code);
    assertTrue(Files.exists(profile));
    assertTrue(errLines().get(errLines().size() - 1).contains("result check failed"));
  }

  @Test
  void aBadOptionValueIsAUsageErrorOnOneLine() {
    int code = run(ordinal -> FakeGpu.h100(), "measure", "--peak-bf16", "989 TB");
    assertEquals(BenchMain.EXIT_USAGE, code);
    assertEquals(List.of("aicompass-bench: --peak-bf16 (\"989 TB\") has unit \"TB\"; expected "
        + "one of FLOPS, GFLOPS, TFLOPS or PFLOPS"), errLines());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertEquals(BenchMain.EXIT_USAGE, run(ordinal -> FakeGpu.h100(), "measure", "--fast"));
    assertEquals(BenchMain.EXIT_USAGE, run(ordinal -> FakeGpu.h100()));
  }

  @Test
  void reportRendersASavedProfile(@TempDir Path dir) throws IOException {
    Path profile = dir.resolve("profile.json");
    EfficiencyProfileWriter.write(TestProfiles.h100Example(), profile);
    int code = run(ordinal -> {
      throw new AssertionError("report must not open a GPU");
    }, "report", profile.toString(), "--report", dir.resolve("r").toString());
    assertEquals(BenchMain.EXIT_OK, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("GEMM bf16 aicompass-mma"));
    assertTrue(Files.exists(dir.resolve("r/gemm-bf16.png")));
  }

  @Test
  void compareMemoryPrintsEveryComponentOfTheSyntheticCsv() {
    int code = run(Cuda.provider(), "compare-memory",
        "src/test/resources/dev/aicompass/bench/memory/synthetic_memory_check.csv");
    assertEquals(BenchMain.EXIT_OK, code, err.toString(StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("kv_cache") && text.contains("activation"), text);
  }

  @Test
  void compareMemoryWritesJson() {
    int code = run(Cuda.provider(), "compare-memory", "--json",
        "src/test/resources/dev/aicompass/bench/memory/synthetic_memory_check.csv");
    assertEquals(BenchMain.EXIT_OK, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"medianAbsRelativeError\""));
  }
}
