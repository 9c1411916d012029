package dev.aicompass.perf;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.testing.PerfFixtures;
import dev.aicompass.workload.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceEstimatorProperties {
  private static final List<ModelSpec> MODELS = List.of(Fixtures.llama31_8b(), Fixtures.mixtral8x7b(), Fixtures.deepseekV3(),
      PerfFixtures.gptJ6b(), Fixtures.gemma3_27bText());
  private static final List<Accelerator> GPUS = List.of(Fixtures.h100(), PerfFixtures.l40s(), PerfFixtures.a100Sxm80());

  private static Deployment deployment(int model, int gpu, int tpLog, int pp, int dp) {
    ModelSpec m = MODELS.get(model);
    int tp = 1 << tpLog;
    while (m.numHeads() % tp != 0) {
      tp /= 2;
    }
    return Deployment.builder().model(m).accelerator(GPUS.get(gpu)).parallelism(Parallelism.of(tp, pp, 1, dp))
        .maxModelLen(8192).build();
  }

  @Test
  void prefillTimeIsNonDecreasingInTokensAndBatch() {
    qt().forAll(integers().between(0, 4), integers().between(1, 8000), integers().between(0, 4000), integers().between(1, 16))
        .checkAssert((model, tokens, more, batch) -> {
          Deployment d = deployment(model, 0, 0, 1, 1);
          double t1 = PhaseCost.prefill(d, tokens, batch).time().seconds();
          double t2 = PhaseCost.prefill(d, tokens + more, batch).time().seconds();
          double t3 = PhaseCost.prefill(d, tokens, batch + 1).time().seconds();
          assertTrue(t2 >= t1 * (1 - 1e-12), "prefill " + tokens + "+" + more + ": " + t1 + " > " + t2);
          assertTrue(t3 >= t1 * (1 - 1e-12), "prefill batch " + batch + "+1: " + t1 + " > " + t3);
        });
  }

  @Test
  void decodeTimeIsNonDecreasingInBatchAndKvLength() {
    qt().forAll(arrays().ofIntegers(integers().between(0, Integer.MAX_VALUE - 1)).withLength(5)).checkAssert(r -> {
      int model = r[0] % 5;
      int gpu = r[1] % 3;
      int batch = 1 + r[2] % 512;
      int more = r[3] % 512;
      double kv = r[4] % 32000;
      Deployment d = deployment(model, gpu, 3, 1, 1);
      double t1 = PhaseCost.decode(d, batch, kv).time().seconds();
      double t2 = PhaseCost.decode(d, batch + more, kv).time().seconds();
      double t3 = PhaseCost.decode(d, batch, kv + more).time().seconds();
      assertTrue(t2 >= t1 * (1 - 1e-12), "decode batch " + batch + "+" + more + ": " + t1 + " > " + t2);
      assertTrue(t3 >= t1 * (1 - 1e-12), "decode kv " + kv + "+" + more + ": " + t1 + " > " + t3);
    });
  }

  @Test
  void maxThroughputIsNonDecreasingInDataParallelReplicas() {
    qt().forAll(arrays().ofIntegers(integers().between(0, Integer.MAX_VALUE - 1)).withLength(5)).checkAssert(r -> {
      int model = r[0] % 5;
      int gpu = r[1] % 3;
      int dp = 1 + r[2] % 8;
      Workload w = Workload.of(1 + r[3] % 4000, 1 + r[4] % 2000, 1);
      double a = PerformanceEstimator.maxThroughput(deployment(model, gpu, 3, 1, dp), w).outputThroughput().tokensPerSecond();
      double b = PerformanceEstimator.maxThroughput(deployment(model, gpu, 3, 1, dp + 1), w).outputThroughput().tokensPerSecond();
      assertTrue(b >= a * (1 - 1e-9), "DP" + dp + " " + a + " > DP" + (dp + 1) + " " + b);
    });
  }

  @Test
  void closedLoopThroughputIsNonDecreasingInReplicasAtFixedConcurrency() {
    qt().forAll(integers().between(0, 1), integers().between(1, 8), integers().between(1, 256), integers().between(64, 2048))
        .checkAssert((model, dp, c, in) -> {
          Workload w = Workload.of(in, 256, c);
          double a = PerformanceEstimator.estimate(deployment(model, 0, 0, 1, dp), w).outputThroughput().tokensPerSecond();
          double b = PerformanceEstimator.estimate(deployment(model, 0, 0, 1, dp + 1), w).outputThroughput().tokensPerSecond();
          assertTrue(b >= a * (1 - 1e-3), "DP" + dp + " " + a + " > DP" + (dp + 1) + " " + b);
        });
  }

  @Test
  void everyEstimateIsFiniteAndNonNegative() {
    qt().forAll(arrays().ofIntegers(integers().between(0, Integer.MAX_VALUE - 1)).withLength(8)).checkAssert(r -> {
      int model = r[0] % 5;
      int gpu = r[1] % 3;
      int tpLog = r[2] % 4;
      int pp = 1 + r[3] % 2;
      int in = 1 + r[4] % 16000;
      int out = r[5] % 4000;
      int c = 1 + r[6] % 512;
      int mode = r[7] % 5;
      Deployment d = deployment(model, gpu, tpLog, pp, 1);
      Workload.Builder w = Workload.builder().inputTokens(in).outputTokens(out).concurrency(c);
      if (mode == 1) {
        w.requestRate(c / 10.0);
      }
      ServingMode m = ServingMode.values()[mode];
      LatencyEstimate e = PerformanceEstimator.estimate(d, w.build(), m, PerformanceOptions.defaults(), null);
      double[] v = {e.ttft().seconds(), e.tpot().seconds(), e.outputThroughput().tokensPerSecond(),
          e.totalThroughput().tokensPerSecond(), e.decodeBatch(), e.errorBand().low(), e.errorBand().high()};
      for (double x : v) {
        assertTrue(Double.isFinite(x) && x >= 0, m + " " + d.parallelism() + " " + in + "/" + out + " c" + c + ": " + e);
      }
      e.prefillBound();
      e.decodeBound();
    });
  }

  @Test
  void speculativeDecodingShortensTpotWhenDraftsAreAccepted() {
    qt().forAll(doubles().between(0.5, 0.95), integers().between(1, 5)).checkAssert((alpha, k) -> {
      Deployment d = deployment(0, 0, 0, 1, 1);
      Workload w = Workload.of(1024, 256, 1);
      double plain = PerformanceEstimator.estimate(d, w).tpot().seconds();
      double spec = PerformanceEstimator.estimate(d, w, PerformanceOptions.builder()
          .speculative(SpeculativeDecoding.mtp(k, alpha)).build()).tpot().seconds();
      assertTrue(spec < plain, "alpha " + alpha + " k " + k + ": " + spec + " >= " + plain);
    });
  }

  @Test
  void trtllmReservesTheWholeSequence() {
    Deployment d = Deployment.builder().from(deployment(0, 0, 0, 1, 1)).engine(EngineProfile.trtllm()).build();
    LatencyEstimate e = PerformanceEstimator.maxThroughput(d, Workload.of(1000, 1000, 1));
    assertTrue(e.maxBatch() <= e.kvCacheTokens() / 2000.0 + 1e-9);
  }
}
