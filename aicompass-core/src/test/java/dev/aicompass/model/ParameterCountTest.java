package dev.aicompass.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aicompass.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Parameter counts against hand-computed numbers. Seed numbers come from docs/SEED-NOTES.md
 * section 7 (T01, T08, T12–T16); the others from the public config.json of each model.
 */
class ParameterCountTest {

  @Test
  void llama31_8bHasExactly8030261248Parameters() {
    // Embedding 128256*4096 = 525,336,576, untied LM head the same; attention 32*(2*4096^2 + 2*4096*1024)
    // = 1,342,177,280; FFN 32*3*4096*14336 = 5,637,144,576; norms 32*2*4096 + 4096 = 266,240.
    ParameterBreakdown p = Fixtures.llama31_8b().parameters();
    assertEquals(525_336_576L, p.get(Component.EMBEDDING));
    assertEquals(525_336_576L, p.get(Component.LM_HEAD));
    assertEquals(1_342_177_280L, p.get(Component.ATTENTION));
    assertEquals(5_637_144_576L, p.get(Component.DENSE_FFN));
    assertEquals(266_240L, p.get(Component.NORMS));
    assertEquals(8_030_261_248L, p.total());
    assertEquals(p.total(), p.active());
  }

  @Test
  void llama2_7bHas6738415616Parameters() {
    // 2*32000*4096 + 32*(4*4096^2 + 3*4096*11008) + 32*2*4096 + 4096 (the published "6.74B").
    assertEquals(6_738_415_616L, Fixtures.llama2_7b().parameters().total());
  }

  @Test
  void qwen25_32bMatchesSeed001FormulaOnceLmHeadBiasesAndNormsAreSetAside() {
    // Seed 001 section 2.4 (T01): V*H + L*(3HI + 2H^2*nkv/nh + H^2 + H^2) = 31,984,189,440 (31.98B).
    // The seed leaves out the untied LM head (V*H), the q/k/v biases and the RMSNorm weights.
    long v = 152064;
    long h = 5120;
    long i = 27648;
    long l = 64;
    long seedFormula = v * h + l * (3 * h * i + 2 * h * h * 8 / 40 + h * h + h * h);
    assertEquals(31_984_189_440L, seedFormula);

    ParameterBreakdown p = Fixtures.qwen25_32b().parameters();
    long qkvBiasesPerLayer = 5120 + 2 * 1024; // q bias H, k and v biases nkv*d_h = 1024 each
    assertEquals(seedFormula,
        p.get(Component.EMBEDDING) + p.get(Component.ATTENTION) - l * qkvBiasesPerLayer + p.get(Component.DENSE_FFN));
    // Our full count adds LM head 778,567,680 + biases 64*7168 = 458,752 + norms 64*2*5120 + 5120 = 660,480.
    assertEquals(778_567_680L, p.get(Component.LM_HEAD));
    assertEquals(660_480L, p.get(Component.NORMS));
    assertEquals(32_763_876_352L, p.total());
    assertEquals(seedFormula + 778_567_680L + 458_752L + 660_480L, p.total());
  }

  @Test
  void deepseekV3MlaLayerIs187105280ParametersPlusItsTwoLatentNorms() {
    // Seed 003 section 4.4 (T08): W_q,a 11,010,048 + W_q,b 37,748,736 + W_kv,a 4,128,768 + W_kv,b 16,777,216
    // + W_o 117,440,512 = 187,105,280. Our attention also holds the q_a_layernorm (1536) and kv_a_layernorm (512)
    // weights, which the seed lists as excluded.
    LayerParameters layer = Fixtures.deepseekV3().parameters().denseLayer();
    // TP-sharded: W_q,b + W_kv,b + W_o.
    assertEquals(37_748_736L + 16_777_216L + 117_440_512L, layer.attentionSharded());
    // Replicated: W_q,a + q_a norm + W_kv,a + kv_a norm.
    assertEquals(11_010_048L + 1536 + 4_128_768L + 512, layer.attentionReplicated());
    assertEquals(0, layer.attentionKv());
    assertEquals(187_105_280L, layer.attention() - 1536 - 512);
    assertEquals(layer.attention(), Fixtures.deepseekV3().parameters().moeLayer().attention());
  }

  @Test
  void deepseekV3AttentionOver61LayersIs11_4B() {
    // Seed 003 section 4.4: 61 * 187,105,280 = 11,413,422,080 (T08), plus 61 * 2048 latent-norm weights.
    ParameterBreakdown p = Fixtures.deepseekV3().parameters();
    assertEquals(11_413_422_080L + 61 * 2048L, p.get(Component.ATTENTION));
  }

