package dev.aicompass.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicompass.model.AttentionKind;
import dev.aicompass.model.Component;
import dev.aicompass.model.FfnKind;
import dev.aicompass.model.MlaSpec;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.MoeSpec;
import dev.aicompass.model.NormKind;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.model.VisionEncoderSpec;
import org.junit.jupiter.api.Test;

/**
 * config.json fixtures for each architecture family, copied from the Hugging Face repositories
 * named above each (fields that do not affect the shape, such as token ids, are trimmed). Expected
 * totals cite the publisher's figure or the repository's safetensors parameter count.
 */
class HfConfigImporterTest {

  private static ImportResult load(String name, String json) {
    return HfConfigImporter.fromJson(name, json);
  }

  private static void assertWithin(double expected, double actual, double relative, String what) {
    assertTrue(Math.abs(actual - expected) <= relative * expected,
        what + ": expected " + expected / 1e9 + "B within " + relative * 100 + " %, got " + actual / 1e9 + "B");
  }

  // ---- Llama, Mistral, Granite ----------------------------------------------------------------------

  /** meta-llama/Llama-3.1-8B config.json. */
  static final String LLAMA_31_8B = """
      {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
       "bos_token_id": 128000, "eos_token_id": 128001, "hidden_act": "silu", "hidden_size": 4096,
       "initializer_range": 0.02, "intermediate_size": 14336, "max_position_embeddings": 131072,
       "mlp_bias": false, "model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 32,
       "num_key_value_heads": 8, "pretraining_tp": 1, "rms_norm_eps": 1e-05,
       "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                        "original_max_position_embeddings": 8192, "rope_type": "llama3"},
       "rope_theta": 500000.0, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
       "transformers_version": "4.43.0.dev0", "use_cache": true, "vocab_size": 128256}
      """;

  @Test
  void importsLlama31() {
    ImportResult r = load("llama-3.1-8b", LLAMA_31_8B);
    ModelSpec m = r.spec();
    assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    // 8,030,261,248: the safetensors parameter count on the Hugging Face model page.
    assertEquals(8_030_261_248L, m.parameters().total());
    assertEquals(AttentionKind.GQA, m.attentionKind());
    assertEquals(128, m.headDim());
    assertEquals(131072, m.maxPositionEmbeddings());
    assertEquals(Precision.BF16, m.nativePrecision());
    assertEquals("LlamaForCausalLM", m.architecture().orElseThrow());
  }

  /** mistralai/Mistral-7B-v0.1 config.json: a 4096-token sliding window on every layer. */
  static final String MISTRAL_7B = """
      {"architectures": ["MistralForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
       "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 14336,
       "max_position_embeddings": 32768, "model_type": "mistral", "num_attention_heads": 32,
       "num_hidden_layers": 32, "num_key_value_heads": 8, "rms_norm_eps": 1e-05, "rope_theta": 10000.0,
       "sliding_window": 4096, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
       "transformers_version": "4.34.0.dev0", "use_cache": true, "vocab_size": 32000}
      """;

  @Test
  void importsMistralWithASlidingWindowOnEveryLayer() {
    ModelSpec m = load("mistral-7b", MISTRAL_7B).spec();
    assertEquals(7_241_732_096L, m.parameters().total()); // safetensors count of Mistral-7B-v0.1
    assertEquals(4096, m.slidingWindow().getAsInt());
    assertEquals(32, m.slidingWindowLayers());
    ModelSpec v3 = load("mistral-7b-v0.3", MISTRAL_7B.replace("\"sliding_window\": 4096", "\"sliding_window\": null"))
        .spec();
    assertTrue(v3.slidingWindow().isEmpty());
  }

  /** ibm-granite/granite-3.3-8b-instruct config.json (muP multipliers do not change shapes). */
  static final String GRANITE_33_8B = """
      {"architectures": ["GraniteForCausalLM"], "attention_bias": false, "attention_dropout": 0.1,
       "attention_multiplier": 0.0078125, "embedding_multiplier": 12.0, "hidden_act": "silu",
       "hidden_size": 4096, "intermediate_size": 12800, "logits_scaling": 16.0,
       "max_position_embeddings": 131072, "mlp_bias": false, "model_type": "granite",
       "num_attention_heads": 32, "num_hidden_layers": 40, "num_key_value_heads": 8,
       "residual_multiplier": 0.22, "rms_norm_eps": 1e-05, "rope_scaling": null, "rope_theta": 10000000.0,
       "tie_word_embeddings": true, "torch_dtype": "bfloat16", "vocab_size": 49159}
      """;

  @Test
  void importsGraniteAsLlamaWithTiedEmbeddings() {
    ModelSpec m = load("granite-3.3-8b", GRANITE_33_8B).spec();
    assertTrue(m.tiedEmbeddings());
    assertWithin(8.17e9, m.parameters().total(), 0.005, "granite-3.3-8b (8.17B on the model page)");
  }

  // ---- Qwen ----------------------------------------------------------------------------------------

  /** Qwen/Qwen2.5-7B-Instruct config.json: q/k/v biases; use_sliding_window false. */
  static final String QWEN25_7B = """
      {"architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 151643,
       "eos_token_id": 151645, "hidden_act": "silu", "hidden_size": 3584, "initializer_range": 0.02,
       "intermediate_size": 18944, "max_position_embeddings": 32768, "max_window_layers": 28,
       "model_type": "qwen2", "num_attention_heads": 28, "num_hidden_layers": 28, "num_key_value_heads": 4,
       "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "sliding_window": 131072, "tie_word_embeddings": false,
       "torch_dtype": "bfloat16", "transformers_version": "4.43.1", "use_cache": true,
       "use_sliding_window": false, "vocab_size": 152064}
      """;

  @Test
  void importsQwen2WithQkvBiasAndNoWindowWhenSlidingIsOff() {
    ModelSpec m = load("qwen2.5-7b", QWEN25_7B).spec();
    assertEquals(7_615_616_512L, m.parameters().total()); // Qwen2.5-7B-Instruct safetensors count (7.62B)
    assertTrue(m.attentionBias());
    assertFalse(m.attentionOutputBias());
    assertTrue(m.slidingWindow().isEmpty());
  }

  @Test
  void qwen2SlidingWindowAppliesToLayersFromMaxWindowLayers() {
    // Qwen2Config: "the first max_window_layers layers use full attention", the rest the window.
    ModelSpec m = load("qwen-swa", QWEN25_7B.replace("\"use_sliding_window\": false", "\"use_sliding_window\": true")
        .replace("\"sliding_window\": 131072", "\"sliding_window\": 4096")
        .replace("\"max_window_layers\": 28", "\"max_window_layers\": 20")).spec();
    assertEquals(4096, m.slidingWindow().getAsInt());
    assertEquals(8, m.slidingWindowLayers());
  }

