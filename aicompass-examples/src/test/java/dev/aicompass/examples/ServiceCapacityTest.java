package dev.aicompass.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.AICompass;
import dev.aicompass.assertions.CapacityAssert;
import dev.aicompass.assertions.ServingCommandCheck;
import dev.aicompass.check.CheckResult;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.model.Precision;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What a service's own test suite looks like with capacity assertions: the chat service keeps its
 * vLLM launch script in {@code deploy/serve.sh} (here a test resource) and these tests fail the
 * build when a change to the script, the model or the expected load breaks the latency budget.
 */
class ServiceCapacityTest {
  static final Path SCRIPT = Path.of("src/test/resources/deploy/serve.sh");

  /** The annotation checks the script before the test runs and hands the check to it. */
  @Test
  @ServingCommandCheck(file = "deploy/serve.sh", gpu = "h100-sxm", inputLen = 1024, outputLen = 256, concurrency = 32,
      ttftMs = 500, tpotMs = 50)
  void chatServiceMeetsItsLatencyBudget(CheckResult result) {
    // the FP8 KV cache holds every request in flight at full length with room to spare
    assertTrue(result.kvCacheTokens() > 10 * result.kvTokensInFlight(), result.report());
    assertEquals(Precision.FP8, result.deployment().kvCachePrecision());
  }

  /** The fluent API reads the same script; the peak-hour load has a looser TTFT target. */
  @Test
  void peakHourLoadStillMeetsTheTokenRate() {
    CapacityAssert.assertThatServeScript(SCRIPT)
        .on("h100-sxm")
        .serving(1024, 256, 96)
        .meets("2 s", "50 ms");
  }

  /** Half the prompt is a shared system prompt: prefix caching (on in the script) cuts TTFT. */
  @Test
  void prefixCachingPaysForTheSharedSystemPrompt() {
    CheckResult cold = CapacityAssert.assertThatServeScript(SCRIPT).on("h100-sxm").serving(4096, 256, 32).fits();
    CheckResult warm = CapacityAssert.assertThatServeScript(SCRIPT).on("h100-sxm").serving(4096, 256, 32)
        .withPrefixHitRate(0.5).fits();
    assertTrue(warm.estimate().get().ttft().seconds() < cold.estimate().get().ttft().seconds());
  }

  /** A guard against a tempting change: the 70B model does not fit on the service's single GPU. */
  @Test
  void theSeventyBillionModelNeedsMoreThanOneGpu() {
    AssertionError e = assertThrows(AssertionError.class, () -> CapacityAssert
        .assertThatServeCommand("vllm serve meta-llama/Llama-3.1-70B-Instruct --max-model-len 8192")
        .on("h100-sxm")
        .fits());
    // the message is the report plus re-estimated advice, e.g. the layout that would work
    assertTrue(e.getMessage().contains("verdict: FAIL"), e.getMessage());
    assertTrue(e.getMessage().contains("tensor parallel 1 → 2  [--tensor-parallel-size 2]"), e.getMessage());
  }

  /** Deployments built in code are checked the same way, e.g. the planned 70B upgrade on four GPUs. */
  @Test
  void thePlannedUpgradeMeetsTheBudgetOnFourGpus() {
    Deployment upgrade = AICompass.model("llama-3.1-70b").on("h100-sxm").maxModelLen(8192).deployment();
    CapacityAssert.assertThat(upgrade)
        .on("h100-sxm", 4)
        .serving(Workload.of(1024, 256, 32))
        .meets(ServiceLevel.of(TimeSpan.ofMillis(500), TimeSpan.ofMillis(50)));
  }
}