  @Test
  void deepseekV3DenseAndMoeLayersMatchSeed003() {
    ParameterBreakdown p = Fixtures.deepseekV3().parameters();
    // T12: 3*H*I_dense = 396,361,728 per layer, 1,189,085,184 over the 3 dense layers.
    assertEquals(396_361_728L, p.denseLayer().denseFfn());
    assertEquals(1_189_085_184L, p.get(Component.DENSE_FFN));
    assertEquals(3, p.denseLayers());
    assertEquals(58, p.moeLayers());
    // T13: one expert 3*H*I_moe = 44,040,192; layer = 257 experts + gate H*N_r = 11,320,164,352 (seed prints 11.34B).
    LayerParameters moe = p.moeLayer();
    assertEquals(44_040_192L, moe.sharedExperts());
    assertEquals(256 * 44_040_192L, moe.routedExperts());
    // Our router also holds DeepSeek-V3's e_score_correction_bias (256 per layer).
    assertEquals(7168L * 256 + 256, moe.router());
    assertEquals(11_320_164_352L, moe.routedExperts() + moe.sharedExperts() + moe.router() - 256);
  }

  @Test
  void deepseekV3TotalIs671B() {
    // T15: emb + 61*MLA + 3*dense + 58*MoE + lm_head + 123*H = 671,026,279,424 (671.03B; the seed's rounded rows
    // sum to 672.15B). Ours adds the MLA latent norms (61*2048) and the router score-correction bias (58*256).
    ParameterBreakdown p = Fixtures.deepseekV3().parameters();
    long t15 = 671_026_279_424L;
    assertEquals(t15 + 61 * 2048L + 58 * 256L, p.total());
    assertEquals(t15, p.total(), t15 * 0.001);
    assertEquals(926_679_040L, p.get(Component.EMBEDDING));
    assertEquals(926_679_040L, p.get(Component.LM_HEAD));
    assertEquals(123 * 7168L, p.get(Component.NORMS));
  }

  @Test
  void deepseekV3ActiveIs37B() {
    // DeepSeek-V3 report: "37B activated". Seed 003 (T16): 61*MLA + 3*dense + 58*9*expert + lm_head = 36,518,166,528,
    // which leaves out the embedding (a lookup) and the 58 routers. Ours counts them as active, as the
    // 12.9B published for Mixtral does, so it is T16 + embedding + routers + norms + latent norms.
    ParameterBreakdown p = Fixtures.deepseekV3().parameters();
    long t16 = 36_518_166_528L;
    long expected = t16 + 926_679_040L + 58 * (7168L * 256 + 256) + 123 * 7168L + 61 * 2048L;
    assertEquals(37_552_297_472L, expected);
    assertEquals(expected, p.active());
    assertEquals(37e9, p.active(), 37e9 * 0.02);
    assertEquals(8 / 256.0, p.activeExpertFraction(), 0);
  }

  @Test
  void mixtral8x7bHas46_7BParametersIncludingTheRouter() {
    // Embedding and LM head 32000*4096 each; attention 32*41,943,040; experts 32*8*3*4096*14336;
    // router 32*4096*8 = 1,048,576; norms 266,240.
    ParameterBreakdown p = Fixtures.mixtral8x7b().parameters();
    assertEquals(1_048_576L, p.get(Component.ROUTER));
    assertEquals(45_097_156_608L, p.get(Component.ROUTED_EXPERTS));
    assertEquals(0, p.get(Component.DENSE_FFN));
    assertEquals(46_702_792_704L, p.total());
    // Mistral's published "12.9B active": everything but 6 of 8 experts per layer.
    assertEquals(46_702_792_704L - 45_097_156_608L * 3 / 4, p.active());
  }

  @Test
  void gemma3TiedEmbeddingsHaveNoSeparateLmHead() {
    ParameterBreakdown p = Fixtures.gemma3_27bText().parameters();
    assertEquals(0, p.get(Component.LM_HEAD));
    assertEquals(262_208L * 5376, p.get(Component.EMBEDDING));
    // Four sandwich norms per layer plus the per-head q/k norms (2 * 128) and the final norm.
    assertEquals(62 * (4 * 5376L) + 5376, p.get(Component.NORMS));
    assertEquals(2 * 128L, p.denseLayer().attentionReplicated());
  }

  @Test
  void attentionKindFollowsTheHeadLayout() {
    assertEquals(AttentionKind.GQA, Fixtures.llama31_8b().attentionKind());
    assertEquals(AttentionKind.MHA, Fixtures.llama2_7b().attentionKind());
    assertEquals(AttentionKind.MLA, Fixtures.deepseekV3().attentionKind());
    assertEquals(AttentionKind.MQA,
        ModelSpec.builder().from(Fixtures.llama31_8b()).numKvHeads(1).build().attentionKind());
  }
}
