package dev.aicompass.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.hardware.EfficiencyProfile;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.units.FlopCount;
import dev.aicompass.units.FlopRate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference documents' worked FLOP counts (SEED-NOTES T02-T03, T17-T20, T26), reproduced operator by operator. */
class PhaseCostTest {
  private static final List<String> SEED_001_OPERATORS = List.of("attn.q_proj", "attn.kv_proj", "attn.core", "attn.o_proj", "ffn");

  private static final CostOptions SEED_001 = CostOptions.builder().attention(CostOptions.AttentionConvention.FULL_SQUARE).build();

  private static Deployment on(ModelSpec m) {
    return Deployment.builder().model(m).accelerator(Fixtures.h100()).build();
  }

  private static double sum(PhaseCost c, List<String> names) {
    return names.stream().mapToDouble(n -> c.operator(n).orElseThrow().flops().flops()).sum();
  }

  @Test
  void qwen25_32bPrefillOf1024TokensMatchesSeed001() {
    // Seed 001 §2.5: (4(1 + n_kv/n_h)·s·H² + 4·s²·H + 6·s·H·I)·L = 65,283,502,899,200 FLOPs. The seed counts the
    // full s² square for QK and AV (no causal halving) and leaves out the LM head, embedding, norms and biases.
    PhaseCost c = PhaseCost.prefill(on(Fixtures.qwen25_32b()), 1024, 1, EfficiencyProfile.defaults(
        dev.aicompass.hardware.AcceleratorKind.GPU), SEED_001);
    assertEquals(65_283_502_899_200.0, sum(c, SEED_001_OPERATORS), 0.0);
    // The LM head on the last prompt token adds 2·V·H = 1.557 GFLOP (0.002 %).
    assertEquals(2.0 * 152064 * 5120, c.operator("lm_head").orElseThrow().flops().flops(), 0.0);
    // TTFT at 100 % of a 148 TFLOPS device (seed 001 §2.7): 441 ms.
    assertEquals(441.08, FlopCount.of(65.28e12).dividedBy(FlopRate.ofTeraflops(148)).toMillis(), 0.01);
  }

  @Test
  void causalPrefillCountsHalfTheAttentionSquare() {
    PhaseCost full = PhaseCost.prefill(on(Fixtures.qwen25_32b()), 1024, 1,
        EfficiencyProfile.defaults(dev.aicompass.hardware.AcceleratorKind.GPU), SEED_001);
    PhaseCost causal = PhaseCost.prefill(on(Fixtures.qwen25_32b()), 1024, 1);
    double f = full.operator("attn.core").orElseThrow().flops().flops();
    double c = causal.operator("attn.core").orElseThrow().flops().flops();
    // causal: every token attends to (S+1)/2 keys on average
    assertEquals(f * (1025 / 2.0) / 1024, c, 1e-3);
  }

  @Test
  void qwen25_32bDecodeTokenAtTheMeanContextMatchesSeed001() {
    // Seed 001 §2.6: per-token decode at the mean KV length 1024 + 1025/2 = 1536.5: 64,425,164,800 FLOPs ("0.06 TFLOPs"),
    // QK = AV = 2·ctx·H per layer; LM head excluded as in the seed.
    PhaseCost c = PhaseCost.decode(on(Fixtures.qwen25_32b()), 1, 1536.5);
    assertEquals(64_425_164_800.0, sum(c, SEED_001_OPERATORS), 0.5);
  }

  @Test
  void deepseekV3PrefillOf4096TokensMatchesSeed003() {
    // Seed 003 §4.8: attention 61·2·128·S²·320 with the full square and decompressed (320 = 192 + 128) heads:
    // 4,997,120·4096² = 83,837,761,617,920 = 83.84 TFLOPs (the document prints 84.1 because its constant 5,013,504
    // is 0.33 % high, SEED-NOTES T18).
    CostOptions seed003 = CostOptions.builder().attention(CostOptions.AttentionConvention.FULL_SQUARE)
        .mlaAbsorption(CostOptions.MlaAbsorption.NEVER).lmHeadOnEveryPrefillToken(true).build();
    PhaseCost c = PhaseCost.prefill(on(Fixtures.deepseekV3()), 4096, 1,
        EfficiencyProfile.defaults(dev.aicompass.hardware.AcceleratorKind.GPU), seed003);
    assertEquals(83_837_761_617_920.0, c.operator("attn.core").orElseThrow().flops().flops(), 0.0);
    // Linear: 2·T·(MLA 11.413B + dense 1.189B + MoE active 22.989B) exactly (T08, T12, T14) ...
    double linear = sum(c, List.of("attn.q_proj", "attn.kv_proj", "attn.o_proj", "ffn", "moe.shared_experts", "moe.experts"));
    assertEquals(2.0 * 4096 * (11_413_422_080L + 1_189_085_184L + 22_988_980_224L), linear, 1e3);
    // ... plus the LM head on all 4096 tokens as the seed's 2·T·P_active does: 299.16 TFLOPs (seed: 2·4096·36.5B = 299).
    double seedLinear = linear + c.operator("lm_head").orElseThrow().flops().flops();
    assertEquals(2.0 * 4096 * 36_518_166_528L, seedLinear, 1e3);
    // Seed total 382.85 TFLOPs (T19); ours adds the 58 routers the seed leaves out (0.87 TFLOPs, +0.23 %).
    assertEquals(382.85e12, seedLinear + c.operator("attn.core").get().flops().flops(), 0.005 * 382.85e12);
    assertEquals(383.7e12, c.flops().flops(), 0.002 * 383.7e12);

    // With the engine's defaults (causal attention, LM head on the last token only): 291.6 + 41.9 + 0.87 = 334.4 TFLOPs.
    PhaseCost engine = PhaseCost.prefill(on(Fixtures.deepseekV3()), 4096, 1);
    assertEquals(334.4e12, engine.flops().flops(), 0.003 * 334.4e12);
  }

