package dev.aicompass.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.workload.Workload;
import org.junit.jupiter.api.Test;

/** The engine's prefix-cache hit rate and chunked-prefill switch as the latency model applies them. */
class EngineSchedulingTest {
  private static Deployment llama8b(EngineProfile e) {
    return Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100()).engine(e).build();
  }

  @Test
  void prefixCacheHitsShortenTtftButKeepKvCapacityAndTokensServed() {
    Workload w = Workload.of(4096, 256, 16);
    LatencyEstimate cold = PerformanceEstimator.estimate(llama8b(EngineProfile.vllm()), w);
    LatencyEstimate warm = PerformanceEstimator.estimate(
        llama8b(EngineProfile.builder().from(EngineProfile.vllm()).prefixCacheHitRate(0.75).build()), w);
    // the engine's part of TTFT (beyond the server's fixed request overhead) falls by more than half
    double overhead = EngineProfile.vllm().requestOverhead().seconds();
    assertTrue(warm.ttft().seconds() - overhead < 0.5 * (cold.ttft().seconds() - overhead), warm + " vs " + cold);
    assertEquals(cold.kvCacheTokens(), warm.kvCacheTokens());
    assertEquals(cold.maxBatch(), warm.maxBatch(), 1e-9);
    assertTrue(warm.derivation().toString().contains("computed prompt tokens"));
  }

  @Test
  void aZeroHitRateChangesNothing() {
    Workload w = Workload.of(2048, 256, 32);
    LatencyEstimate a = PerformanceEstimator.estimate(llama8b(EngineProfile.vllm()), w);
    LatencyEstimate b = PerformanceEstimator.estimate(
        llama8b(EngineProfile.builder().from(EngineProfile.vllm()).prefixCacheHitRate(0.0).build()), w);
    assertEquals(a.ttft(), b.ttft());
    assertEquals(a.tpot(), b.tpot());
  }

  @Test
  void withoutChunkedPrefillWholePromptsStallDecodeSteps() {
    // long prompts, short outputs: under load a share of the steps carries a whole 8k prompt
    Workload w = Workload.of(8192, 128, 32);
    EngineProfile unchunked = EngineProfile.builder().from(EngineProfile.vllm()).chunkedPrefill(false)
        .maxNumBatchedTokens(16384).build();
    EngineProfile chunked = EngineProfile.builder().from(unchunked).chunkedPrefill(true).build();
    LatencyEstimate on = PerformanceEstimator.estimate(llama8b(chunked), w);
    LatencyEstimate off = PerformanceEstimator.estimate(llama8b(unchunked), w);
    assertTrue(off.tpot().seconds() > on.tpot().seconds(), off + " vs " + on);
    assertTrue(off.derivation().toString().contains("chunked prefill"));
  }
}
