package dev.aicompass.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Single rows of shared/reference/calibration/memory.csv, checked to the tolerances of the issue. */
class CalibrationSpotCheckTest {

  private static EngineProfile vllm095() {
    return EngineProfile.builder().from(EngineProfile.vllm()).memoryUtilization(0.95).build();
  }

  @Test
  void llama31_8bTp1MatchesRowM018() {
    Deployment d = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100()).engine(vllm095()).build();
    MemoryBreakdown b = MemoryEstimator.estimate(d);
    System.out.println(b + "\n" + b.derivation());
    assertEquals(14.99, b.weights().toGibibytes(), 14.99 * 0.01);
    assertEquals(476000, b.kvCacheTokens(), 476000 * 0.03);
  }

  @Test
  void llama31_8bPp2MatchesRowM026() {
    Deployment d = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100()).engine(vllm095())
        .parallelism(Parallelism.of(1, 2, 1, 1)).build();
    MemoryBreakdown b = MemoryEstimator.estimate(d);
    System.out.println(b + "\n" + b.derivation());
    assertEquals(7.51, b.weights().toGibibytes(), 7.51 * 0.01);
    assertEquals(1075312, b.kvCacheTokens(), 1075312 * 0.03);
  }

  @Test
  void gemma3_27bHybridGroupsMatchTheLoggedTokens() {
    // llm-d-planner v0.19.0 log: pool 19.53 GiB -> 36,560 tokens (7 groups of 10 layers).
    Deployment d = Deployment.builder().model(Fixtures.gemma3_27bText()).accelerator(Fixtures.h100()).engine(vllm095()).build();
    KvLayout kv = new KvLayout(d, 62, 52);
    assertEquals(36560, kv.tokens(19.53 * (1L << 30), true));
  }

  @Test
  void mixtralTp2ActivationHoldsTheFusedMoeWorkspaceThroughTheSampler() {
    // memory.csv row M036 (vLLM 0.19, H100, TP2): torch peak 1.21 GiB, KV pool 28.44 GiB, 465,936 tokens.
    Deployment d = Deployment.builder().model(Fixtures.mixtral8x7b()).accelerator(Fixtures.h100()).engine(vllm095())
        .parallelism(Parallelism.tensor(2)).build();
    MemoryBreakdown b = MemoryEstimator.estimate(d);
    assertEquals(1.21, b.activation().toGibibytes(), 1.21 * 0.05);
    assertEquals(465936, b.kvCacheTokens(), 465936 * 0.01);
  }
}
