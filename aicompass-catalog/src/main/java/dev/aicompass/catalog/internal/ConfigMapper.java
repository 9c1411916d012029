package dev.aicompass.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.catalog.CatalogException;
import dev.aicompass.model.AudioEncoderSpec;
import dev.aicompass.model.FfnKind;
import dev.aicompass.model.MlaSpec;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.MoeSpec;
import dev.aicompass.model.NormKind;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.model.VisionEncoderSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Maps a Hugging Face {@code config.json} onto a {@link ModelSpec}. The rules per architecture
 * follow the modelling code of Hugging Face transformers and vLLM; each is commented where it is
 * applied. A field the answer needs and the file lacks is an error naming the field; a guess
 * (a default the file leaves open) is a warning.
 */
public final class ConfigMapper {

  /** Image side assumed for native-resolution vision encoders (Qwen2-VL, Kimi-VL's MoonViT). */
  public static final int DEFAULT_NATIVE_IMAGE_SIZE = 448;

  /** An imported spec and what the importer had to assume. */
  public static final class Result {
    private final ModelSpec spec;
    private final List<String> warnings;

    Result(ModelSpec spec, List<String> warnings) {
      this.spec = spec;
      this.warnings = List.copyOf(warnings);
    }

    public ModelSpec spec() {
      return spec;
    }

    public List<String> warnings() {
      return warnings;
    }
  }

  /** The architectures the importer knows; wrappers (vision/audio) name their text family separately. */
  enum Family {
    LLAMA, MISTRAL, MIXTRAL, QWEN2, QWEN2_MOE, QWEN3, QWEN3_MOE, GEMMA, GEMMA2, GEMMA3, PHI, PHI3, GPTJ, GRANITE,
    GRANITE_MOE, DEEPSEEK, DEEPSEEK_V2, DEEPSEEK_V3, GPT_OSS, LLAMA4, COHERE, STARCODER2, OLMO2, OLMOE, INTERNLM2,
    BAICHUAN, MINICPM, GENERIC,
    // multimodal wrappers
    LLAVA, LLAVA_NEXT, MISTRAL3, QWEN2_VL, QWEN2_5_VL, QWEN2_AUDIO, GEMMA3_VL, LLAMA4_VL, KIMI_VL;

    boolean isWrapper() {
      return ordinal() >= LLAVA.ordinal();
    }

    Family defaultText() {
      switch (this) {
        case LLAVA:
        case LLAVA_NEXT:
          return LLAMA;
        case MISTRAL3:
          return MISTRAL;
        case QWEN2_VL:
        case QWEN2_5_VL:
        case QWEN2_AUDIO:
          return QWEN2;
        case GEMMA3_VL:
          return GEMMA3;
        case LLAMA4_VL:
          return LLAMA4;
        case KIMI_VL:
          return DEEPSEEK_V3;
        default:
          return this;
      }
    }
  }

  private static final Map<String, Family> BY_ARCHITECTURE = new HashMap<>();
  private static final Map<String, Family> BY_MODEL_TYPE = new HashMap<>();

  static {
    arch(Family.LLAMA, "LlamaForCausalLM", "llama");
    arch(Family.MISTRAL, "MistralForCausalLM", "mistral");
    arch(Family.MIXTRAL, "MixtralForCausalLM", "mixtral");
    arch(Family.QWEN2, "Qwen2ForCausalLM", "qwen2");
    arch(Family.QWEN2_MOE, "Qwen2MoeForCausalLM", "qwen2_moe");
    arch(Family.QWEN3, "Qwen3ForCausalLM", "qwen3");
    arch(Family.QWEN3_MOE, "Qwen3MoeForCausalLM", "qwen3_moe");
    arch(Family.GEMMA, "GemmaForCausalLM", "gemma");
    arch(Family.GEMMA2, "Gemma2ForCausalLM", "gemma2");
    arch(Family.GEMMA3, "Gemma3ForCausalLM", "gemma3_text");
    arch(Family.PHI, "PhiForCausalLM", "phi");
    BY_MODEL_TYPE.put("phi-msft", Family.PHI);
    arch(Family.PHI3, "Phi3ForCausalLM", "phi3");
    arch(Family.GPTJ, "GPTJForCausalLM", "gptj");
    arch(Family.GRANITE, "GraniteForCausalLM", "granite");
    arch(Family.GRANITE_MOE, "GraniteMoeForCausalLM", "granitemoe");
    arch(Family.GRANITE_MOE, "GraniteMoeSharedForCausalLM", "granitemoeshared");
    arch(Family.DEEPSEEK, "DeepseekForCausalLM", "deepseek");
    arch(Family.DEEPSEEK_V2, "DeepseekV2ForCausalLM", "deepseek_v2");
    arch(Family.DEEPSEEK_V3, "DeepseekV3ForCausalLM", "deepseek_v3");
    BY_MODEL_TYPE.put("kimi_k2", Family.DEEPSEEK_V3);
    arch(Family.GPT_OSS, "GptOssForCausalLM", "gpt_oss");
    arch(Family.LLAMA4, "Llama4ForCausalLM", "llama4_text");
    arch(Family.COHERE, "CohereForCausalLM", "cohere");
    arch(Family.STARCODER2, "Starcoder2ForCausalLM", "starcoder2");
    arch(Family.OLMO2, "Olmo2ForCausalLM", "olmo2");
    arch(Family.OLMOE, "OlmoeForCausalLM", "olmoe");
    arch(Family.INTERNLM2, "InternLM2ForCausalLM", "internlm2");
    arch(Family.BAICHUAN, "BaichuanForCausalLM", "baichuan");
    arch(Family.MINICPM, "MiniCPMForCausalLM", "minicpm");
    arch(Family.LLAVA, "LlavaForConditionalGeneration", "llava");
    arch(Family.LLAVA_NEXT, "LlavaNextForConditionalGeneration", "llava_next");
    arch(Family.MISTRAL3, "Mistral3ForConditionalGeneration", "mistral3");
    arch(Family.QWEN2_VL, "Qwen2VLForConditionalGeneration", "qwen2_vl");
    arch(Family.QWEN2_5_VL, "Qwen2_5_VLForConditionalGeneration", "qwen2_5_vl");
    arch(Family.QWEN2_AUDIO, "Qwen2AudioForConditionalGeneration", "qwen2_audio");
    arch(Family.GEMMA3_VL, "Gemma3ForConditionalGeneration", "gemma3");
    arch(Family.LLAMA4_VL, "Llama4ForConditionalGeneration", "llama4");
    arch(Family.KIMI_VL, "KimiVLForConditionalGeneration", "kimi_vl");
  }

  private static void arch(Family f, String architecture, String modelType) {
    BY_ARCHITECTURE.put(architecture, f);
    BY_MODEL_TYPE.put(modelType, f);
  }

