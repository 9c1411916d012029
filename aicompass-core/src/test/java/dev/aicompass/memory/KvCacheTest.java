package dev.aicompass.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.workload.Workload;
import org.junit.jupiter.api.Test;

/** KV bytes per token (DESIGN.md "Two estimation methods", ENGINE-MEMORY-NOTES sections 2 and 3). */
class KvCacheTest {

  private static Deployment on(ModelSpec m, Parallelism p) {
    return Deployment.builder().model(m).accelerator(Fixtures.h100InDomainOf(16)).parallelism(p).build();
  }

  @Test
  void llama31_8bBf16Uses131072BytesPerToken() {
    // 2 (K and V) x 32 layers x 8 KV heads x 128 head_dim x 2 B = 131,072 B (the 0.19 log: "128 KiB per token").
    Deployment d = on(Fixtures.llama31_8b(), Parallelism.single());
    assertEquals(131_072, MemoryEstimator.kvBytesPerTokenWholeModel(d).bytes());
    assertEquals(131_072, MemoryEstimator.estimate(d).kvBytesPerToken().bytes());
  }

  @Test
  void deepseekV3MlaCaches576ElementsPerLayer() {
    // Seed 003 section 4.4: kv_lora_rank 512 + qk_rope_head_dim 64 = 576 elements; 576 x 61 layers x 2 B = 70,272 B.
    Deployment d = Deployment.builder().model(Fixtures.deepseekV3()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.tensor(8)).build();
    assertEquals(Precision.BF16, d.kvCachePrecision());
    assertEquals(70_272, MemoryEstimator.kvBytesPerTokenWholeModel(d).bytes());
    // The latent is not split by TP: every rank of TP8 holds the whole 70,272 B per token (vLLM: num_kv_heads = 1).
    assertEquals(70_272, Sharding.kvBytesPerToken(d, 61), 0);
    // T09: 576 / (2 x 128 x 128) = 1.76 % of an MHA cache with the same heads.
    assertEquals(0.017578125, 576 / (2.0 * 128 * 128), 0);
  }

  @Test
  void mlaFp8KvMatchesSeed003Example() {
    // T10: 61 layers x 1 x 4096 tokens x 576 x 1 B = 143,917,056 B (the seed prints 143.7 MB).
    Deployment d = Deployment.builder().model(Fixtures.deepseekV3()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.tensor(8)).kvCachePrecision(Precision.FP8).build();
    MemoryBreakdown b = MemoryEstimator.estimate(d, Workload.of(4096, 0, 1));
    assertEquals(143_917_056L, b.kvCacheRequired().orElseThrow().bytes());
  }

  @Test
  void fp8KvHalvesTheBytesPerToken() {
    Deployment bf16 = on(Fixtures.llama31_8b(), Parallelism.single());
    Deployment fp8 = Deployment.builder().from(bf16).kvCachePrecision(Precision.FP8).build();
    assertEquals(65_536, MemoryEstimator.kvBytesPerTokenWholeModel(fp8).bytes());
    assertEquals(MemoryEstimator.kvBytesPerTokenWholeModel(bf16).bytes() / 2,
        MemoryEstimator.kvBytesPerTokenWholeModel(fp8).bytes());
    Deployment mla = Deployment.builder().model(Fixtures.deepseekV3()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.tensor(8)).kvCachePrecision(Precision.FP8).build();
    assertEquals(35_136, MemoryEstimator.kvBytesPerTokenWholeModel(mla).bytes());
  }

  @Test
  void kvHeadsReplicateWhenTpExceedsKvHeads() {
    // Llama-3.1-70B: 8 KV heads. vLLM: kv_heads_per_rank = max(1, 8 / TP) (ENGINE-MEMORY-NOTES section 3).
    ModelSpec m = Fixtures.llama31_70b();
    assertEquals(2, Sharding.kvHeadsPerRank(m, 4));
    assertEquals(1, Sharding.kvHeadsPerRank(m, 8));
    assertEquals(1, Sharding.kvHeadsPerRank(m, 16));
    // Per device: 2 x 80 layers x heads/rank x 128 x 2 B.
    assertEquals(81_920, MemoryEstimator.estimate(on(m, Parallelism.tensor(4))).kvBytesPerToken().bytes());
    assertEquals(40_960, MemoryEstimator.estimate(on(m, Parallelism.tensor(8))).kvBytesPerToken().bytes());
    assertEquals(40_960, MemoryEstimator.estimate(on(m, Parallelism.tensor(16))).kvBytesPerToken().bytes());
  }

  @Test
  void kvCacheRequiredIsLinearInSequenceLengthAndConcurrency() {
    Deployment d = on(Fixtures.llama31_8b(), Parallelism.single());
    // 131,072 B/token x (1024 + 256) tokens x 8 requests.
    long one = MemoryEstimator.estimate(d, Workload.of(1024, 256, 8)).kvCacheRequired().orElseThrow().bytes();
    assertEquals(131_072L * 1280 * 8, one);
    assertEquals(2 * one, MemoryEstimator.estimate(d, Workload.of(2048, 512, 8)).kvCacheRequired().orElseThrow().bytes());
    assertEquals(2 * one, MemoryEstimator.estimate(d, Workload.of(1024, 256, 16)).kvCacheRequired().orElseThrow().bytes());
  }

  @Test
  void slidingWindowLayersCapTheirKvAtTheWindow() {
    // Gemma-3-27B: 52 sliding layers (window 1024) + 10 full; 2 x 16 KV heads x 128 x 2 B = 8192 B per layer-token.
    Deployment d = on(Fixtures.gemma3_27bText(), Parallelism.single());
    long bytes = MemoryEstimator.estimate(d, Workload.of(4096, 0, 2)).kvCacheRequired().orElseThrow().bytes();
    assertEquals(2L * 8192 * (10 * 4096 + 52 * 1024), bytes);
    // Below the window every layer holds every token.
    long shortPrompt = MemoryEstimator.estimate(d, Workload.of(512, 0, 2)).kvCacheRequired().orElseThrow().bytes();
    assertEquals(2L * 8192 * 62 * 512, shortPrompt);
  }

  @Test
  void kvCapacityIsWholeBlocksOfThePool() {
    // Calibration row M018 (vLLM 0.19, Llama-3.1-8B, util 0.95): pool / (16 x 131072 B) blocks x 16 tokens.
    Deployment d = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100())
        .engine(dev.aicompass.deploy.EngineProfile.builder().from(dev.aicompass.deploy.EngineProfile.vllm())
            .memoryUtilization(0.95).build())
        .build();
    MemoryBreakdown b = MemoryEstimator.estimate(d);
    long blocks = b.kvCachePool().bytes() / (16L * 131_072);
    assertEquals(blocks * 16, b.kvCacheTokens());
    assertEquals(b.kvCacheTokens() / 8192.0, b.maxConcurrency(), 1e-12);
  }
}
