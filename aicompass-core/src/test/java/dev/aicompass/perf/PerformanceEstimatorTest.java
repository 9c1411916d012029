package dev.aicompass.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.AICompass;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.workload.Workload;
import org.junit.jupiter.api.Test;

class PerformanceEstimatorTest {
  private static Deployment llama8b() {
    return Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100()).build();
  }

  @Test
  void singleRequestTpotIsWeightStreamingPlusStepOverhead() {
    LatencyEstimate e = PerformanceEstimator.estimate(llama8b(), Workload.of(512, 128, 1));
    // 15.0 GB of BF16 weights streamed (the 0.5B-parameter embedding is only gathered) at 3.35 TB/s × MBU 0.74
    // ≈ 6.05 ms, plus vLLM's (V1) 1.5 ms step overhead
    assertEquals(7.6, e.tpot().toMillis(), 0.2);
    assertEquals(Bound.MEMORY, e.decodeBound());
    // one client that waits the server's 45 ms request overhead before each request's prefill: the engine
    // decodes one sequence most of the time
    assertEquals(1.0, e.decodeBatch(), 0.1);
    System.out.println(e + "\n" + e.derivation());
  }

  @Test
  void weightsInAPrecisionTheDeviceCannotComputeRunAtThePeakOfTheOneItFallsBackTo() {
    // the A100 has no FP8 units: FP8 weights are multiplied in BF16, at the BF16 peak (not its INT8 one, twice as high)
    Deployment bf16 = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(dev.aicompass.testing.PerfFixtures.a100Sxm80()).build();
    Deployment fp8 = Deployment.builder().from(bf16).weightPrecision(dev.aicompass.model.Precision.FP8).build();
    double compute16 = PhaseCost.prefill(bf16, 4096, 1).time().seconds();
    double compute8 = PhaseCost.prefill(fp8, 4096, 1).time().seconds();
    assertEquals(compute16, compute8, 0.1 * compute16, fp8.computePrecision() + ": " + compute8 + " s vs " + compute16 + " s");
  }

  @Test
  void dataParallelReplicasMultiplyMaxThroughput() {
    Workload w = Workload.of(1024, 1024, 1);
    LatencyEstimate one = PerformanceEstimator.maxThroughput(llama8b(), w);
    LatencyEstimate four = PerformanceEstimator.maxThroughput(
        Deployment.builder().from(llama8b()).parallelism(Parallelism.of(1, 1, 1, 4)).build(), w);
    assertEquals(4 * one.outputThroughput().tokensPerSecond(), four.outputThroughput().tokensPerSecond(), 1e-6);
    assertEquals(one.outputThroughputPerGpu().tokensPerSecond(), four.outputThroughputPerGpu().tokensPerSecond(), 1e-6);
  }

  @Test
  void openLoopBeyondCapacityIsFlaggedSaturated() {
    Workload w = Workload.builder().inputTokens(2048).outputTokens(256).requestRate(1000).build();
    LatencyEstimate e = PerformanceEstimator.estimate(llama8b(), w);
    assertTrue(e.saturated());
    assertTrue(e.requestRate() < 1000);
  }

  @Test
  void disaggregationRemovesPrefillFromDecodeSteps() {
    Workload w = Workload.of(4096, 256, 32);
    Deployment d = Deployment.builder().from(llama8b()).parallelism(Parallelism.of(1, 1, 1, 2)).build();
    LatencyEstimate colocated = PerformanceEstimator.estimate(d, w);
    // one prefill device plus the same two decode replicas: decode steps no longer carry 4096-token prompts
    LatencyEstimate split = PerformanceEstimator.estimate(d, w, PerformanceOptions.builder()
        .disaggregation(Disaggregation.of(Parallelism.single(), Parallelism.of(1, 1, 1, 2))).build());
    assertEquals(3, split.devices());
    assertTrue(split.tpot().seconds() < colocated.tpot().seconds(), split + " vs " + colocated);
    System.out.println(colocated + "\n" + split + "\n" + split.derivation());
  }

  @Test
  void speculativeDecodingExpectedTokensPerStep() {
    // (1 − α^(k+1)) / (1 − α) with α 0.8, k 3: (1 − 0.4096) / 0.2 = 2.952
    assertEquals(2.952, SpeculativeDecoding.mtp(3, 0.8).expectedTokensPerStep(), 1e-9);
  }

  @Test
  void fluentPerformanceAndMaxThroughput() {
    AICompass.DeploymentQuery q = AICompass.model(Fixtures.llama31_8b()).on(Fixtures.h100());
    LatencyEstimate closed = q.performance(Workload.of(1024, 256, 16));
    LatencyEstimate max = q.maxThroughput(Workload.of(1024, 256, 1));
    assertEquals(ServingMode.CLOSED_LOOP, closed.mode());
    assertEquals(ServingMode.MAX_THROUGHPUT, max.mode());
    assertTrue(max.outputThroughput().compareTo(closed.outputThroughput()) > 0);
  }
}