  /** Qwen/Qwen3-8B config.json: QK-norm, explicit head_dim 128. */
  static final String QWEN3_8B = """
      {"architectures": ["Qwen3ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
       "head_dim": 128, "hidden_act": "silu", "hidden_size": 4096, "initializer_range": 0.02,
       "intermediate_size": 12288, "max_position_embeddings": 40960, "max_window_layers": 36,
       "model_type": "qwen3", "num_attention_heads": 32, "num_hidden_layers": 36, "num_key_value_heads": 8,
       "rms_norm_eps": 1e-06, "rope_scaling": null, "rope_theta": 1000000, "sliding_window": null,
       "tie_word_embeddings": false, "torch_dtype": "bfloat16", "transformers_version": "4.51.0",
       "use_cache": true, "use_sliding_window": false, "vocab_size": 151936}
      """;

  @Test
  void importsQwen3WithQkNorm() {
    ModelSpec m = load("qwen3-8b", QWEN3_8B).spec();
    assertTrue(m.qkNorm());
    assertFalse(m.attentionBias());
    assertWithin(8.19e9, m.parameters().total(), 0.005, "qwen3-8b (8.2B in the Qwen3 model card)");
  }

  /** Qwen/Qwen1.5-MoE-A2.7B config.json: 60 experts top-4 plus a gated shared expert (5632 wide). */
  static final String QWEN15_MOE = """
      {"architectures": ["Qwen2MoeForCausalLM"], "attention_dropout": 0.0, "decoder_sparse_step": 1,
       "hidden_act": "silu", "hidden_size": 2048, "initializer_range": 0.02, "intermediate_size": 5632,
       "max_position_embeddings": 8192, "max_window_layers": 21, "model_type": "qwen2_moe",
       "moe_intermediate_size": 1408, "norm_topk_prob": false, "num_attention_heads": 16, "num_experts": 60,
       "num_experts_per_tok": 4, "num_hidden_layers": 24, "num_key_value_heads": 16,
       "output_router_logits": false, "rms_norm_eps": 1e-06, "rope_theta": 1000000.0,
       "router_aux_loss_coef": 0.001, "shared_expert_intermediate_size": 5632, "sliding_window": 32768,
       "tie_word_embeddings": false, "torch_dtype": "bfloat16", "transformers_version": "4.39.0.dev0",
       "use_cache": true, "use_sliding_window": false, "vocab_size": 151936}
      """;

  @Test
  void importsQwen2MoeWithAGatedSharedExpert() {
    ModelSpec m = load("qwen1.5-moe-a2.7b", QWEN15_MOE).spec();
    MoeSpec e = m.moe().orElseThrow();
    assertEquals(60, e.numExperts());
    assertEquals(4, e.expertsPerToken());
    assertEquals(1408, e.expertIntermediateSize());
    assertEquals(5632, e.sharedIntermediateSize());
    assertTrue(e.sharedExpertGate());
    // Qwen blog "Qwen1.5-MoE: Matching 7B Model Performance with 1/3 Activated Parameters": 14.3B total, 2.7B activated.
    assertWithin(14.3e9, m.parameters().total(), 0.01, "total");
    assertWithin(2.7e9, m.parameters().active(), 0.02, "active");
  }

  @Test
  void mlpOnlyLayersBecomeDenseLayers() {
    ModelSpec m = load("q", QWEN15_MOE.replace("\"decoder_sparse_step\": 1", "\"decoder_sparse_step\": 1, "
        + "\"mlp_only_layers\": [0, 1]")).spec();
    assertEquals(2, m.moe().orElseThrow().firstDenseLayers());
    assertEquals(5632, m.intermediateSize());
    assertEquals(22, m.parameters().moeLayers());
  }

  /** Qwen/Qwen3-30B-A3B config.json: 128 experts top-8, every layer MoE. */
  static final String QWEN3_30B_A3B = """
      {"architectures": ["Qwen3MoeForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
       "decoder_sparse_step": 1, "head_dim": 128, "hidden_act": "silu", "hidden_size": 2048,
       "initializer_range": 0.02, "intermediate_size": 6144, "max_position_embeddings": 40960,
       "max_window_layers": 48, "mlp_only_layers": [], "model_type": "qwen3_moe", "moe_intermediate_size": 768,
       "norm_topk_prob": true, "num_attention_heads": 32, "num_experts": 128, "num_experts_per_tok": 8,
       "num_hidden_layers": 48, "num_key_value_heads": 4, "output_router_logits": false, "rms_norm_eps": 1e-06,
       "rope_scaling": null, "rope_theta": 1000000.0, "router_aux_loss_coef": 0.001, "sliding_window": null,
       "tie_word_embeddings": false, "torch_dtype": "bfloat16", "transformers_version": "4.51.0",
       "use_cache": true, "use_sliding_window": false, "vocab_size": 151936}
      """;

  @Test
  void importsQwen3Moe() {
    ModelSpec m = load("qwen3-30b-a3b", QWEN3_30B_A3B).spec();
    assertEquals(48, m.parameters().moeLayers());
    assertEquals(0, m.moe().orElseThrow().numSharedExperts());
    // Qwen3 technical report table 2: 30.5B total, 3.3B activated.
    assertWithin(30.5e9, m.parameters().total(), 0.01, "total");
    assertWithin(3.3e9, m.parameters().active(), 0.03, "active");
  }

  // ---- Gemma ----------------------------------------------------------------------------------------

  /** google/gemma-7b config.json: head_dim 256 > hidden/heads, tie_word_embeddings left to GemmaConfig's true. */
  static final String GEMMA_7B = """
      {"architectures": ["GemmaForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
       "bos_token_id": 2, "eos_token_id": 1, "head_dim": 256, "hidden_act": "gelu", "hidden_size": 3072,
       "initializer_range": 0.02, "intermediate_size": 24576, "max_position_embeddings": 8192,
       "model_type": "gemma", "num_attention_heads": 16, "num_hidden_layers": 28, "num_key_value_heads": 16,
       "pad_token_id": 0, "rms_norm_eps": 1e-06, "rope_scaling": null, "rope_theta": 10000.0,
       "torch_dtype": "bfloat16", "transformers_version": "4.38.0.dev0", "use_cache": true, "vocab_size": 256000}
      """;

  @Test
  void importsGemmaWithTiedEmbeddingsByDefault() {
    ModelSpec m = load("gemma-7b", GEMMA_7B).spec();
    assertTrue(m.tiedEmbeddings());
    assertEquals(256, m.headDim());
    assertEquals(FfnKind.GATED, m.ffnKind()); // GeGLU
    // Gemma technical report (arXiv:2403.08295) table 2: 7B model has 7,751,248,896 non-embedding + 786,432,000 embedding.
    assertEquals(7_751_248_896L + 786_432_000L, m.parameters().total());
  }

  /** google/gemma-2-2b-it config.json: 26 layers alternating sliding (4096) and global, starting with sliding. */
  static final String GEMMA_2_2B = """
      {"architectures": ["Gemma2ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
       "attn_logit_softcapping": 50.0, "cache_implementation": "hybrid", "final_logit_softcapping": 30.0,
       "head_dim": 256, "hidden_act": "gelu_pytorch_tanh", "hidden_activation": "gelu_pytorch_tanh",
       "hidden_size": 2304, "initializer_range": 0.02, "intermediate_size": 9216, "max_position_embeddings": 8192,
       "model_type": "gemma2", "num_attention_heads": 8, "num_hidden_layers": 26, "num_key_value_heads": 4,
       "pad_token_id": 0, "query_pre_attn_scalar": 256, "rms_norm_eps": 1e-06, "rope_theta": 10000.0,
       "sliding_window": 4096, "torch_dtype": "float32", "transformers_version": "4.42.4", "use_cache": true,
       "vocab_size": 256000}
      """;