  /** The text_config names of checkpoints whose missing text fields are Llama-2-7B's (= LlamaConfig defaults). */
  private static final Set<String> LLAMA2_7B_NAMES = Set.of("meta-llama/Llama-2-7b-hf", "lmsys/vicuna-7b-v1.5");

  private JsonView root;
  private final List<String> warnings = new ArrayList<>();
  private JsonView text;
  private Family family;
  private Family textFamily;

  private ConfigMapper(JsonView root) {
    this.root = root;
  }

  /**
   * Maps {@code config} (a parsed {@code config.json}, or the {@code config} object of a catalog
   * entry) to a spec named {@code name}.
   *
   * @throws CatalogException naming the file, the field and the rule when the config cannot describe a model
   */
  public static Result map(String name, JsonView config) {
    ConfigMapper m = new ConfigMapper(config);
    try {
      ModelSpec spec = m.build(name);
      return new Result(spec, m.warnings);
    } catch (CatalogException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // a cross-field rule of a core value (e.g. more experts per token than experts)
      throw config.error(e.getMessage());
    }
  }

  // ------------------------------------------------------------------------------------------------

  private ModelSpec build(String name) {
    root.requireObject();
    List<String> archs = root.stringList("architectures");
    String architecture = archs.isEmpty() ? null : archs.get(0);
    String modelType = root.optString("model_type").orElse(null);
    family = architecture != null ? BY_ARCHITECTURE.get(architecture) : null;
    if (family == null && modelType != null) {
      family = BY_MODEL_TYPE.get(modelType);
    }
    if (family == null) {
      family = Family.GENERIC;
      warn("architecture '" + (architecture != null ? architecture : modelType != null ? modelType : "(none)")
          + "' is not known; imported as a generic decoder (gated FFN, RMSNorm, 2 norms per layer, no biases): "
          + "check the parameter count");
      if (root.has("vision_config") || root.has("audio_config")) {
        warn("the vision/audio encoder of this unknown architecture is not counted");
      }
    }

    text = root;
    if (root.has("text_config")) {
      text = root.field("text_config").requireObject();
    } else if (root.has("llm_config")) {
      text = root.field("llm_config").requireObject();
    }
    textFamily = family.isWrapper() ? wrapperTextFamily() : family;

    if (family == Family.LLAVA || family == Family.LLAVA_NEXT) {
      fillLlama2Defaults();
    }
    if (textFamily == Family.GEMMA3) {
      fillGemma3Defaults();
    }

    ModelSpec.Builder b = ModelSpec.builder().name(name);
    if (architecture != null) {
      b.architecture(architecture);
    }

    int hidden = positive(requireInt("the residual width", "hidden_size", "n_embd", "d_model"), "hidden_size");
    int layers = positive(requireInt("the layer count", "num_hidden_layers", "n_layer", "num_layers"), "num_hidden_layers");
    int heads = positive(requireInt("the attention heads", "num_attention_heads", "n_head", "num_heads"),
        "num_attention_heads");
    int kvHeads = kvHeads(heads);
    int vocab = positive(requireInt("the embedding and LM head", "vocab_size", "padded_vocab_size"), "vocab_size");
    b.numLayers(layers).hiddenSize(hidden).numHeads(heads).numKvHeads(kvHeads).vocabSize(vocab);

    boolean mla = isDeepseek() && has("kv_lora_rank");
    int headDim = 0;
    if (!mla) {
      OptionalInt hd = optInt("head_dim");
      if (hd.isPresent()) {
        headDim = positive(hd.getAsInt(), "head_dim");
      } else {
        if (hidden % heads != 0) {
          throw where("hidden_size").error("hidden_size (" + hidden + ") is not a multiple of num_attention_heads ("
              + heads + ") and no 'head_dim' is given (needed for the attention width)");
        }
        headDim = hidden / heads;
      }
      b.headDim(headDim);
    }

    architectureShape(b);
    b.tiedEmbeddings(optBoolean("tie_word_embeddings").orElseGet(this::tieDefault));

    int maxPos = maxPositions();
    b.maxPositionEmbeddings(maxPos);
    b.rotaryCachePositions(rotaryCachePositions(maxPos));
    if (!mla) {
      rotary(headDim).ifPresent(b::rotaryDim);
    }
    b.nativePrecision(precision());
    quantization().ifPresent(b::nativeQuantization);

    slidingWindow(b, layers, maxPos);

    int intermediate = ffnAndMoe(b, hidden, layers);
    b.intermediateSize(intermediate);

    if (mla) {
      b.mla(mla());
    }

    vision(hidden).ifPresent(b::vision);
    audio(hidden).ifPresent(b::audio);

    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw text.error(e.getMessage());
    }
  }

  private Family wrapperTextFamily() {
    Family t = null;
    if (text != root) {
      List<String> archs = text.stringList("architectures");
      if (!archs.isEmpty()) {
        t = BY_ARCHITECTURE.get(archs.get(0));
      }
      if (t == null) {
        t = text.optString("model_type").map(BY_MODEL_TYPE::get).orElse(null);
      }
      if (t != null && t.isWrapper()) {
        t = null;
      }
      if (t == null && text.has("model_type")) {
        warn("text_config model_type '" + text.optString("model_type").orElse("") + "' is not known; treated as "
            + family.defaultText().name().toLowerCase(Locale.ROOT));
      }
    }
    return t != null ? t : family.defaultText();
  }

  /**
   * LLaVA checkpoints often store only the text fields that differ from {@code LlamaConfig}'s
   * defaults, which are Llama-2-7B's shapes. Those defaults are filled in only when the text config
   * names a Llama-2-7B checkpoint (or Vicuna-7B v1.5, a Llama-2-7B fine-tune of the same shape);
   * otherwise a missing field stays an error.
   */
  private void fillLlama2Defaults() {
    if (text == root) {
      return;
    }
    String base = text.optString("_name_or_path").orElse("");
    boolean partial = !text.has("hidden_size") || !text.has("num_hidden_layers") || !text.has("num_attention_heads")
        || !text.has("intermediate_size");
    if (!partial || !LLAMA2_7B_NAMES.contains(base)) {
      return;
    }
    ObjectNode filled = ((ObjectNode) text.node()).deepCopy();
    List<String> added = new ArrayList<>();
    putDefault(filled, added, "hidden_size", 4096);
    putDefault(filled, added, "intermediate_size", 11008);
    putDefault(filled, added, "num_hidden_layers", 32);
    putDefault(filled, added, "num_attention_heads", 32);
    putDefault(filled, added, "num_key_value_heads", 32);
    putDefault(filled, added, "max_position_embeddings", 4096);
    if (!root.has("vocab_size")) {
      putDefault(filled, added, "vocab_size", 32000);
    }
    text = new JsonView(textDoc(), text.path(), filled);
    warn("text_config of '" + base + "' omits " + String.join(", ", added) + "; filled with Llama-2-7B's values "
        + "(LlamaConfig defaults: hidden 4096, intermediate 11008, 32 layers, 32 heads)");
  }

  /**
   * Google's Gemma-3 config.json files are sparse: they omit the fields equal to
   * {@code Gemma3TextConfig}'s defaults (8 heads, 4 KV heads, head_dim 256, vocabulary 262208,
   * 131072 positions), which transformers fills in when loading. The same defaults are filled here,
   * with a warning; the size-defining fields (hidden, intermediate, layers) stay required.
   */
  private void fillGemma3Defaults() {
    ObjectNode filled = ((ObjectNode) text.node()).deepCopy();
    List<String> added = new ArrayList<>();
    boolean vocabAtTop = text != root && root.has("vocab_size");
    putDefault(filled, added, "num_attention_heads", 8);
    putDefault(filled, added, "num_key_value_heads", 4);
    putDefault(filled, added, "head_dim", 256);
    if (!vocabAtTop) {
      putDefault(filled, added, "vocab_size", 262208);
    }
    if (!(text != root && root.has("max_position_embeddings"))) {
      putDefault(filled, added, "max_position_embeddings", 131072);
    }
    if (added.isEmpty()) {
      return;
    }
    JsonView merged = new JsonView(textDoc(), text.path(), filled);
    if (text == root) {
      root = merged;
    }
    text = merged;
    warn("Gemma-3 config omits " + String.join(", ", added) + "; filled with Gemma3TextConfig's defaults "
        + "(8 heads, 4 KV heads, head_dim 256, vocab 262208, 131072 positions)");
  }

  private JsonDocument textDoc() {
    return text.document();
  }

  private static void putDefault(ObjectNode n, List<String> added, String field, int value) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      n.put(field, value);
      added.add(field);
    }
  }

  // ---- lookups: text_config first, then the top level ----------------------------------------------

  private List<JsonView> scopes() {
    return text == root ? List.of(root) : List.of(text, root);
  }

  /**
   * Positions of the rotary caches vLLM precomputes: linear RoPE scaling caches max positions ×
   * factor; Gemma-3 keeps a second, unscaled cache for its local layers.
   */
  private long rotaryCachePositions(int maxPos) {
    long positions = maxPos;
    Optional<JsonView> rope = text.optObject("rope_scaling");
    if (rope.isPresent()) {
      String type = rope.get().optString("rope_type").orElse(rope.get().optString("type").orElse(""));
      if (type.equals("linear")) {
        positions = Math.round(maxPos * rope.get().optDouble("factor").orElse(1.0));
      }
    }
    if (textFamily == Family.GEMMA3) {
      positions += maxPos;
    }
    return positions;
  }

  private JsonView where(String... names) {
    for (JsonView s : scopes()) {
      for (String n : names) {
        if (s.has(n)) {
          return s.field(n);
        }
      }
    }
    return text.field(names[0]);
  }

  private boolean has(String... names) {
    for (JsonView s : scopes()) {
      for (String n : names) {
        if (s.has(n)) {
          return true;
        }
      }
    }
    return false;
  }

  private OptionalInt optInt(String... names) {
    return has(names) ? OptionalInt.of(where(names).asInt()) : OptionalInt.empty();
  }

  private OptionalDouble optDouble(String... names) {
    return has(names) ? OptionalDouble.of(where(names).asDouble()) : OptionalDouble.empty();
  }

  private Optional<Boolean> optBoolean(String... names) {
    return has(names) ? Optional.of(where(names).asBoolean()) : Optional.empty();
  }

  private Optional<String> optString(String... names) {
    return has(names) ? Optional.of(where(names).asString()) : Optional.empty();
  }

  private int requireInt(String neededFor, String... names) {
    if (!has(names)) {
      throw text.missing(names[0], neededFor);
    }
    return where(names).asInt();
  }

  private int positive(int value, String field) {
    if (value <= 0) {
      throw where(field).error(field + " (" + value + ") must be positive");
    }
    return value;
  }

  private static int positive(JsonView scope, String field, int value) {
    if (value <= 0) {
      throw scope.field(field).error(field + " (" + value + ") must be positive");
    }
    return value;
  }

  private void warn(String message) {
    warnings.add(message);
  }

  private boolean isDeepseek() {
    return textFamily == Family.DEEPSEEK_V2 || textFamily == Family.DEEPSEEK_V3;
  }

  // ---- attention --------------------------------------------------------------------------------------

  private int kvHeads(int heads) {
    int kv = heads;
    if (optBoolean("multi_query").orElse(false)) {
      kv = 1;
    }
    OptionalInt v = optInt("num_key_value_heads", "n_head_kv", "num_kv_heads", "multi_query_group_num");
    if (v.isPresent()) {
      kv = v.getAsInt();
      if (kv <= 0 || heads % kv != 0) {
        throw where("num_key_value_heads", "n_head_kv", "num_kv_heads", "multi_query_group_num").error(
            "num_key_value_heads (" + kv + ") must divide num_attention_heads (" + heads + ")");
      }
    }
    return kv;
  }

  /** Sets FFN kind, norms, biases and QK-norm by architecture (HF transformers modelling files). */
  private void architectureShape(ModelSpec.Builder b) {
    boolean attnBias = optBoolean("attention_bias").orElse(false);
    boolean mlpBias = optBoolean("mlp_bias").orElse(false);
    switch (textFamily) {
      case QWEN2:
      case QWEN2_MOE:
        // Qwen2Attention: q/k/v projections with bias, o_proj without.
        b.attentionBias(true).attentionOutputBias(false);
        break;
      case PHI:
        // PhiDecoderLayer: one LayerNorm feeds attention and MLP in parallel; every linear has a bias.
        b.ffnKind(FfnKind.PLAIN).normKind(NormKind.LAYER).normsPerLayer(1).attentionBias(true)
            .attentionOutputBias(true).mlpBias(true).lmHeadBias(true);
        break;
      case GPTJ:
        // GPTJBlock: ln_1 only (parallel residual); q/k/v/out without bias; fc_in/fc_out and lm_head with bias.
        b.ffnKind(FfnKind.PLAIN).normKind(NormKind.LAYER).normsPerLayer(1).mlpBias(true).lmHeadBias(true);
        break;
      case STARCODER2: {
        // Starcoder2: LayerNorm with bias, plain GELU MLP (c_fc, c_proj); use_bias on every linear.
        boolean bias = optBoolean("use_bias").orElse(true);
        b.ffnKind(FfnKind.PLAIN).normKind(NormKind.LAYER).attentionBias(bias).attentionOutputBias(bias).mlpBias(bias);
        break;
      }
      case COHERE:
        // CohereDecoderLayer: one LayerNorm (weight only: counted like RMSNorm) before parallel attention and MLP.
        b.normsPerLayer(1).attentionBias(attnBias).attentionOutputBias(attnBias)
            .qkNorm(optBoolean("use_qk_norm").orElse(false));
        break;
      case GEMMA:
        b.attentionBias(attnBias).attentionOutputBias(attnBias);
        break;
      case GEMMA2:
        // input, post-attention, pre-feedforward and post-feedforward RMSNorms.
        b.normsPerLayer(4).attentionBias(attnBias).attentionOutputBias(attnBias);
        break;
      case GEMMA3:
        b.normsPerLayer(4).qkNorm(true).attentionBias(attnBias).attentionOutputBias(attnBias);
        break;
      case QWEN3:
      case QWEN3_MOE:
        b.qkNorm(true).attentionBias(attnBias).attentionOutputBias(attnBias);
        break;
      case OLMO2:
      case OLMOE:
        // q_norm/k_norm span all heads (not per head); counted per head, a difference of a few thousand weights.
        b.qkNorm(true).attentionBias(attnBias).attentionOutputBias(attnBias);
        break;
      case INTERNLM2: {
        boolean bias = optBoolean("bias").orElse(false);
        b.attentionBias(bias).attentionOutputBias(bias);
        break;
      }
      case GPT_OSS: {
        boolean bias = optBoolean("attention_bias").orElse(true);
        b.attentionBias(bias).attentionOutputBias(bias);
        break;
      }
      default:
        // Llama-style: attention_bias covers q/k/v/o (LlamaAttention), mlp_bias gate/up/down.
        b.attentionBias(attnBias).attentionOutputBias(attnBias).mlpBias(mlpBias);
        break;
    }
  }

  private boolean tieDefault() {
    switch (textFamily) {
      case GEMMA:
      case GEMMA2:
      case GEMMA3:
      case COHERE:
      case STARCODER2:
        return true; // their HF config classes default to tied embeddings
      case GENERIC:
        warn("tie_word_embeddings missing; assumed false (a separate LM head is counted)");
        return false;
      default:
        return false; // LlamaConfig, Qwen2Config, MistralConfig, ... default to false
    }
  }

  private int maxPositions() {
    OptionalInt v = optInt("max_position_embeddings", "n_positions", "max_sequence_length", "seq_length", "n_ctx");
    if (v.isPresent()) {
      return positive(v.getAsInt(), "max_position_embeddings");
    }
    warn("max_position_embeddings missing; assuming 8192 tokens");
    return 8192;
  }

  private OptionalInt rotary(int headDim) {
    OptionalInt rd = optInt("rotary_dim");
    if (rd.isPresent()) {
      int r = rd.getAsInt();
      if (r < 0 || r > headDim) {
        throw where("rotary_dim").error("rotary_dim (" + r + ") must be between 0 and head_dim (" + headDim + ")");
      }
      return OptionalInt.of(r);
    }
    OptionalDouble f = optDouble("partial_rotary_factor", "rotary_pct", "rope_pct");
    if (f.isPresent()) {
      double x = f.getAsDouble();
      if (!(x > 0 && x <= 1)) {
        throw where("partial_rotary_factor").error("partial_rotary_factor (" + x + ") must be in (0, 1]");
      }
      return OptionalInt.of((int) Math.round(headDim * x));
    }
    return OptionalInt.empty();
  }

  private Precision precision() {
    Optional<String> dtype = optString("torch_dtype", "dtype");
    if (dtype.isEmpty()) {
      warn("torch_dtype missing; assuming bf16 weights");
      return Precision.BF16;
    }
    try {
      return Precision.parse(dtype.get());
    } catch (IllegalArgumentException e) {
      throw where("torch_dtype", "dtype").error(e.getMessage());
    }
  }

  // ---- sliding window -----------------------------------------------------------------------------------

  private void slidingWindow(ModelSpec.Builder b, int layers, int maxPos) {
    OptionalInt window = has("sliding_window") ? OptionalInt.of(where("sliding_window").asInt()) : OptionalInt.empty();
    int sliding;
    Optional<JsonView> layerTypes = has("layer_types") ? Optional.of(where("layer_types").requireArray()) : Optional.empty();
    if (layerTypes.isPresent()) {
      List<JsonView> types = layerTypes.get().elements();
      if (types.size() != layers) {
        throw layerTypes.get().error("layer_types lists " + types.size() + " layers but num_hidden_layers is " + layers);
      }
      sliding = 0;
      for (JsonView t : types) {
        String s = t.asString();
        if (s.equals("sliding_attention") || s.equals("chunked_attention")) {
          sliding++;
        }
      }
    } else {
      switch (textFamily) {
        case QWEN2:
        case QWEN2_MOE:
        case QWEN3:
        case QWEN3_MOE:
          // Qwen2Config: sliding_window only applies when use_sliding_window is true, to layers >= max_window_layers.
          if (!optBoolean("use_sliding_window").orElse(false)) {
            return;
          }
          sliding = Math.max(0, layers - optInt("max_window_layers").orElse(0));
          break;
        case GEMMA2:
          // Gemma2: layer i slides when i is even (layer 0 first): ceil(L/2) sliding layers.
          if (window.isEmpty()) {
            window = OptionalInt.of(4096);
            warn("sliding_window missing; Gemma-2's 4096 assumed");
          }
          sliding = (layers + 1) / 2;
          break;
        case GEMMA3: {
          // Gemma3: layer i is global when (i + 1) % sliding_window_pattern == 0 (pattern 6: 5 local, 1 global).
          int pattern = optInt("sliding_window_pattern").orElse(6);
          if (window.isEmpty()) {
            throw text.missing("sliding_window", "the local-attention layers");
          }
          sliding = pattern <= 0 ? layers : layers - layers / pattern;
          break;
        }
        case LLAMA4:
          llama4Chunked(b, layers);
          return;
        default:
          sliding = layers; // Mistral v0.1, Starcoder2, Phi-3: one window on every layer
          break;
      }
    }
    if (sliding == 0) {
      return;
    }
    if (window.isEmpty()) {
      if (layerTypes.isPresent()) {
        throw text.missing("sliding_window", "the " + sliding + " sliding-attention layers of layer_types");
      }
      return; // sliding_window null: no window
    }
    int w = window.getAsInt();
    if (w <= 0) {
      throw where("sliding_window").error("sliding_window (" + w + ") must be positive");
    }
    if (w >= maxPos) {
      return; // a window at least as long as the context never limits anything (Phi-3.5: 262144)
    }
    b.slidingWindow(w).slidingWindowLayers(sliding);
  }

  /** Llama 4: chunked local attention on the RoPE layers (no_rope_layers[i] == 1), modelled as a sliding window. */
  private void llama4Chunked(ModelSpec.Builder b, int layers) {
    OptionalInt chunk = optInt("attention_chunk_size");
    if (chunk.isEmpty()) {
      return;
    }
    int chunked = 0;
    if (has("no_rope_layers")) {
      List<JsonView> flags = where("no_rope_layers").requireArray().elements();
      if (flags.size() != layers) {
        throw where("no_rope_layers").error("no_rope_layers lists " + flags.size() + " layers but num_hidden_layers is "
            + layers);
      }
      for (JsonView f : flags) {
        if (f.asInt() != 0) {
          chunked++;
        }
      }
    } else {
      int interval = optInt("no_rope_layer_interval").orElse(4);
      for (int i = 0; i < layers; i++) {
        if ((i + 1) % interval != 0) {
          chunked++;
        }
      }
    }
    if (chunked > 0) {
      b.slidingWindow(positive(chunk.getAsInt(), "attention_chunk_size")).slidingWindowLayers(chunked);
      warn("chunked local attention (" + chunk.getAsInt() + " tokens) on " + chunked + " of " + layers
          + " layers is modelled as a sliding window of that size");
    }
  }

  // ---- FFN and mixture of experts ---------------------------------------------------------------------

  /** Sets the MoE layout and returns the dense FFN width. */
  private int ffnAndMoe(ModelSpec.Builder b, int hidden, int layers) {
    switch (textFamily) {
      case PHI:
      case GPTJ: {
        // n_inner / intermediate_size null means 4 × hidden (PhiConfig, GPTJConfig).
        OptionalInt inner = optInt("intermediate_size", "n_inner");
        return inner.isPresent() ? positive(inner.getAsInt(), "intermediate_size") : 4 * hidden;
      }
      case MIXTRAL: {
        int width = denseWidth();
        b.moe(MoeSpec.builder().numExperts(requireInt("the routed experts", "num_local_experts"))
            .expertsPerToken(requireInt("the experts per token", "num_experts_per_tok"))
            .expertIntermediateSize(width).build());
        return width;
      }
      case QWEN2_MOE:
      case QWEN3_MOE:
        return qwenMoe(b, layers);
      case GRANITE_MOE: {
        int width = denseWidth();
        MoeSpec.Builder m = MoeSpec.builder().numExperts(requireInt("the routed experts", "num_local_experts"))
            .expertsPerToken(requireInt("the experts per token", "num_experts_per_tok")).expertIntermediateSize(width);
        int shared = optInt("shared_intermediate_size").orElse(0);
        if (shared > 0) {
          m.numSharedExperts(1).sharedIntermediateSize(shared);
        }
        b.moe(m.build());
        return width;
      }
      case OLMOE: {
        int width = denseWidth();
        b.moe(MoeSpec.builder().numExperts(requireInt("the routed experts", "num_experts"))
            .expertsPerToken(requireInt("the experts per token", "num_experts_per_tok")).expertIntermediateSize(width)
            .build());
        return width;
      }
      case DEEPSEEK:
      case DEEPSEEK_V2:
      case DEEPSEEK_V3:
        return deepseekMoe(b, layers);
      case GPT_OSS: {
        // GptOssMLP: intermediate_size is the expert width; router and experts carry biases.
        int width = denseWidth();
        b.moe(MoeSpec.builder().numExperts(requireInt("the routed experts", "num_local_experts"))
            .expertsPerToken(requireInt("the experts per token", "experts_per_token", "num_experts_per_tok"))
            .expertIntermediateSize(width).routerBias(true).expertBias(true).build());
        return width;
      }
      case LLAMA4:
        return llama4Moe(b, layers);
      default:
        return genericFfn(b);
    }
  }

  private int denseWidth() {
    return positive(requireInt("the FFN width", "intermediate_size", "ffn_hidden_size", "n_inner"), "intermediate_size");
  }

  private int genericFfn(ModelSpec.Builder b) {
    int width = denseWidth();
    if (has("num_local_experts", "num_experts", "n_routed_experts")) {
      int experts = optInt("num_local_experts", "num_experts", "n_routed_experts").getAsInt();
      if (experts > 0) {
        int k = requireInt("the experts per token", "num_experts_per_tok", "experts_per_token", "top_k");
        int ew = optInt("moe_intermediate_size").orElse(width);
        b.moe(MoeSpec.builder().numExperts(experts).expertsPerToken(k).expertIntermediateSize(ew).build());
        warn("mixture of experts read from generic fields: " + experts + " experts, top-" + k + ", expert width " + ew
            + ", every layer MoE, no shared expert");
      }
    }
    return width;
  }

  /** Qwen2MoeSparseMoeBlock / Qwen3MoeSparseMoeBlock: MoE when (i + 1) % decoder_sparse_step == 0 and i not in mlp_only_layers. */
  private int qwenMoe(ModelSpec.Builder b, int layers) {
    int experts = requireInt("the routed experts", "num_experts");
    int k = requireInt("the experts per token", "num_experts_per_tok");
    int width = positive(requireInt("the expert width", "moe_intermediate_size"), "moe_intermediate_size");
    int step = Math.max(1, optInt("decoder_sparse_step").orElse(1));
    MoeSpec.Builder m = MoeSpec.builder().numExperts(experts).expertsPerToken(k).expertIntermediateSize(width)
        .layerStep(step);
    int shared = optInt("shared_expert_intermediate_size").orElse(0);
    if (shared > 0) {
      m.numSharedExperts(1).sharedIntermediateSize(shared).sharedExpertGate(true);
    }
    List<Integer> mlpOnly = new ArrayList<>();
    if (has("mlp_only_layers")) {
      for (JsonView v : where("mlp_only_layers").requireArray().elements()) {
        mlpOnly.add(v.asInt());
      }
    }
    if (!mlpOnly.isEmpty()) {
      boolean leading = true;
      for (int i = 0; i < mlpOnly.size(); i++) {
        leading &= mlpOnly.contains(i);
      }
      m.firstDenseLayers(Math.min(layers, mlpOnly.size()));
      if (!leading || step != 1) {
        warn("mlp_only_layers " + mlpOnly + " are modelled as the first " + mlpOnly.size()
            + " layers being dense (totals are exact; which layers differ)");
      }
    }
    b.moe(m.build());
    int dense = optInt("intermediate_size").orElse(0);
    if (dense <= 0 && (step > 1 || !mlpOnly.isEmpty())) {
      throw text.missing("intermediate_size", "the dense layers");
    }
    return Math.max(dense, 0);
  }

  /**
   * DeepSeek MoE/V2/V3: layer i is MoE when i >= first_k_dense_replace and i % moe_layer_freq == 0;
   * dense layers use intermediate_size; shared experts are n_shared_experts × moe_intermediate_size.
   */
  private int deepseekMoe(ModelSpec.Builder b, int layers) {
    OptionalInt experts = optInt("n_routed_experts");
    if (experts.isEmpty() || experts.getAsInt() == 0) {
      return denseWidth();
    }
    int k = requireInt("the experts per token", "num_experts_per_tok");
    int width = positive(requireInt("the expert width", "moe_intermediate_size"), "moe_intermediate_size");
    int firstDense = optInt("first_k_dense_replace").orElse(0);
    int freq = Math.max(1, optInt("moe_layer_freq").orElse(1));
    if (freq != 1) {
      warn("moe_layer_freq " + freq + " is modelled as every " + freq + "-th layer after the first "
          + firstDense + " being MoE (layer positions may differ from DeepSeek's i % freq == 0)");
    }
    boolean noAux = optString("topk_method").map("noaux_tc"::equals).orElse(false);
    int shared = optInt("n_shared_experts").orElse(0);
    b.moe(MoeSpec.builder().numExperts(experts.getAsInt()).expertsPerToken(k).expertIntermediateSize(width)
        .numSharedExperts(shared).sharedIntermediateSize(shared * width)
        .firstDenseLayers(Math.min(firstDense, layers)).layerStep(freq)
        // DeepSeek-V3's gate keeps an e_score_correction_bias per expert (topk_method noaux_tc).
        .routerBias(textFamily == Family.DEEPSEEK_V3 || noAux)
        .build());
    if (firstDense > 0 || freq > 1) {
      return denseWidth();
    }
    return Math.max(optInt("intermediate_size").orElse(0), 0);
  }

  /**
   * Llama 4: MoE layers are i with (i + 1) % interleave_moe_layer_step == 0; each has routed experts
   * of width intermediate_size plus one shared expert of the same width; dense layers use
   * intermediate_size_mlp.
   */
  private int llama4Moe(ModelSpec.Builder b, int layers) {
    int experts = requireInt("the routed experts", "num_local_experts");
    int k = requireInt("the experts per token", "num_experts_per_tok");
    int width = positive(requireInt("the expert width", "intermediate_size"), "intermediate_size");
    int step = Math.max(1, optInt("interleave_moe_layer_step").orElse(1));
    b.moe(MoeSpec.builder().numExperts(experts).expertsPerToken(k).expertIntermediateSize(width)
        .numSharedExperts(1).sharedIntermediateSize(width).layerStep(step).build());
    OptionalInt dense = optInt("intermediate_size_mlp");
    if (dense.isPresent()) {
      return positive(dense.getAsInt(), "intermediate_size_mlp");
    }
    if (step > 1) {
      throw text.missing("intermediate_size_mlp", "the dense layers");
    }
    return width;
  }

  private MlaSpec mla() {
    int q = optInt("q_lora_rank").orElse(0);
    return MlaSpec.builder()
        .qLoraRank(Math.max(0, q))
        .kvLoraRank(positive(requireInt("MLA's KV latent", "kv_lora_rank"), "kv_lora_rank"))
        .qkRopeHeadDim(positive(requireInt("MLA's RoPE key width", "qk_rope_head_dim"), "qk_rope_head_dim"))
        .qkNopeHeadDim(positive(requireInt("MLA's query/key width", "qk_nope_head_dim"), "qk_nope_head_dim"))
        .vHeadDim(positive(requireInt("MLA's value width", "v_head_dim"), "v_head_dim"))
        .build();
  }

  // ---- quantization -------------------------------------------------------------------------------

  private Optional<QuantizationScheme> quantization() {
    if (!has("quantization_config")) {
      return Optional.empty();
    }
    JsonView q = where("quantization_config").requireObject();
    String method = q.optString("quant_method").orElse("").toLowerCase(Locale.ROOT);
    switch (method) {
      case "fp8": {
        if (q.has("weight_block_size")) {
          List<JsonView> block = q.field("weight_block_size").requireArray().elements();
          if (block.size() != 2) {
            throw q.field("weight_block_size").error("weight_block_size must list 2 sizes, got " + block.size());
          }
          int size = block.get(0).asInt() * block.get(1).asInt();
          return Optional.of(size == 128 * 128 ? QuantizationScheme.FP8_BLOCK
              : QuantizationScheme.builder().from(QuantizationScheme.FP8_BLOCK).groupSize(size).build());
        }
        if (q.optString("activation_scheme").map("static"::equals).orElse(false)) {
          warn("quantization_config: static FP8 activation scales are treated like dynamic ones (same weight bytes)");
        }
        return Optional.of(QuantizationScheme.FP8_DYNAMIC);
      }
      case "fbgemm_fp8":
        return Optional.of(QuantizationScheme.FP8_DYNAMIC);
      case "mxfp4":
        return Optional.of(QuantizationScheme.MXFP4);
      case "gptq":
      case "awq": {
        int bits = q.optInt("bits").orElse(q.optInt("w_bit").orElse(4));
        int group = q.optInt("group_size").orElse(q.optInt("q_group_size").orElse(128));
        QuantizationScheme base = method.equals("gptq") ? QuantizationScheme.GPTQ_INT4 : QuantizationScheme.AWQ_INT4;
        if (bits == 4) {
          return Optional.of(group == 128 ? base
              : QuantizationScheme.builder().from(base).id(method + "-int4-g" + Math.max(group, 0)).groupSize(Math.max(group, 0))
                  .build());
        }
        if (bits == 8) {
          return Optional.of(QuantizationScheme.builder().from(base).id(method + "-int8").weightPrecision(Precision.INT8)
              .groupSize(Math.max(group, 0)).zeroBits(8).description(method.toUpperCase(Locale.ROOT) + " INT8, group "
                  + group + ", FP16 scales").build());
        }
        warn("quantization_config: " + method + " with " + bits + " bits is not modelled; weights counted at the native dtype");
        return Optional.empty();
      }
      case "compressed-tensors":
        return compressedTensors(q);
      case "modelopt": {
        String algo = q.optString("quant_algo").orElse(
            q.optObject("quantization").flatMap(x -> x.optString("quant_algo")).orElse("")).toUpperCase(Locale.ROOT);
        if (algo.equals("FP8")) {
          return Optional.of(QuantizationScheme.FP8_DYNAMIC);
        }
        if (algo.equals("NVFP4")) {
          return Optional.of(QuantizationScheme.NVFP4);
        }
        warn("quantization_config: modelopt quant_algo '" + algo + "' is not modelled; weights counted at the native dtype");
        return Optional.empty();
      }
      default:
        warn("quantization_config: quant_method '" + method + "' is not modelled; weights counted at the native dtype");
        return Optional.empty();
    }
  }

  /** compressed-tensors (llm-compressor): read the first config group's weight and input-activation args. */
  private Optional<QuantizationScheme> compressedTensors(JsonView q) {
    Optional<JsonView> groups = q.optObject("config_groups");
    if (groups.isEmpty() || groups.get().fieldNames().isEmpty()) {
      warn("quantization_config: compressed-tensors without config_groups; weights counted at the native dtype");
      return Optional.empty();
    }
    JsonView g = groups.get().field(groups.get().fieldNames().get(0)).requireObject();
    JsonView w = g.optObject("weights").orElseThrow(() -> g.missing("weights", "the quantized weight format"));
    int bits = w.optInt("num_bits").orElseThrow(() -> w.missing("num_bits", "the quantized weight format"));
    String type = w.optString("type").orElse("int");
    String strategy = w.optString("strategy").orElse("channel");
    int group = w.optInt("group_size").orElse(0);
    Optional<JsonView> acts = g.optObject("input_activations");
    int actBits = acts.flatMap(a -> a.optInt("num_bits").isPresent()
        ? Optional.of(a.optInt("num_bits").getAsInt()) : Optional.empty()).orElse(16);
    if (type.equals("float") && bits == 8) {
      if (strategy.equals("block")) {
        return Optional.of(QuantizationScheme.FP8_BLOCK);
      }
      return Optional.of(actBits == 8 ? QuantizationScheme.FP8_DYNAMIC : ExtraSchemes.FP8);
    }
    if (type.equals("int") && bits == 8) {
      return Optional.of(actBits == 8 ? QuantizationScheme.W8A8 : ExtraSchemes.INT8);
    }
    if (type.equals("int") && bits == 4) {
      return Optional.of(group == 128 || group == 0 && strategy.equals("group") ? ExtraSchemes.INT4
          : QuantizationScheme.builder().from(ExtraSchemes.INT4).id("int4-g" + group).groupSize(Math.max(group, 0)).build());
    }
    if (type.equals("float") && bits == 4) {
      return Optional.of(group == 32 ? QuantizationScheme.builder().from(QuantizationScheme.MXFP4)
          .scope(QuantizationScheme.Scope.ALL_LINEAR).id("mxfp4-all").build() : QuantizationScheme.NVFP4);
    }
    warn("quantization_config: compressed-tensors " + type + bits + " is not modelled; weights counted at the native dtype");
    return Optional.empty();
  }

  // ---- encoders -------------------------------------------------------------------------------------

  private JsonView visionConfig() {
    return root.optObject("vision_config").orElseThrow(() -> root.missing("vision_config", "the vision encoder"));
  }

  private static int req(JsonView scope, String neededFor, String... names) {
    for (String n : names) {
      if (scope.has(n)) {
        return positive(scope, n, scope.field(n).asInt());
      }
    }
    throw scope.missing(names[0], neededFor);
  }

  private Optional<VisionEncoderSpec> vision(int textHidden) {
    switch (family) {
      case LLAVA:
      case LLAVA_NEXT:
        return Optional.of(llavaVision(textHidden));
      case MISTRAL3:
        return Optional.of(pixtralVision(textHidden));
      case GEMMA3_VL:
        return Optional.of(siglipGemma3(textHidden));
      case LLAMA4_VL:
        return Optional.of(llama4Vision(textHidden));
      case QWEN2_VL:
      case QWEN2_5_VL:
        return Optional.of(qwenVision(textHidden));
      case KIMI_VL:
        return Optional.of(moonVit(textHidden));
      default:
        return Optional.empty();
    }
  }

  private VisionEncoderSpec.Builder vit(JsonView vc) {
    return VisionEncoderSpec.builder()
        .hiddenSize(req(vc, "the vision width", "hidden_size"))
        .numLayers(req(vc, "the vision layers", "num_hidden_layers"))
        .intermediateSize(req(vc, "the vision MLP width", "intermediate_size"))
        .numHeads(req(vc, "the vision heads", "num_attention_heads"))
        .imageSize(req(vc, "the image size", "image_size"))
        .patchSize(req(vc, "the patch size", "patch_size"));
  }

  /**
   * LLaVA-1.5: CLIP ViT (all layers counted, though features come from the second-to-last) and the
   * mlp2x_gelu projector: vision×text + text + text×text + text. 576 tokens per 336-px image.
   * LLaVA-NeXT concatenates the features of several layers and adds an image_newline vector.
   */
  private VisionEncoderSpec llavaVision(int th) {
    JsonView vc = visionConfig();
    VisionEncoderSpec.Builder v = vit(vc);
    int vh = req(vc, "the vision width", "hidden_size");
    int featureLayers = 1;
    JsonView fl = root.field("vision_feature_layer");
    if (fl.isArray()) {
      featureLayers = Math.max(1, fl.elements().size());
    }
    boolean bias = root.optBoolean("multimodal_projector_bias").orElse(true);
    long in = (long) vh * featureLayers;
    long projector = in * th + (bias ? th : 0) + (long) th * th + (bias ? th : 0);
    int side = req(vc, "the image size", "image_size") / req(vc, "the patch size", "patch_size");
    int tokens = side * side;
    if ("full".equals(root.optString("vision_feature_select_strategy").orElse("default"))) {
      tokens += 1; // the CLS token is kept
    }
    if (family == Family.LLAVA_NEXT) {
      projector += th; // image_newline
      warn("LLaVA-NeXT AnyRes tiling adds " + tokens + " tokens per extra tile; one tile (" + tokens
          + " tokens) is counted per image");
    }
    return v.projectorParameters(projector).tokensPerImage(tokens).build();
  }

  /** Pixtral (Mistral-Small-3.1): gated RMSNorm ViT, then RMSNorm + 2×2 patch merger + 2-layer projector. */
  private VisionEncoderSpec pixtralVision(int th) {
    JsonView vc = visionConfig();
    int vh = req(vc, "the vision width", "hidden_size");
    int merge = root.optInt("spatial_merge_size").orElse(2);
    boolean bias = root.optBoolean("multimodal_projector_bias").orElse(false);
    long projector = vh + (long) vh * merge * merge * vh + (long) vh * th + (bias ? th : 0) + (long) th * th
        + (bias ? th : 0);
    return vit(vc).gatedMlp(true).spatialMergeSize(Math.max(1, merge)).projectorParameters(projector).build();
  }

  /** Gemma 3: SigLIP-So400m at 896 px, average-pooled to mm_tokens_per_image (256); projector RMSNorm + vision×text. */
  private VisionEncoderSpec siglipGemma3(int th) {
    JsonView vc = visionConfig();
    int vh = req(vc, "the vision width", "hidden_size");
    int tokens = root.optInt("mm_tokens_per_image").orElse(256);
    return vit(vc).projectorParameters((long) vh * th + vh).tokensPerImage(positive(root, "mm_tokens_per_image", tokens))
        .build();
  }

  /**
   * Llama 4: ViT with a pixel-shuffle adapter (ratio 0.5 merges 2×2 patches: 144 tokens per 336-px
   * tile), its two-layer MLP (vision·4 → projector_input_dim → projector_output_dim, no bias) and
   * the vision_output_dim × text projector.
   */
  private VisionEncoderSpec llama4Vision(int th) {
    JsonView vc = visionConfig();
    int vh = req(vc, "the vision width", "hidden_size");
    double ratio = vc.optDouble("pixel_shuffle_ratio").orElse(0.5);
    if (!(ratio > 0 && ratio <= 1)) {
      throw vc.field("pixel_shuffle_ratio").error("pixel_shuffle_ratio (" + ratio + ") must be in (0, 1]");
    }
    int merge = (int) Math.round(1 / ratio);
    int projIn = req(vc, "the vision adapter", "projector_input_dim");
    int projOut = req(vc, "the vision adapter", "projector_output_dim");
    int visOut = req(vc, "the vision projector", "vision_output_dim");
    long projector = (long) vh * merge * merge * projIn + (long) projOut * projOut + (long) visOut * th;
    return vit(vc).spatialMergeSize(merge).projectorParameters(projector).build();
  }

  /**
   * Qwen2-VL / Qwen2.5-VL: native-resolution ViT (embed_dim wide; Qwen2.5 gated and RMSNorm) and
   * the merger: norm + Linear(4E → 4E) + Linear(4E → out) with biases. Images are counted at
   * {@value #DEFAULT_NATIVE_IMAGE_SIZE} px: (448/14)² / 2² = 256 tokens.
   */
  private VisionEncoderSpec qwenVision(int th) {
    JsonView vc = visionConfig();
    boolean v25 = family == Family.QWEN2_5_VL;
    int e = req(vc, "the vision width", "embed_dim", "hidden_size");
    int out = vc.has("out_hidden_size") ? req(vc, "the merger output", "out_hidden_size")
        : vc.has("embed_dim") && vc.has("hidden_size") ? req(vc, "the merger output", "hidden_size") : th;
    int inter;
    if (vc.has("mlp_ratio")) {
      double r = vc.field("mlp_ratio").asDouble();
      if (!(r > 0)) {
        throw vc.field("mlp_ratio").error("mlp_ratio (" + r + ") must be positive");
      }
      inter = (int) Math.round(e * r);
    } else {
      inter = req(vc, "the vision MLP width", "intermediate_size");
    }
    int merge = vc.optInt("spatial_merge_size").orElse(2);
    int patch = vc.optInt("patch_size").orElse(14);
    long wide = (long) e * merge * merge;
    long projector = (v25 ? e : 2L * e) + wide * wide + wide + wide * out + out;
    warn("native-resolution vision encoder: images counted at " + DEFAULT_NATIVE_IMAGE_SIZE + " x "
        + DEFAULT_NATIVE_IMAGE_SIZE + " px (" + (DEFAULT_NATIVE_IMAGE_SIZE / patch) * (DEFAULT_NATIVE_IMAGE_SIZE / patch)
        / (merge * merge) + " tokens each)");
    return VisionEncoderSpec.builder().hiddenSize(e).intermediateSize(positive(vc, "intermediate_size", inter))
        .numLayers(req(vc, "the vision layers", "depth", "num_hidden_layers"))
        .numHeads(req(vc, "the vision heads", "num_heads", "num_attention_heads"))
        .patchSize(positive(vc, "patch_size", patch)).spatialMergeSize(positive(vc, "spatial_merge_size", merge))
        .imageSize(DEFAULT_NATIVE_IMAGE_SIZE).gatedMlp(v25).projectorParameters(projector).build();
  }

  /** Kimi-VL: MoonViT (SigLIP-shaped, native resolution) and a 2×2-merge projector: LayerNorm + Linear(4V → 4V) + Linear(4V → text). */
  private VisionEncoderSpec moonVit(int th) {
    JsonView vc = visionConfig();
    int vh = req(vc, "the vision width", "hidden_size");
    int merge = 2;
    if (vc.has("merge_kernel_size")) {
      List<JsonView> k = vc.field("merge_kernel_size").requireArray().elements();
      if (k.isEmpty()) {
        throw vc.field("merge_kernel_size").error("merge_kernel_size must not be empty");
      }
      merge = positive(vc, "merge_kernel_size", k.get(0).asInt());
    }
    long wide = (long) vh * merge * merge;
    long projector = 2L * vh + wide * wide + wide + wide * th + th;
    int patch = req(vc, "the patch size", "patch_size");
    warn("native-resolution vision encoder: images counted at " + DEFAULT_NATIVE_IMAGE_SIZE + " x "
        + DEFAULT_NATIVE_IMAGE_SIZE + " px (" + (DEFAULT_NATIVE_IMAGE_SIZE / patch) * (DEFAULT_NATIVE_IMAGE_SIZE / patch)
        / (merge * merge) + " tokens each)");
    return VisionEncoderSpec.builder().hiddenSize(vh)
        .numLayers(req(vc, "the vision layers", "num_hidden_layers"))
        .intermediateSize(req(vc, "the vision MLP width", "intermediate_size"))
        .numHeads(req(vc, "the vision heads", "num_attention_heads"))
        .patchSize(patch).imageSize(DEFAULT_NATIVE_IMAGE_SIZE).spatialMergeSize(merge).projectorParameters(projector)
        .build();
  }

  /** Qwen2-Audio: Whisper-style encoder and a d_model × text linear projector with bias; 25 tokens per second. */
  private Optional<AudioEncoderSpec> audio(int th) {
    if (family != Family.QWEN2_AUDIO) {
      return Optional.empty();
    }
    JsonView ac = root.optObject("audio_config").orElseThrow(() -> root.missing("audio_config", "the audio encoder"));
    int d = req(ac, "the audio width", "d_model");
    return Optional.of(AudioEncoderSpec.builder().hiddenSize(d)
        .numLayers(req(ac, "the audio layers", "encoder_layers"))
        .intermediateSize(req(ac, "the audio MLP width", "encoder_ffn_dim"))
        .numHeads(req(ac, "the audio heads", "encoder_attention_heads"))
        .melBins(ac.has("num_mel_bins") ? req(ac, "the mel bins", "num_mel_bins") : 128)
        .maxSourcePositions(ac.has("max_source_positions") ? req(ac, "the audio positions", "max_source_positions") : 1500)
        .projectorParameters((long) d * th + th)
        .build());
  }
}
