package dev.aicompass.assertions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.AICompass;
import dev.aicompass.check.CheckResult;
import dev.aicompass.check.Shortfall;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityAssertTest {
  static final String LLAMA = "vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192 --gpu-memory-utilization 0.95";

  @Test
  void aServeCommandThatMeetsItsTargetsReturnsTheCheck() {
    CheckResult r = CapacityAssert.assertThatServeCommand(LLAMA).on("h100-sxm").serving(1024, 256, 16).meets("500 ms", "50 ms");
    assertTrue(r.passes());
    assertEquals("llama-3.1-8b", r.deployment().model().name());
  }

  @Test
  void aMissedTargetFailsWithTheReportTheBandTheLimitAndAdvice() {
    AssertionError e = assertThrows(AssertionError.class, () -> CapacityAssert.assertThatServeCommand(LLAMA)
        .on("h100-sxm").serving(2048, 256, 256).meets("300 ms", "25 ms"));
    String m = e.getMessage();
    System.out.println(m);
    assertTrue(m.startsWith("expected llama-3.1-8b on h100-sxm × 1 (TP1) to meet TTFT ≤ 300 ms, TPOT ≤ 25 ms serving "
        + "2048 in / 256 out at concurrency 256, but it does not\n"), m);
    assertTrue(m.contains("serving command: vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192"), m);
    assertTrue(m.contains("(band "), m);
    assertTrue(m.contains("limited by prefill compute"), m);
    assertTrue(m.contains("what would change it (each re-estimated):\n  1. "), m);
    assertTrue(m.contains("--data-parallel-size"), m);
  }

  @Test
  void onWithDevicesMakesAOneDeviceDeploymentTensorParallel() {
    Deployment d = AICompass.model("llama-3.1-70b").on("h100-sxm").maxModelLen(8192).deployment();
    CheckResult r = CapacityAssert.assertThat(d).on("h100-sxm", 4).serving(Workload.of(2048, 512, 32))
        .meets(ServiceLevel.of(TimeSpan.ofMillis(1000), TimeSpan.ofMillis(60)));
    assertEquals(4, r.deployment().parallelism().tp());
    assertThrows(AssertionError.class, () -> CapacityAssert.assertThat(d).on("h100-sxm").fits());
  }

  @Test
  void devicesThatContradictTheCommandAreABadTest() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CapacityAssert.assertThatServeCommand(LLAMA + " -tp 2").on("h100-sxm", 4).fits());
    assertEquals("on(h100-sxm, 4) contradicts the command's TP2 = 2 devices", e.getMessage());
  }

  @Test
  void fitsAndKvCapacity() {
    // calibration/memory.csv M024: vLLM 0.19 logged 476,016 tokens; the estimate is within 0.1 %
    CheckResult r = CapacityAssert.assertThatServeCommand(LLAMA).on("h100-sxm").hasKvCapacityOfAtLeast(470_000);
    assertEquals(476_000, r.kvCacheTokens(), 500);
    AssertionError e = assertThrows(AssertionError.class,
        () -> CapacityAssert.assertThatServeCommand(LLAMA).on("h100-sxm").withoutAdvice().hasKvCapacityOfAtLeast(1_000_000));
    assertTrue(e.getMessage().startsWith("expected llama-3.1-8b on h100-sxm × 1 (TP1) to hold at least 1000000 KV tokens,"),
        e.getMessage());
  }

  @Test
  void aContextTooShortForTheWorkloadDoesNotFit() {
    AssertionError e = assertThrows(AssertionError.class, () -> CapacityAssert.assertThatServeCommand(
        "vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 2048").on("h100-sxm").serving(2048, 512, 1).fits());
    assertTrue(e.getMessage().contains("a request of 2560 tokens (prompt + output) exceeds max-model-len 2048"), e.getMessage());
    assertTrue(e.getMessage().contains("max-model-len 2048 → 3072"), e.getMessage());
  }

  @Test
  void checkReturnsWithoutAsserting() {
    CheckResult r = CapacityAssert.assertThatModel("llama-3.1-70b").on("h100-sxm").check(ServiceLevel.none());
    assertEquals(List.of(Shortfall.MEMORY), r.shortfalls());
  }
}