  @Test
  void importsGemma2WithHalfTheLayersSliding() {
    ModelSpec m = load("gemma-2-2b", GEMMA_2_2B).spec();
    assertEquals(13, m.slidingWindowLayers()); // layers 0, 2, ..., 24 slide (Gemma2 layer_types)
    assertEquals(4096, m.slidingWindow().getAsInt());
    assertEquals(4, m.normsPerLayer());
    assertEquals(Precision.FP32, m.nativePrecision());
    assertEquals(2_614_341_888L, m.parameters().total()); // gemma-2-2b safetensors count (2.61B)
    ModelSpec odd = load("odd", GEMMA_2_2B.replace("\"num_hidden_layers\": 26", "\"num_hidden_layers\": 27")).spec();
    assertEquals(14, odd.slidingWindowLayers());
  }

  /** google/gemma-2-9b config.json. */
  static final String GEMMA_2_9B = GEMMA_2_2B.replace("\"hidden_size\": 2304", "\"hidden_size\": 3584")
      .replace("\"intermediate_size\": 9216", "\"intermediate_size\": 14336")
      .replace("\"num_attention_heads\": 8", "\"num_attention_heads\": 16")
      .replace("\"num_hidden_layers\": 26", "\"num_hidden_layers\": 42")
      .replace("\"num_key_value_heads\": 4", "\"num_key_value_heads\": 8");

  @Test
  void importsGemma2_9b() {
    ModelSpec m = load("gemma-2-9b", GEMMA_2_9B).spec();
    assertEquals(9_241_705_984L, m.parameters().total()); // Gemma 2 report: 9.24B; safetensors 9,241,705,984
    assertEquals(21, m.slidingWindowLayers());
  }

  /**
   * google/gemma-3-4b-it config.json as published: the text_config omits every field equal to
   * Gemma3TextConfig's defaults (heads, KV heads, head_dim, vocab_size, sliding_window_pattern).
   */
  static final String GEMMA_3_4B = """
      {"architectures": ["Gemma3ForConditionalGeneration"], "boi_token_index": 255999,
       "eoi_token_index": 256000, "eos_token_id": [1, 106], "image_token_index": 262144,
       "initializer_range": 0.02, "mm_tokens_per_image": 256, "model_type": "gemma3",
       "text_config": {"hidden_size": 2560, "intermediate_size": 10240, "model_type": "gemma3_text",
                       "num_hidden_layers": 34, "rope_scaling": {"factor": 8.0, "rope_type": "linear"},
                       "sliding_window": 1024},
       "torch_dtype": "bfloat16", "transformers_version": "4.50.0.dev0",
       "vision_config": {"hidden_size": 1152, "image_size": 896, "intermediate_size": 4304,
                         "model_type": "siglip_vision_model", "num_attention_heads": 16, "num_hidden_layers": 27,
                         "patch_size": 14, "vision_use_head": false}}
      """;

  @Test
  void importsGemma3WithSigLipAndTheConfigClassDefaults() {
    ImportResult r = load("gemma-3-4b", GEMMA_3_4B);
    ModelSpec m = r.spec();
    assertEquals(8, m.numHeads());
    assertEquals(4, m.numKvHeads());
    assertEquals(256, m.headDim());
    assertEquals(262208, m.vocabSize());
    assertEquals(131072, m.maxPositionEmbeddings());
    assertTrue(m.qkNorm() && m.tiedEmbeddings());
    assertEquals(29, m.slidingWindowLayers()); // 34 layers, global when (i + 1) % 6 == 0: 5 global
    VisionEncoderSpec v = m.vision().orElseThrow();
    assertEquals(256, v.tokensPerImage());
    assertEquals(896, v.imageSize());
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Gemma3TextConfig")), r.warnings().toString());
    // Gemma 3 model card: 4.3B parameters (text + 417M SigLIP encoder).
    assertWithin(4.30e9, m.parameters().total(), 0.01, "gemma-3-4b");
  }

  @Test
  void gemma3LayerTypesWinOverThePattern() {
    StringBuilder types = new StringBuilder("[");
    for (int i = 0; i < 34; i++) {
      types.append(i > 0 ? ", " : "").append(i % 2 == 0 ? "\"sliding_attention\"" : "\"full_attention\"");
    }
    String cfg = GEMMA_3_4B.replace("\"sliding_window\": 1024}", "\"sliding_window\": 1024, \"layer_types\": "
        + types + "]}");
    assertEquals(17, load("g", cfg).spec().slidingWindowLayers());
  }

  // ---- Phi, GPT-J -------------------------------------------------------------------------------------

  /** microsoft/phi-2 config.json (PhiForCausalLM names): partial rotary 0.4, LayerNorm, biases, parallel block. */
  static final String PHI_2 = """
      {"architectures": ["PhiForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 50256,
       "embd_pdrop": 0.0, "eos_token_id": 50256, "hidden_act": "gelu_new", "hidden_size": 2560,
       "initializer_range": 0.02, "intermediate_size": 10240, "layer_norm_eps": 1e-05,
       "max_position_embeddings": 2048, "model_type": "phi", "num_attention_heads": 32, "num_hidden_layers": 32,
       "num_key_value_heads": 32, "partial_rotary_factor": 0.4, "qk_layernorm": false, "resid_pdrop": 0.1,
       "rope_scaling": null, "rope_theta": 10000.0, "tie_word_embeddings": false, "torch_dtype": "float16",
       "transformers_version": "4.37.0", "use_cache": true, "vocab_size": 51200}
      """;

  /** The same model in the phi-msft format it shipped with at release (n_embd, n_layer, n_inner null, rotary_dim). */
  static final String PHI_2_MSFT = """
      {"architectures": ["PhiForCausalLM"], "model_type": "phi-msft", "activation_function": "gelu_new",
       "n_embd": 2560, "n_head": 32, "n_head_kv": null, "n_inner": null, "n_layer": 32, "n_positions": 2048,
       "rotary_dim": 32, "tie_word_embeddings": false, "torch_dtype": "float16", "vocab_size": 51200}
      """;

  @Test
  void importsPhi2InBothFormats() {
    for (String cfg : new String[] {PHI_2, PHI_2_MSFT}) {
      ModelSpec m = load("phi-2", cfg).spec();
      assertEquals(32, m.rotaryDim());
      assertEquals(80, m.headDim());
      assertEquals(1, m.normsPerLayer());
      assertEquals(NormKind.LAYER, m.normKind());
      assertEquals(FfnKind.PLAIN, m.ffnKind());
      assertTrue(m.mlpBias() && m.attentionBias() && m.lmHeadBias());
      assertEquals(2048, m.maxPositionEmbeddings());
      assertEquals(Precision.FP16, m.nativePrecision());
      assertEquals(2_779_683_840L, m.parameters().total()); // microsoft/phi-2 safetensors count (2.78B)
    }
  }

