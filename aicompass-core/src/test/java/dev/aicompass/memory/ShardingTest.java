package dev.aicompass.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.model.Component;
import dev.aicompass.model.FfnKind;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.NormKind;
import dev.aicompass.model.Precision;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.units.ByteSize;
import dev.aicompass.workload.Workload;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-device weights and KV under TP, PP and EP (seed 003 section 4.8, vLLM's partition and vocab padding). */
class ShardingTest {

  @Test
  void pipelineStagesFollowVllmPartitionWithRemainderBeforeTheLastStage() {
    // vLLM get_pp_indices: floor(L / PP) each, then partitions[-2], [-3], ... get one more layer.
    assertArrayEquals(new int[] {16, 16}, Sharding.stageLayers(32, 2));
    assertArrayEquals(new int[] {15, 15, 16, 15}, Sharding.stageLayers(61, 4));
    assertArrayEquals(new int[] {11, 11, 10}, Sharding.stageLayers(32, 3));
    assertArrayEquals(new int[] {16, 16, 16, 15}, Sharding.stageLayers(63, 4));
    assertArrayEquals(new int[] {2, 2, 2, 1}, Sharding.stageLayers(7, 4));
    assertArrayEquals(new int[] {61}, Sharding.stageLayers(61, 1));
    assertArrayEquals(new int[] {1, 1, 1}, Sharding.stageLayers(3, 3));
  }

  @Test
  void seed003PerChipMemoryWithTp8Ep8On64Cards() {
    // Seed 003 section 4.8 (T22): DRAM_chip = 11.4/8 + 657.7/8 + 2.9/8 + 9.2/8 = 85.15 GB (FP8, KV for B=64, S=4096).
    // Our model, same layout (64 cards = TP8 x DP8, EP8; FP8 block-quantized checkpoint; FP8 KV):
    Deployment d = Deployment.builder().model(Fixtures.deepseekV3()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.of(8, 1, 8, 8)).kvCachePrecision(Precision.FP8).build();
    assertEquals(64, d.parallelism().devices());
    MemoryBreakdown b = MemoryEstimator.estimate(d, Workload.of(4096, 0, 64));
    Map<Component, ByteSize> w = b.weightsByComponent();
    double fp8Block = 1 + 4.0 / (128 * 128); // FP8 + one FP32 scale per 128x128 block
    // MLA: W_q,b + W_kv,b + W_o split by TP8; W_q,a, W_kv,a and the latent norms replicated (the seed divides all by 8).
    assertEquals(Math.ceil(61 * (171_966_464 / 8.0 + 15_140_864) * fp8Block), w.get(Component.ATTENTION).bytes(), 0);
    assertEquals(3 * 396_361_728 / 8 * fp8Block, w.get(Component.DENSE_FFN).bytes(), 0);
    assertEquals(58 * 256 * 44_040_192L / 8 * fp8Block, w.get(Component.ROUTED_EXPERTS).bytes(), 0);
    assertEquals(58 * 44_040_192L / 8 * fp8Block, w.get(Component.SHARED_EXPERTS).bytes(), 0);
    // Router (with its score-correction bias), norms, embedding and LM head stay BF16; the router is replicated.
    assertEquals(58 * (7168L * 256 + 256) * 2, w.get(Component.ROUTER).bytes());
    assertEquals((61 * 2 * 7168L + 7168) * 2, w.get(Component.NORMS).bytes());
    assertEquals(129_280L / 8 * 7168 * 2, w.get(Component.EMBEDDING).bytes());
    assertEquals(129_280L / 8 * 7168 * 2, w.get(Component.LM_HEAD).bytes());
    // Plus the rotary cache 163840 x 64 x 2 B = 20,971,520.
    assertEquals(85_160_940_943L, b.weights().bytes());
    // MLA KV is not split by TP (vLLM replicates the latent on every TP rank): 61 x 64 x 4096 x 576 x 1 B per chip.
    assertEquals(9_210_691_584L, b.kvCacheRequired().orElseThrow().bytes());
    long perChip = b.weights().bytes() + b.kvCacheRequired().orElseThrow().bytes();
    assertEquals(94.372, perChip / 1e9, 0.001);
    // Difference from the seed's 85.15 GB, precisely:
    //   KV: seed 9.2/8 = 1.15 GB, ours 9.21 GB on every chip: +8.06 GB;
    //   MLA: seed 11.4/8 = 1.425 GB, ours 2.235 GB (down-projections replicated, block scales): +0.810 GB;
    //   MoE: seed 657.7/8 = 82.2125 GB (its rounded 11.34B/layer), ours 82.078 GB (exact 11.32B/layer
    //        minus the BF16 router, plus scales): -0.135 GB;
    //   other: seed 2.9/8 = 0.3625 GB, ours 0.848 GB (dense FFN 0.149 + BF16 router 0.213 + BF16 embedding and
    //        LM head 0.463 + norms 0.002 + rotary 0.021): +0.485 GB.
    // With our exact parameter count in the seed's own formula (everything FP8, all divided by 8):
    // (671,026,419,200 + 9,210,691,584) / 8 B = 85.03 GB.
    assertEquals(85.03, (Fixtures.deepseekV3().parameters().total() + 9_210_691_584L) / 8 / 1e9, 0.005);
  }

  @Test
  void expertParallelismSplitsRoutedExpertsOnly() {
    ModelSpec mixtral = Fixtures.mixtral8x7b();
    Deployment ep1 = Deployment.builder().model(mixtral).accelerator(Fixtures.h100()).parallelism(Parallelism.of(1, 1, 1, 8))
        .build();
    Deployment ep8 = Deployment.builder().from(ep1).parallelism(Parallelism.of(1, 1, 8, 8)).build();
    Map<Component, Double> one = Sharding.stageWeightBytes(ep1, 0);
    Map<Component, Double> eight = Sharding.stageWeightBytes(ep8, 0);
    assertEquals(one.get(Component.ROUTED_EXPERTS) / 8, eight.get(Component.ROUTED_EXPERTS), 0);
    assertEquals(one.get(Component.ATTENTION), eight.get(Component.ATTENTION), 0);
    assertEquals(one.get(Component.EMBEDDING), eight.get(Component.EMBEDDING), 0);
  }

  @Test
  void embeddingSitsOnTheFirstStageAndLmHeadOnTheLast() {
    Deployment d = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.of(1, 2, 1, 1)).build();
    Map<Component, Double> first = Sharding.stageWeightBytes(d, 0);
    Map<Component, Double> last = Sharding.stageWeightBytes(d, 1);
    assertEquals(128_256.0 * 4096 * 2, first.get(Component.EMBEDDING), 0);
    assertFalse(first.containsKey(Component.LM_HEAD));
    assertEquals(128_256.0 * 4096 * 2, last.get(Component.LM_HEAD), 0);
    assertFalse(last.containsKey(Component.EMBEDDING));
    // 16 layers each; the final norm is on the last stage.
    assertEquals(16 * 2 * 4096 * 2.0, first.get(Component.NORMS), 0);
    assertEquals((16 * 2 * 4096 + 4096) * 2.0, last.get(Component.NORMS), 0);
    assertEquals(first.get(Component.ATTENTION), last.get(Component.ATTENTION), 0);
  }

  @Test
  void tiedEmbeddingsAreHeldByTheFirstAndLastStageUnderPp() {
    // vLLM: with tie_word_embeddings the last PP rank builds its own embedding for the LM head.
    ModelSpec gemma = Fixtures.gemma3_27bText();
    Deployment pp1 = Deployment.builder().model(gemma).accelerator(Fixtures.h100()).build();
    Map<Component, Double> single = Sharding.stageWeightBytes(pp1, 0);
    double table = 262_208.0 * 5376 * 2;
    assertEquals(table, single.get(Component.EMBEDDING), 0);
    assertFalse(single.containsKey(Component.LM_HEAD), "a tied head is stored once without PP");

    Deployment pp2 = Deployment.builder().from(pp1).parallelism(Parallelism.of(1, 2, 1, 1)).build();
    assertEquals(table, Sharding.stageWeightBytes(pp2, 0).get(Component.EMBEDDING), 0);
    assertEquals(table, Sharding.stageWeightBytes(pp2, 1).get(Component.LM_HEAD), 0);
  }

  @Test
  void vocabularyIsPaddedToAMultipleOf64BeforeTpSplitsIt() {
    // GPT-2 shapes (openai-community/gpt2 config.json): vocab 50257 -> 50304 rows (786 x 64).
    ModelSpec gpt2 = ModelSpec.builder().name("gpt2").numLayers(12).hiddenSize(768).numHeads(12).intermediateSize(3072)
        .vocabSize(50257).ffnKind(FfnKind.PLAIN).normKind(NormKind.LAYER).maxPositionEmbeddings(1024)
        .nativePrecision(Precision.FP32).build();
    Deployment tp1 = Deployment.builder().model(gpt2).accelerator(Fixtures.h100()).build();
    assertEquals(50_304.0 * 768 * 4, Sharding.stageWeightBytes(tp1, 0).get(Component.EMBEDDING), 0);
    assertEquals(50_304.0 * 768 * 4, Sharding.stageWeightBytes(tp1, 0).get(Component.LM_HEAD), 0);
    Deployment tp2 = Deployment.builder().from(tp1).parallelism(Parallelism.tensor(2)).build();
    assertEquals(25_152.0 * 768 * 4, Sharding.stageWeightBytes(tp2, 0).get(Component.EMBEDDING), 0);
    // Already a multiple of 64: Llama-3's 128,256 = 2004 x 64 stays as is.
    assertEquals(128_256L, Sharding.roundUp(128_256, 64));
  }

  @Test
  void kvProjectionsStopShrinkingOnceTpExceedsKvHeads() {
    // Llama-3.1-70B: k/v projections 2 x 8192 x 8 x 128 = 16,777,216 params per layer, split by KV head.
    ModelSpec m = Fixtures.llama31_70b();
    Deployment tp8 = Deployment.builder().model(m).accelerator(Fixtures.h100InDomainOf(16)).parallelism(Parallelism.tensor(8))
        .build();
    Deployment tp16 = Deployment.builder().from(tp8).parallelism(Parallelism.tensor(16)).build();
    double q8 = 80 * (2 * 8192.0 * 8192 / 8) * 2;
    double q16 = 80 * (2 * 8192.0 * 8192 / 16) * 2;
    double kv = 80 * (16_777_216 / 8.0) * 2;
    assertEquals(q8 + kv, Sharding.stageWeightBytes(tp8, 0).get(Component.ATTENTION), 0);
    assertEquals(q16 + kv, Sharding.stageWeightBytes(tp16, 0).get(Component.ATTENTION), 0);
  }

  @Test
  void fp8WeightsHalveLinearLayersButNotEmbeddings() {
    Deployment bf16 = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100()).build();
    Deployment fp8 = Deployment.builder().from(bf16).weightPrecision(Precision.FP8).build();
    Map<Component, Double> a = Sharding.stageWeightBytes(bf16, 0);
    Map<Component, Double> b = Sharding.stageWeightBytes(fp8, 0);
    assertEquals(a.get(Component.DENSE_FFN) / 2, b.get(Component.DENSE_FFN), 0);
    assertEquals(a.get(Component.ATTENTION) / 2, b.get(Component.ATTENTION), 0);
    assertEquals(a.get(Component.EMBEDDING), b.get(Component.EMBEDDING), 0);
    // ENGINE-MEMORY-NOTES section 6: Llama-3.1-8B FP8 = 6.98e9 x 1 + 2 x 128256 x 4096 x 2 B = 8.46 GiB (log 8.49).
    double weights = b.values().stream().mapToDouble(Double::doubleValue).sum() / ByteSize.GIB;
    assertEquals(8.46, weights, 0.01);
    assertTrue(Precision.BF16 == fp8.activationPrecision());
  }
}
