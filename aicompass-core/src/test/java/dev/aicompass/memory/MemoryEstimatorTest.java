package dev.aicompass.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.model.Component;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.units.ByteSize;
import dev.aicompass.workload.Workload;
import org.junit.jupiter.api.Test;

/** Engine memory rules of DESIGN.md "Engines" and ENGINE-MEMORY-NOTES section 0. */
class MemoryEstimatorTest {

  private static final double GIB = ByteSize.GIB;

  private static Deployment llama(EngineProfile engine) {
    return Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100()).engine(engine).build();
  }

  @Test
  void vllmPoolIsUtilisationTimesTotalMinusWeightsActivationAndNonTorch() {
    EngineProfile vllm = EngineProfile.builder().from(EngineProfile.vllm()).memoryUtilization(0.95).build();
    MemoryBreakdown b = MemoryEstimator.estimate(llama(vllm));
    double budget = 0.95 * Fixtures.h100().usableMemory().bytes();
    double expected = budget - b.weights().bytes() - b.activation().bytes() - b.nonTorch().bytes();
    assertEquals(expected, b.kvCachePool().bytes(), 4);
    // vLLM 0.19 TP1 non-torch: 0.25 GiB (ENGINE-MEMORY-NOTES section 5).
    assertEquals(0.25, b.nonTorch().bytes() / GIB, 1e-9);
    assertTrue(b.fits(), b::toString);
  }

  @Test
  void sglangPoolIsTheStaticFractionMinusWeights() {
    MemoryBreakdown b = MemoryEstimator.estimate(llama(EngineProfile.sglang()));
    double expected = 0.88 * Fixtures.h100().usableMemory().bytes() - b.weights().bytes() - b.nonTorch().bytes();
    assertEquals(expected, b.kvCachePool().bytes(), 4);
    // SGLang pages are one token.
    assertEquals(b.kvCachePool().bytes() / 131_072, b.kvCacheTokens());
  }

  @Test
  void trtllmPoolIsAFractionOfWhatIsFreeAfterWeights() {
    MemoryBreakdown b = MemoryEstimator.estimate(llama(EngineProfile.trtllm()));
    double free = Fixtures.h100().usableMemory().bytes() - b.weights().bytes() - b.activation().bytes() - b.nonTorch().bytes();
    assertEquals(0.9 * free, b.kvCachePool().bytes(), 4);
  }

  @Test
  void huggingFaceHoldsExactlyTheWorkloadsKv() {
    MemoryBreakdown b = MemoryEstimator.estimate(llama(EngineProfile.huggingFace()), Workload.of(1024, 1024, 4));
    assertEquals(131_072L * 2048 * 4, b.kvCachePool().bytes());
    assertEquals(2048L * 4, b.kvCacheTokens());
    assertEquals(ByteSize.ZERO, b.cudaGraph());
  }

  @Test
  void componentsSumToTheTotal() {
    MemoryBreakdown b = MemoryEstimator.estimate(llama(EngineProfile.vllm()));
    long parts = b.weights().bytes() + b.activation().bytes() + b.nonTorch().bytes() + b.cudaGraph().bytes()
        + b.kvCachePool().bytes();
    assertEquals((double) b.total().bytes(), (double) parts, 5);
    // Weights = components + the rotary cache (131072 x 128 x 2 B = 32 MiB).
    long components = b.weightsByComponent().values().stream().mapToLong(ByteSize::bytes).sum();
    assertEquals((double) (32L << 20), (double) (b.weights().bytes() - components), 8);
    assertEquals(b.engineOverhead(), b.nonTorch().plus(b.cudaGraph()));
  }

  @Test
  void aModelThatDoesNotFitIsAnAnswerNotAnError() {
    // Llama-3.1-70B in BF16 (141 GB) on one 80 GB H100.
    Deployment d = Deployment.builder().model(Fixtures.llama31_70b()).accelerator(Fixtures.h100()).build();
    MemoryBreakdown b = MemoryEstimator.estimate(d);
    assertFalse(b.fits());
    assertEquals(0, b.kvCacheTokens());
    assertEquals(ByteSize.ZERO, b.kvCachePool());
    assertTrue(b.problems().get(0).startsWith("stage 0 needs "), b.problems().toString());
  }

  @Test
  void aWorkloadLargerThanThePoolDoesNotFit() {
    MemoryBreakdown b = MemoryEstimator.estimate(llama(EngineProfile.vllm()), Workload.of(8192, 8192, 512));
    assertFalse(b.fits());
    assertTrue(b.problems().stream().anyMatch(p -> p.startsWith("the workload needs ")), b.problems().toString());
  }

  @Test
  void pipelineStagesShrinkToTheSmallestPool() {
    // Calibration row M026 (Llama-3.1-8B PP2): the last stage holds the LM head and the sampler peak, so it binds.
    Deployment d = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.of(1, 2, 1, 1)).build();
    MemoryBreakdown b = MemoryEstimator.estimate(d);
    assertTrue(b.weightsByComponent().containsKey(Component.LM_HEAD));
    assertFalse(b.weightsByComponent().containsKey(Component.EMBEDDING));
    // Half the layers' KV per device: 2 x 16 x 8 x 128 x 2 B.
    assertEquals(65_536, b.kvBytesPerToken().bytes());
    // vLLM 0.19 PP-only non-torch: 0.07 GiB.
    assertEquals(0.07, b.nonTorch().bytes() / GIB, 1e-9);
  }

  @Test
  void tensorParallelNonTorchGrowsWithRanks() {
    Deployment tp2 = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.tensor(2)).build();
    // 2.01 GiB + 0.03 GiB x TP (fit on the 0.19 TP2/TP4 logs: 2.06-2.07 and 2.13-2.17).
    assertEquals(2.07, MemoryEstimator.estimate(tp2).nonTorch().bytes() / GIB, 1e-6);
  }

  @Test
  void everyFigureIsExplained() {
    MemoryBreakdown b = MemoryEstimator.estimate(llama(EngineProfile.vllm()));
    for (String term : new String[] {"weights", "activation", "kvCachePool", "kvBytesPerToken", "kvCacheTokens", "total"}) {
      assertTrue(b.derivation().find(term).isPresent(), term);
    }
  }
}