  /** microsoft/phi-4 config.json: Phi3ForCausalLM, fused qkv/gate_up (same counts as separate), RMSNorm. */
  static final String PHI_4 = """
      {"architectures": ["Phi3ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
       "bos_token_id": 100257, "embd_pdrop": 0.0, "eos_token_id": 100265, "hidden_act": "silu",
       "hidden_size": 5120, "initializer_range": 0.02, "intermediate_size": 17920,
       "max_position_embeddings": 16384, "model_type": "phi3", "num_attention_heads": 40,
       "num_hidden_layers": 40, "num_key_value_heads": 10, "original_max_position_embeddings": 16384,
       "pad_token_id": 100349, "resid_pdrop": 0.0, "rms_norm_eps": 1e-05, "rope_scaling": null,
       "rope_theta": 250000, "sliding_window": null, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
       "transformers_version": "4.47.0", "use_cache": true, "vocab_size": 100352}
      """;

  @Test
  void importsPhi4() {
    ModelSpec m = load("phi-4", PHI_4).spec();
    assertEquals(FfnKind.GATED, m.ffnKind());
    assertEquals(NormKind.RMS, m.normKind());
    assertWithin(14.7e9, m.parameters().total(), 0.005, "phi-4 (Phi-4 technical report: 14B, 14.7B on the model page)");
  }

  @Test
  void phi3WindowLongerThanTheContextIsNoWindow() {
    // microsoft/Phi-3.5-mini-instruct: sliding_window 262144 > max_position_embeddings 131072.
    ModelSpec m = load("phi-3.5", PHI_4.replace("\"sliding_window\": null", "\"sliding_window\": 262144")
        .replace("\"max_position_embeddings\": 16384", "\"max_position_embeddings\": 131072")).spec();
    assertTrue(m.slidingWindow().isEmpty());
  }

  /** EleutherAI/gpt-j-6b config.json: rotary_dim 64 of head 256, n_inner null (4 x n_embd), lm_head bias. */
  static final String GPTJ_6B = """
      {"activation_function": "gelu_new", "architectures": ["GPTJForCausalLM"], "attn_pdrop": 0.0,
       "bos_token_id": 50256, "embd_pdrop": 0.0, "eos_token_id": 50256, "gradient_checkpointing": false,
       "initializer_range": 0.02, "layer_norm_epsilon": 1e-05, "model_type": "gptj", "n_embd": 4096,
       "n_head": 16, "n_inner": null, "n_layer": 28, "n_positions": 2048, "resid_pdrop": 0.0,
       "rotary": true, "rotary_dim": 64, "scale_attn_weights": true, "tie_word_embeddings": false,
       "tokenizer_class": "GPT2Tokenizer", "transformers_version": "4.18.0.dev0", "use_cache": true,
       "vocab_size": 50400}
      """;

  @Test
  void importsGptJ() {
    ImportResult r = load("gpt-j-6b", GPTJ_6B);
    ModelSpec m = r.spec();
    assertEquals(64, m.rotaryDim());
    assertEquals(16384, m.intermediateSize());
    assertTrue(m.lmHeadBias());
    assertEquals(2048, m.maxPositionEmbeddings());
    // EleutherAI model card: 6,053,381,344 parameters.
    assertWithin(6_053_381_344d, m.parameters().total(), 0.001, "gpt-j-6b");
    assertTrue(r.warnings().contains("torch_dtype missing; assuming bf16 weights"), r.warnings().toString());
  }

  // ---- Mixture of experts ------------------------------------------------------------------------------

  /** mistralai/Mixtral-8x7B-v0.1 config.json: 8 experts top-2, the expert width is intermediate_size. */
  static final String MIXTRAL_8X7B = """
      {"architectures": ["MixtralForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 1, "eos_token_id": 2,
       "hidden_act": "silu", "hidden_size": 4096, "initializer_range": 0.02, "intermediate_size": 14336,
       "max_position_embeddings": 32768, "model_type": "mixtral", "num_attention_heads": 32,
       "num_experts_per_tok": 2, "num_hidden_layers": 32, "num_key_value_heads": 8, "num_local_experts": 8,
       "output_router_logits": false, "rms_norm_eps": 1e-05, "rope_theta": 1000000.0,
       "router_aux_loss_coef": 0.02, "sliding_window": null, "tie_word_embeddings": false,
       "torch_dtype": "bfloat16", "transformers_version": "4.36.0.dev0", "use_cache": true, "vocab_size": 32000}
      """;

  @Test
  void importsMixtral() {
    ModelSpec m = load("mixtral-8x7b", MIXTRAL_8X7B).spec();
    assertEquals(46_702_792_704L, m.parameters().total()); // Mixtral-8x7B-v0.1 safetensors count (46.7B)
    assertWithin(12.9e9, m.parameters().active(), 0.01, "active (Mistral: 12.9B per token)");
    assertEquals(14336, m.moe().orElseThrow().expertIntermediateSize());
  }

  /** deepseek-ai/DeepSeek-V3 config.json: MLA, 256 routed + 1 shared expert, 3 dense layers, block FP8. */
  static final String DEEPSEEK_V3 = """
      {"architectures": ["DeepseekV3ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
       "aux_loss_alpha": 0.001, "bos_token_id": 0, "eos_token_id": 1, "ep_size": 1, "first_k_dense_replace": 3,
       "hidden_act": "silu", "hidden_size": 7168, "initializer_range": 0.02, "intermediate_size": 18432,
       "kv_lora_rank": 512, "max_position_embeddings": 163840, "model_type": "deepseek_v3",
       "moe_intermediate_size": 2048, "moe_layer_freq": 1, "n_group": 8, "n_routed_experts": 256,
       "n_shared_experts": 1, "norm_topk_prob": true, "num_attention_heads": 128, "num_experts_per_tok": 8,
       "num_hidden_layers": 61, "num_key_value_heads": 128, "num_nextn_predict_layers": 1, "q_lora_rank": 1536,
       "qk_nope_head_dim": 128, "qk_rope_head_dim": 64,
       "quantization_config": {"activation_scheme": "dynamic", "fmt": "e4m3", "quant_method": "fp8",
                               "weight_block_size": [128, 128]},
       "rms_norm_eps": 1e-06,
       "rope_scaling": {"beta_fast": 32, "beta_slow": 1, "factor": 40, "mscale": 1.0, "mscale_all_dim": 1.0,
                        "original_max_position_embeddings": 4096, "type": "yarn"},
       "rope_theta": 10000, "routed_scaling_factor": 2.5, "scoring_func": "sigmoid", "seq_aux": true,
       "tie_word_embeddings": false, "topk_group": 4, "topk_method": "noaux_tc", "torch_dtype": "bfloat16",
       "transformers_version": "4.33.1", "use_cache": true, "v_head_dim": 128, "vocab_size": 129280}
      """;