  @Test
  void deepseekV3DecodeOf64SequencesAt4096MatchesSeed003() {
    // Seed 003 §4.8: 2·B·P_active + 61·2·B·128·KV·320 = 4.672 + 1.310 = 5.98 TFLOPs (T20), heads decompressed.
    CostOptions seed003 = CostOptions.builder().mlaAbsorption(CostOptions.MlaAbsorption.NEVER).build();
    PhaseCost c = PhaseCost.decode(on(Fixtures.deepseekV3()), 64, 4096,
        EfficiencyProfile.defaults(dev.aicompass.hardware.AcceleratorKind.GPU), seed003);
    assertEquals(1.309965e12, c.operator("attn.core").orElseThrow().flops().flops(), 1e6);
    // exact active parameters 36.518B instead of the rounded 36.5B, plus routers: 5.998 (+0.3 %)
    assertEquals(5.98e12, c.flops().flops(), 0.005 * 5.98e12);
  }

  @Test
  void absorbedMlaDecodeAttendsOverTheLatentAsSeed004() {
    // Seed 004 formula 3 (T26): 61 layers, 1 token over 3810 keys, 2·128·(512 + 64 + 512) per key: 64.733 GFLOPs.
    PhaseCost c = PhaseCost.decode(on(Fixtures.deepseekV3()), 1, 3810);
    assertEquals(61.0 * 2 * 128 * 3810 * 1088, c.operator("attn.core").orElseThrow().flops().flops(), 1.0);
    assertEquals(64.733e9, c.operator("attn.core").get().flops().flops(), 0.001e9);
  }

  @Test
  void decodeReadsOnlyTheExpertsTheBatchTouches() {
    // Mixtral 8 experts, top-2: one token touches 2 of 8 experts, E·(1 − (1 − k/E)^1) = 2.
    Deployment d = on(Fixtures.mixtral8x7b());
    double one = PhaseCost.decode(d, 1, 1).operator("moe.experts").orElseThrow().bytes().bytes();
    double many = PhaseCost.decode(d, 256, 1).operator("moe.experts").orElseThrow().bytes().bytes();
    double allExperts = 32.0 * 8 * 3 * 4096 * 14336 * 2; // layers × experts × 3 matrices × BF16
    // (plus the experts' input/output activations, < 0.1 % at batch 1)
    assertEquals(allExperts / 4, one, allExperts * 2e-3);
    assertEquals(allExperts, many, allExperts * 2e-2);
  }

  @Test
  void tensorParallelAllReducesTwicePerLayerWithRingCost() {
    Deployment d = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.tensor(8)).build();
    PhaseCost c = PhaseCost.decode(d, 1, 128);
    // 32 layers × 2 all-reduces × 2·(TP−1)/TP × (1 token × 4096 × 2 B)
    assertEquals(32 * 2 * 2 * 7.0 / 8 * 4096 * 2, c.communicationBytes().bytes(), 1.0);
    assertTrue(c.operator("comm.tp_all_reduce").isPresent());
  }

  @Test
  void llama8bDecodeIsMemoryBoundAndLongPrefillComputeBound() {
    Deployment d = on(Fixtures.llama31_8b());
    assertEquals(Bound.MEMORY, PhaseCost.decode(d, 1, 1024).bound());
    assertEquals(Bound.COMPUTE, PhaseCost.prefill(d, 4096, 1).bound());
    System.out.println(PhaseCost.prefill(d, 4096, 1) + "\n" + PhaseCost.decode(d, 1, 1024));
  }
}