  @Test
  void importsDeepSeekV3WithMlaMoeAndBlockFp8() {
    ModelSpec m = load("deepseek-v3", DEEPSEEK_V3).spec();
    MlaSpec a = m.mla().orElseThrow();
    assertEquals(1536, a.qLoraRank());
    assertEquals(576, a.cachedElementsPerToken());
    MoeSpec e = m.moe().orElseThrow();
    assertEquals(256, e.numExperts());
    assertEquals(3, e.firstDenseLayers());
    assertEquals(2048, e.sharedIntermediateSize());
    assertTrue(e.routerBias()); // e_score_correction_bias
    assertEquals(18432, m.intermediateSize());
    assertEquals(QuantizationScheme.FP8_BLOCK, m.nativeQuantization().orElseThrow());
    assertEquals(64, m.rotaryDim());
    // DeepSeek-V3 technical report: 671B total (main model, MTP module excluded), 37B activated.
    assertWithin(671e9, m.parameters().total(), 0.005, "total");
    assertWithin(37e9, m.parameters().active(), 0.03, "active");
  }

  /** deepseek-ai/DeepSeek-V2-Lite config.json: q_lora_rank null (queries not compressed), 64 experts + 2 shared. */
  static final String DEEPSEEK_V2_LITE = """
      {"architectures": ["DeepseekV2ForCausalLM"], "attention_bias": false, "first_k_dense_replace": 1,
       "hidden_act": "silu", "hidden_size": 2048, "intermediate_size": 10944, "kv_lora_rank": 512,
       "max_position_embeddings": 163840, "model_type": "deepseek_v2", "moe_intermediate_size": 1408,
       "moe_layer_freq": 1, "n_group": 1, "n_routed_experts": 64, "n_shared_experts": 2, "norm_topk_prob": false,
       "num_attention_heads": 16, "num_experts_per_tok": 6, "num_hidden_layers": 27, "num_key_value_heads": 16,
       "q_lora_rank": null, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64,
       "rope_scaling": {"beta_fast": 32, "beta_slow": 1, "factor": 40, "mscale": 0.707, "mscale_all_dim": 0.707,
                        "original_max_position_embeddings": 4096, "type": "yarn"},
       "rope_theta": 10000, "routed_scaling_factor": 1.0, "scoring_func": "softmax", "tie_word_embeddings": false,
       "topk_group": 1, "topk_method": "greedy", "torch_dtype": "bfloat16", "v_head_dim": 128, "vocab_size": 102400}
      """;

  @Test
  void importsDeepSeekV2LiteWithoutQueryCompression() {
    ModelSpec m = load("deepseek-v2-lite", DEEPSEEK_V2_LITE).spec();
    assertEquals(0, m.mla().orElseThrow().qLoraRank());
    assertFalse(m.moe().orElseThrow().routerBias());
    assertEquals(26, m.parameters().moeLayers());
    // DeepSeek-V2 paper / model card: DeepSeek-V2-Lite has 15.7B total parameters.
    assertWithin(15.7e9, m.parameters().total(), 0.01, "total");
  }

  /** openai/gpt-oss-20b config.json: MXFP4 experts, biases, alternating 128-token sliding layers. */
  static final String GPT_OSS_20B = """
      {"architectures": ["GptOssForCausalLM"], "attention_bias": true, "attention_dropout": 0.0,
       "eos_token_id": 200002, "experts_per_token": 4, "head_dim": 64, "hidden_act": "silu",
       "hidden_size": 2880, "initial_context_length": 4096, "initializer_range": 0.02, "intermediate_size": 2880,
       "layer_types": ["sliding_attention", "full_attention", "sliding_attention", "full_attention",
                       "sliding_attention", "full_attention", "sliding_attention", "full_attention",
                       "sliding_attention", "full_attention", "sliding_attention", "full_attention",
                       "sliding_attention", "full_attention", "sliding_attention", "full_attention",
                       "sliding_attention", "full_attention", "sliding_attention", "full_attention",
                       "sliding_attention", "full_attention", "sliding_attention", "full_attention"],
       "max_position_embeddings": 131072, "model_type": "gpt_oss", "num_attention_heads": 64,
       "num_experts_per_tok": 4, "num_hidden_layers": 24, "num_key_value_heads": 8, "num_local_experts": 32,
       "output_router_logits": false, "pad_token_id": 199999,
       "quantization_config": {"modules_to_not_convert": ["model.layers.*.self_attn", "model.layers.*.mlp.router",
                                                          "model.embed_tokens", "lm_head"],
                               "quant_method": "mxfp4"},
       "rms_norm_eps": 1e-05,
       "rope_scaling": {"beta_fast": 32.0, "beta_slow": 1.0, "factor": 32.0,
                        "original_max_position_embeddings": 4096, "rope_type": "yarn", "truncate": false},
       "rope_theta": 150000, "router_aux_loss_coef": 0.9, "sliding_window": 128, "swiglu_limit": 7.0,
       "tie_word_embeddings": false, "transformers_version": "4.55.0.dev0", "use_cache": true,
       "vocab_size": 201088}
      """;

  @Test
  void importsGptOss() {
    ImportResult r = load("gpt-oss-20b", GPT_OSS_20B);
    ModelSpec m = r.spec();
    assertEquals(QuantizationScheme.MXFP4, m.nativeQuantization().orElseThrow());
    assertEquals(QuantizationScheme.Scope.EXPERTS_ONLY, m.nativeQuantization().orElseThrow().scope());
    assertEquals(12, m.slidingWindowLayers());
    assertEquals(128, m.slidingWindow().getAsInt());
    assertEquals(64, m.headDim());
    assertTrue(m.attentionBias() && m.attentionOutputBias());
    MoeSpec e = m.moe().orElseThrow();
    assertTrue(e.routerBias() && e.expertBias());
    assertEquals(4, e.expertsPerToken());
    // OpenAI gpt-oss model card: 20.91B total; 3.61B active excluding the embedding table.
    assertWithin(20.91e9, m.parameters().total(), 0.005, "total");
    long embedding = m.parameters().get(Component.EMBEDDING);
    assertWithin(3.61e9, m.parameters().active() - embedding, 0.01, "active without embedding");
    assertTrue(r.warnings().contains("torch_dtype missing; assuming bf16 weights"));
  }

  /** meta-llama/Llama-4-Scout-17B-16E config.json (the catalog copy): 16 experts + shared expert on every layer. */
  static final String LLAMA4_SCOUT = """
      {"architectures": ["Llama4ForConditionalGeneration"], "model_type": "llama4", "tie_word_embeddings": false,
       "boi_token_index": 200080, "eoi_token_index": 200081, "image_token_index": 200092, "torch_dtype": "bfloat16",
       "text_config": {"model_type": "llama4_text", "attention_bias": false, "attention_chunk_size": 8192,
         "head_dim": 128, "hidden_act": "silu", "hidden_size": 5120, "interleave_moe_layer_step": 1,
         "intermediate_size": 8192, "intermediate_size_mlp": 16384, "max_position_embeddings": 10485760,
         "num_attention_heads": 40, "num_experts_per_tok": 1, "num_hidden_layers": 48, "num_key_value_heads": 8,
         "num_local_experts": 16, "rope_theta": 500000.0, "torch_dtype": "bfloat16", "use_qk_norm": true,
         "vocab_size": 202048},
       "vision_config": {"hidden_act": "gelu", "hidden_size": 1408, "image_size": 336, "intermediate_size": 5632,
         "model_type": "llama4_vision_model", "multi_modal_projector_bias": false, "num_attention_heads": 16,
         "num_channels": 3, "num_hidden_layers": 34, "patch_size": 14, "pixel_shuffle_ratio": 0.5,
         "projector_input_dim": 4096, "projector_output_dim": 4096, "vision_output_dim": 4096}}
      """;

  @Test
  void importsLlama4WithSharedExpertAndPixelShuffle() {
    ImportResult r = load("llama-4-scout", LLAMA4_SCOUT);
    ModelSpec m = r.spec();
    MoeSpec e = m.moe().orElseThrow();
    assertEquals(16, e.numExperts());
    assertEquals(8192, e.expertIntermediateSize());
    assertEquals(1, e.numSharedExperts());
    assertEquals(8192, e.sharedIntermediateSize());
    assertEquals(16384, m.intermediateSize());
    assertEquals(48, m.parameters().moeLayers());
    assertEquals(144, m.vision().orElseThrow().tokensPerImage()); // (336/14)^2 / 2^2
    assertEquals(36, m.slidingWindowLayers()); // chunked attention on 3 of every 4 layers
    // Meta model card: 109B total, 17B active.
    assertWithin(109e9, m.parameters().total(), 0.01, "total");
    assertWithin(17e9, m.parameters().active(), 0.08, "active");
    ModelSpec maverick = load("llama-4-maverick", LLAMA4_SCOUT.replace("\"interleave_moe_layer_step\": 1",
        "\"interleave_moe_layer_step\": 2").replace("\"num_local_experts\": 16", "\"num_local_experts\": 128")).spec();
    assertEquals(24, maverick.parameters().moeLayers());
    assertWithin(400e9, maverick.parameters().total(), 0.01, "maverick total (Meta: 400B)");
  }

  // ---- Vision and audio ----------------------------------------------------------------------------

  /**
   * llava-hf/llava-1.5-7b-hf config.json: the text_config only overrides LlamaConfig defaults; the
   * base named here is Llama-2-7B, whose shape those defaults are.
   */
  static final String LLAVA_15_7B = """
      {"architectures": ["LlavaForConditionalGeneration"], "ignore_index": -100, "image_token_index": 32000,
       "model_type": "llava", "pad_token_id": 32001, "projector_hidden_act": "gelu",
       "text_config": {"_name_or_path": "meta-llama/Llama-2-7b-hf", "architectures": ["LlamaForCausalLM"],
                       "max_position_embeddings": 4096, "model_type": "llama", "rms_norm_eps": 1e-05,
                       "torch_dtype": "float16", "vocab_size": 32064},
       "tie_word_embeddings": false, "torch_dtype": "float16", "transformers_version": "4.36.0.dev0",
       "vision_config": {"hidden_size": 1024, "image_size": 336, "intermediate_size": 4096,
                         "model_type": "clip_vision_model", "num_attention_heads": 16, "num_hidden_layers": 24,
                         "patch_size": 14, "projection_dim": 768, "vocab_size": 32000},
       "vision_feature_layer": -2, "vision_feature_select_strategy": "default", "vocab_size": 32064}
      """;

  @Test
  void importsLlavaFillingLlama2DefaultsForANamedLlama2Base() {
    ImportResult r = load("llava-1.5-7b", LLAVA_15_7B);
    ModelSpec m = r.spec();
    assertEquals(4096, m.hiddenSize());
    assertEquals(32, m.numLayers());
    assertEquals(11008, m.intermediateSize());
    assertEquals(32064, m.vocabSize());
    assertEquals(Precision.FP16, m.nativePrecision());
    VisionEncoderSpec v = m.vision().orElseThrow();
    assertEquals(576, v.tokensPerImage());
    assertEquals(24, v.numLayers());
    // mlp2x_gelu projector: 1024*4096 + 4096 + 4096*4096 + 4096.
    assertEquals(1024L * 4096 + 4096 + 4096L * 4096 + 4096, v.projectorParameters());
    assertTrue(r.warnings().get(0).contains("Llama-2-7B"), r.warnings().toString());
    // llava-hf/llava-1.5-7b-hf safetensors count: 7,063,427,072 (7.06B).
    assertWithin(7_063_427_072d, m.parameters().total(), 0.0005, "llava-1.5-7b");
  }

  @Test
  void llavaWithAnUnknownPartialTextConfigIsAnError() {
    String cfg = LLAVA_15_7B.replace("meta-llama/Llama-2-7b-hf", "someone/custom-7b");
    CatalogException e = assertThrows(CatalogException.class, () -> load("llava-x", cfg));
    assertEquals("config.json: $.text_config (line 3): missing 'hidden_size' (needed for the residual width)",
        e.getMessage());
  }

  @Test
  void llavaNamingVicunaFillsTheSameDefaults() {
    // The published llava-hf/llava-1.5-7b-hf text_config names lmsys/vicuna-7b-v1.5, a Llama-2-7B fine-tune.
    ModelSpec m = load("llava", LLAVA_15_7B.replace("meta-llama/Llama-2-7b-hf", "lmsys/vicuna-7b-v1.5")).spec();
    assertEquals(4096, m.hiddenSize());
    assertEquals(32, m.numLayers());
  }

  /** Qwen/Qwen2-VL-7B-Instruct config.json: text fields at the top level; vision embed_dim 1280, merger to 3584. */
  static final String QWEN2_VL_7B = """
      {"architectures": ["Qwen2VLForConditionalGeneration"], "attention_dropout": 0.0, "bos_token_id": 151643,
       "eos_token_id": 151645, "vision_start_token_id": 151652, "vision_end_token_id": 151653,
       "vision_token_id": 151654, "image_token_id": 151655, "video_token_id": 151656, "hidden_act": "silu",
       "hidden_size": 3584, "initializer_range": 0.02, "intermediate_size": 18944, "max_position_embeddings": 32768,
       "max_window_layers": 28, "model_type": "qwen2_vl", "num_attention_heads": 28, "num_hidden_layers": 28,
       "num_key_value_heads": 4, "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "sliding_window": 32768,
       "tie_word_embeddings": false, "torch_dtype": "bfloat16", "transformers_version": "4.41.2",
       "use_cache": true, "use_sliding_window": false,
       "vision_config": {"depth": 32, "embed_dim": 1280, "mlp_ratio": 4, "num_heads": 16, "in_chans": 3,
                         "hidden_size": 3584, "patch_size": 14, "spatial_merge_size": 2, "spatial_patch_size": 14,
                         "temporal_patch_size": 2},
       "rope_scaling": {"type": "mrope", "mrope_section": [16, 24, 24]}, "vocab_size": 152064}
      """;

  @Test
  void importsQwen2VlAtTheDefaultImageSize() {
    ImportResult r = load("qwen2-vl-7b", QWEN2_VL_7B);
    ModelSpec m = r.spec();
    VisionEncoderSpec v = m.vision().orElseThrow();
    assertEquals(1280, v.hiddenSize());
    assertEquals(5120, v.intermediateSize());
    assertEquals(448, v.imageSize());
    assertEquals(256, v.tokensPerImage());
    assertFalse(v.gatedMlp());
    // merger: LayerNorm(1280) + Linear(5120 -> 5120) + Linear(5120 -> 3584), biases.
    assertEquals(2 * 1280L + 5120L * 5120 + 5120 + 5120L * 3584 + 3584, v.projectorParameters());
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("448 x 448 px")), r.warnings().toString());
    assertEquals(7_615_616_512L, m.parameters().languageModel()); // the Qwen2-7B decoder
    assertWithin(8.29e9, m.parameters().total(), 0.005, "qwen2-vl-7b (8.29B on the model page)");
  }

  /** Qwen/Qwen2.5-VL-7B-Instruct config.json: gated (SwiGLU) RMSNorm ViT, windowed attention, out_hidden_size 3584. */
  static final String QWEN25_VL_7B = """
      {"architectures": ["Qwen2_5_VLForConditionalGeneration"], "attention_dropout": 0.0, "bos_token_id": 151643,
       "eos_token_id": 151645, "vision_start_token_id": 151652, "vision_end_token_id": 151653,
       "vision_token_id": 151654, "image_token_id": 151655, "video_token_id": 151656, "hidden_act": "silu",
       "hidden_size": 3584, "initializer_range": 0.02, "intermediate_size": 18944, "max_position_embeddings": 128000,
       "max_window_layers": 28, "model_type": "qwen2_5_vl", "num_attention_heads": 28, "num_hidden_layers": 28,
       "num_key_value_heads": 4, "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "sliding_window": 32768,
       "tie_word_embeddings": false, "torch_dtype": "bfloat16", "transformers_version": "4.41.2",
       "use_cache": true, "use_sliding_window": false,
       "vision_config": {"depth": 32, "hidden_act": "silu", "hidden_size": 1280, "intermediate_size": 3420,
                         "num_heads": 16, "in_chans": 3, "out_hidden_size": 3584, "patch_size": 14,
                         "spatial_merge_size": 2, "spatial_patch_size": 14, "window_size": 112,
                         "fullatt_block_indexes": [7, 15, 23, 31], "tokens_per_second": 2, "temporal_patch_size": 2},
       "rope_scaling": {"type": "mrope", "mrope_section": [16, 24, 24]}, "vocab_size": 152064}
      """;

  @Test
  void importsQwen25VlWithAGatedVisionMlp() {
    ModelSpec m = load("qwen2.5-vl-7b", QWEN25_VL_7B).spec();
    VisionEncoderSpec v = m.vision().orElseThrow();
    assertTrue(v.gatedMlp());
    assertEquals(1280, v.hiddenSize());
    assertEquals(3420, v.intermediateSize());
    // merger: RMSNorm(1280) + Linear(5120 -> 5120) + Linear(5120 -> 3584), biases.
    assertEquals(1280L + 5120L * 5120 + 5120 + 5120L * 3584 + 3584, v.projectorParameters());
    assertWithin(8.29e9, m.parameters().total(), 0.005, "qwen2.5-vl-7b (8.29B on the model page)");
  }

  /** Qwen/Qwen2-Audio-7B-Instruct config.json: Whisper-large-v3-style encoder, Qwen-7B text model. */
  static final String QWEN2_AUDIO_7B = """
      {"architectures": ["Qwen2AudioForConditionalGeneration"], "model_type": "qwen2_audio",
       "audio_token_index": 151646, "vocab_size": 156032, "torch_dtype": "bfloat16",
       "audio_config": {"model_type": "qwen2_audio_encoder", "num_mel_bins": 128, "encoder_layers": 32,
                        "encoder_attention_heads": 20, "encoder_ffn_dim": 5120, "d_model": 1280,
                        "activation_function": "gelu", "scale_embedding": false, "max_source_positions": 1500},
       "text_config": {"model_type": "qwen2", "hidden_act": "silu", "hidden_size": 4096, "num_hidden_layers": 32,
                       "num_attention_heads": 32, "num_key_value_heads": 32, "intermediate_size": 11008,
                       "max_position_embeddings": 8192, "rope_theta": 10000, "sliding_window": 32768,
                       "use_mrope": false, "vocab_size": 156032}}
      """;

  @Test
  void importsQwen2Audio() {
    ModelSpec m = load("qwen2-audio-7b", QWEN2_AUDIO_7B).spec();
    var a = m.audio().orElseThrow();
    assertEquals(1280, a.hiddenSize());
    assertEquals(32, a.numLayers());
    assertEquals(25.0, a.tokensPerSecond());
    assertEquals(1280L * 4096 + 4096, a.projectorParameters());
    assertTrue(m.slidingWindow().isEmpty()); // Qwen2Config: use_sliding_window defaults to false
    assertWithin(8.4e9, m.parameters().total(), 0.01, "qwen2-audio-7b (8.4B on the model page)");
  }

  /** moonshotai/Kimi-VL-A3B-Instruct config.json (the catalog copy): DeepSeek-V3-style MoE text model, MoonViT. */
  static final String KIMI_VL = """
      {"architectures": ["KimiVLForConditionalGeneration"], "model_type": "kimi_vl",
       "text_config": {"model_type": "deepseek_v3", "vocab_size": 163840, "max_position_embeddings": 131072,
         "hidden_size": 2048, "intermediate_size": 11264, "moe_intermediate_size": 1408, "num_hidden_layers": 27,
         "num_attention_heads": 16, "num_key_value_heads": 16, "n_shared_experts": 2, "n_routed_experts": 64,
         "kv_lora_rank": 512, "q_lora_rank": null, "qk_rope_head_dim": 64, "v_head_dim": 128,
         "qk_nope_head_dim": 128, "topk_method": "noaux_tc", "n_group": 1, "topk_group": 1,
         "num_experts_per_tok": 6, "moe_layer_freq": 1, "first_k_dense_replace": 1, "norm_topk_prob": true,
         "scoring_func": "sigmoid", "routed_scaling_factor": 2.446, "hidden_act": "silu", "rope_theta": 800000.0,
         "torch_dtype": "bfloat16"},
       "vision_config": {"model_type": "moonvit", "patch_size": 14, "num_attention_heads": 16,
         "num_hidden_layers": 27, "hidden_size": 1152, "intermediate_size": 4304, "merge_kernel_size": [2, 2]}}
      """;

  @Test
  void importsKimiVl() {
    ModelSpec m = load("kimi-vl-a3b", KIMI_VL).spec();
    assertTrue(m.mla().isPresent() && m.moe().isPresent());
    assertTrue(m.moe().orElseThrow().routerBias());
    assertEquals(256, m.vision().orElseThrow().tokensPerImage());
    // Kimi-VL technical report: 16B total (2.8B activated in the language model).
    assertWithin(16.4e9, m.parameters().total(), 0.02, "kimi-vl-a3b");
  }

  // ---- quantization_config -------------------------------------------------------------------------

  @Test
  void readsQuantizationConfigs() {
    String base = LLAMA_31_8B.replace("\"vocab_size\": 128256}", "\"vocab_size\": 128256, \"quantization_config\": %s}");
    assertEquals(QuantizationScheme.FP8_DYNAMIC.id(), quant(base, "{\"quant_method\": \"fp8\", \"activation_scheme\": \"dynamic\"}"));
    assertEquals(QuantizationScheme.GPTQ_INT4.id(), quant(base, "{\"quant_method\": \"gptq\", \"bits\": 4, \"group_size\": 128}"));
    assertEquals(QuantizationScheme.AWQ_INT4.id(), quant(base, "{\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128,"
        + " \"version\": \"gemm\", \"zero_point\": true}"));
    assertEquals(64, quantScheme(base, "{\"quant_method\": \"gptq\", \"bits\": 4, \"group_size\": 64}").groupSize());
    // compressed-tensors (llm-compressor) W8A8 and FP8_DYNAMIC presets
    assertEquals(QuantizationScheme.W8A8.id(), quant(base, "{\"quant_method\": \"compressed-tensors\", \"config_groups\": "
        + "{\"group_0\": {\"targets\": [\"Linear\"], \"weights\": {\"num_bits\": 8, \"type\": \"int\", \"strategy\": "
        + "\"channel\", \"symmetric\": true}, \"input_activations\": {\"num_bits\": 8, \"type\": \"int\", \"strategy\": "
        + "\"token\", \"dynamic\": true}}}}"));
    assertEquals(QuantizationScheme.FP8_DYNAMIC.id(), quant(base, "{\"quant_method\": \"compressed-tensors\", "
        + "\"config_groups\": {\"group_0\": {\"weights\": {\"num_bits\": 8, \"type\": \"float\", \"strategy\": "
        + "\"channel\"}, \"input_activations\": {\"num_bits\": 8, \"type\": \"float\", \"dynamic\": true}}}}"));
    assertEquals("int4", quant(base, "{\"quant_method\": \"compressed-tensors\", \"config_groups\": {\"group_0\": "
        + "{\"weights\": {\"num_bits\": 4, \"type\": \"int\", \"strategy\": \"group\", \"group_size\": 128}, "
        + "\"input_activations\": null}}}"));
    ImportResult unknown = load("x", String.format(base, "{\"quant_method\": \"hqq\"}"));
    assertTrue(unknown.spec().nativeQuantization().isEmpty());
    assertTrue(unknown.warnings().get(0).contains("'hqq' is not modelled"), unknown.warnings().toString());
  }

  private static String quant(String base, String qc) {
    return quantScheme(base, qc).id();
  }

  private static QuantizationScheme quantScheme(String base, String qc) {
    return load("q", String.format(base, qc)).spec().nativeQuantization().orElseThrow();
  }

  // ---- errors and warnings -------------------------------------------------------------------------

  @Test
  void missingLayerCountIsAnErrorNamingTheField() {
    CatalogException e = assertThrows(CatalogException.class,
        () -> load("x", LLAMA_31_8B.replace("\"num_hidden_layers\": 32,", "")));
    assertEquals("config.json: missing 'num_hidden_layers' (needed for the layer count)", e.getMessage());
  }

  @Test
  void kvHeadsThatDoNotDivideHeadsAreRejected() {
    CatalogException e = assertThrows(CatalogException.class,
        () -> load("x", LLAMA_31_8B.replace("\"num_key_value_heads\": 8", "\"num_key_value_heads\": 12")));
    assertEquals("config.json: $.num_key_value_heads (line 5): num_key_value_heads (12) must divide "
        + "num_attention_heads (32)", e.getMessage());
  }

  @Test
  void unknownArchitectureImportsAsAGenericDecoderWithAWarning() {
    ImportResult r = load("mystery", LLAMA_31_8B.replace("LlamaForCausalLM", "MysteryForCausalLM")
        .replace("\"model_type\": \"llama\"", "\"model_type\": \"mystery\""));
    assertEquals(8_030_261_248L, r.spec().parameters().total());
    assertTrue(r.warnings().get(0).startsWith("architecture 'MysteryForCausalLM' is not known"), r.warnings().toString());
  }

  @Test
  void unknownArchitectureWithoutTheStandardFieldsIsAnError() {
    CatalogException e = assertThrows(CatalogException.class, () -> load("m",
        "{\"architectures\": [\"MysteryForCausalLM\"], \"hidden_size\": 64, \"num_hidden_layers\": 2,"
            + " \"num_attention_heads\": 4, \"vocab_size\": 100}"));
    assertEquals("config.json: missing 'intermediate_size' (needed for the FFN width)", e.getMessage());
  }

  @Test
  void missingTorchDtypeWarnsAndAssumesBf16() {
    ImportResult r = load("x", LLAMA_31_8B.replace("\"torch_dtype\": \"bfloat16\",", ""));
    assertEquals(Precision.BF16, r.spec().nativePrecision());
    assertEquals(java.util.List.of("torch_dtype missing; assuming bf16 weights"), r.warnings());
    // transformers >= 4.56 writes "dtype"
    assertEquals(Precision.FP16, load("x", LLAMA_31_8B.replace("\"torch_dtype\": \"bfloat16\"", "\"dtype\": \"float16\""))
        .spec().nativePrecision());
  }

  @Test
  void wrongTypesAndValuesAreLocated() {
    CatalogException type = assertThrows(CatalogException.class,
        () -> load("x", LLAMA_31_8B.replace("\"hidden_size\": 4096", "\"hidden_size\": \"4096\"")));
    assertEquals("config.json: $.hidden_size (line 2): must be an integer, got a string '4096'", type.getMessage());
    CatalogException dtype = assertThrows(CatalogException.class,
        () -> load("x", LLAMA_31_8B.replace("\"torch_dtype\": \"bfloat16\"", "\"torch_dtype\": \"float9\"")));
    assertTrue(dtype.getMessage().startsWith("config.json: $.torch_dtype (line 8): precision 'float9' is unknown"),
        dtype.getMessage());
    CatalogException zero = assertThrows(CatalogException.class,
        () -> load("x", LLAMA_31_8B.replace("\"vocab_size\": 128256", "\"vocab_size\": 0")));
    assertEquals("config.json: $.vocab_size (line 9): vocab_size (0) must be positive", zero.getMessage());
  }

  @Test
  void crossFieldRulesOfTheCoreValuesAreLocated() {
    CatalogException e = assertThrows(CatalogException.class,
        () -> load("x", MIXTRAL_8X7B.replace("\"num_experts_per_tok\": 2", "\"num_experts_per_tok\": 9")));
    assertEquals("config.json: expertsPerToken (9) must not exceed numExperts (8)", e.getMessage());
    CatalogException rot = assertThrows(CatalogException.class,
        () -> load("x", GPTJ_6B.replace("\"rotary_dim\": 64", "\"rotary_dim\": 512")));
    assertTrue(rot.getMessage().endsWith("rotary_dim (512) must be between 0 and head_dim (256)"), rot.getMessage());
  }

  @Test
  void slidingLayerTypesNeedAWindow() {
    CatalogException e = assertThrows(CatalogException.class,
        () -> load("x", GPT_OSS_20B.replace("\"sliding_window\": 128,", "")));
    assertEquals("config.json: missing 'sliding_window' (needed for the 12 sliding-attention layers of layer_types)",
        e.getMessage());
  }

  @Test
  void parsedTreesImportToo() throws Exception {
    ModelSpec m = HfConfigImporter.fromJson("llama", new ObjectMapper().readTree(LLAMA_31_8B)).spec();
    assertEquals(8_030_261_248L, m.parameters().total());
  }
}
