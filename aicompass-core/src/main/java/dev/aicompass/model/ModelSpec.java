package dev.aicompass.model;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * The architecture of a decoder-only language model (optionally with vision or audio encoders),
 * with the facts that memory and compute depend on. Names follow Hugging Face {@code config.json}
 * where one exists. Build with {@link #builder()}; every cross-field rule is checked on build.
 */
@Value.Immutable
@ValueStyle
public abstract class ModelSpec {

  /** Returns the model's id or display name. */
  public abstract String name();

  /** Returns the Hugging Face architecture class, e.g. {@code LlamaForCausalLM}, if known. */
  public abstract Optional<String> architecture();

  /** Returns the decoder layers ({@code num_hidden_layers}). */
  public abstract int numLayers();

  /** Returns the residual width ({@code hidden_size}). */
  public abstract int hiddenSize();

  /** Returns the query heads ({@code num_attention_heads}). */
  public abstract int numHeads();

  /** Returns the key/value heads ({@code num_key_value_heads}); defaults to {@link #numHeads()}. */
  @Value.Default
  public int numKvHeads() {
    return numHeads();
  }

  /** Returns the per-head width ({@code head_dim}); defaults to {@code hidden_size / num_attention_heads}. */
  @Value.Default
  public int headDim() {
    return numHeads() > 0 ? hiddenSize() / numHeads() : 0;
  }

  /** Returns the dense FFN width ({@code intermediate_size}); for MoE models the width of dense layers. */
  public abstract int intermediateSize();

  /** Returns the vocabulary size ({@code vocab_size}). */
  public abstract int vocabSize();

  /** Returns whether the LM head shares the embedding matrix ({@code tie_word_embeddings}). */
  @Value.Default
  public boolean tiedEmbeddings() {
    return false;
  }

  @Value.Default
  public FfnKind ffnKind() {
    return FfnKind.GATED;
  }

  @Value.Default
  public NormKind normKind() {
    return NormKind.RMS;
  }

  /** Returns the norms per decoder layer (2 for Llama; 4 for Gemma-2/3's sandwich norms; 1 for parallel-residual blocks). */
  @Value.Default
  public int normsPerLayer() {
    return 2;
  }

  /** Returns whether queries and keys are RMS-normalised per head (Qwen3, Gemma-3). */
  @Value.Default
  public boolean qkNorm() {
    return false;
  }

  /** Returns whether the q, k and v projections have biases (Qwen2). */
  @Value.Default
  public boolean attentionBias() {
    return false;
  }

  /** Returns whether the attention output projection has a bias. */
  @Value.Default
  public boolean attentionOutputBias() {
    return false;
  }

  /** Returns whether FFN projections have biases. */
  @Value.Default
  public boolean mlpBias() {
    return false;
  }

  /** Returns whether the LM head has a bias (Phi-2, GPT-J). */
  @Value.Default
  public boolean lmHeadBias() {
    return false;
  }

  /** Returns the longest context the model was built for ({@code max_position_embeddings}); default 8192. */
  @Value.Default
  public int maxPositionEmbeddings() {
    return 8192;
  }

  /** Returns the rotated width per head (partial rotary in Phi-2/GPT-J; {@code qk_rope_head_dim} for MLA). */
  @Value.Default
  public int rotaryDim() {
    return mla().map(MlaSpec::qkRopeHeadDim).orElse(headDim());
  }

  /**
   * Returns the positions of the rotary cos/sin caches an engine precomputes, summed over the
   * distinct RoPE configurations: {@code max_position_embeddings}, times the factor of linear RoPE
   * scaling (vLLM caches the scaled length), plus one more cache for Gemma-3's local layers.
   * Default {@link #maxPositionEmbeddings()}.
   */
  @Value.Default
  public long rotaryCachePositions() {
    return maxPositionEmbeddings();
  }

  /** Returns the checkpoint's native dtype ({@code torch_dtype}). */
  @Value.Default
  public Precision nativePrecision() {
    return Precision.BF16;
  }

  /** Returns the checkpoint's native quantization, if it ships quantized (gpt-oss MXFP4, DeepSeek-V3 block FP8). */
  public abstract Optional<QuantizationScheme> nativeQuantization();

  /** Returns the sliding-window size in tokens of local-attention layers, if any. */
  public abstract OptionalInt slidingWindow();

  /** Returns how many layers use the sliding window; defaults to all layers when a window is set. */
  @Value.Default
  public int slidingWindowLayers() {
    return slidingWindow().isPresent() ? numLayers() : 0;
  }

  public abstract Optional<MlaSpec> mla();

  public abstract Optional<MoeSpec> moe();

  public abstract Optional<VisionEncoderSpec> vision();

  public abstract Optional<AudioEncoderSpec> audio();

  /** Returns how keys and values are shared. */
  public AttentionKind attentionKind() {
    if (mla().isPresent()) {
      return AttentionKind.MLA;
    }
    if (numKvHeads() == numHeads()) {
      return AttentionKind.MHA;
    }
    return numKvHeads() == 1 ? AttentionKind.MQA : AttentionKind.GQA;
  }

  public boolean isMoe() {
    return moe().isPresent();
  }

  public boolean isMultimodal() {
    return vision().isPresent() || audio().isPresent();
  }

  /** Returns the layers that attend over the whole context. */
  public int fullAttentionLayers() {
    return numLayers() - slidingWindowLayers();
  }

  /**
   * Returns the parameter counts of this architecture by component (embedding, attention, FFN,
   * experts, ...), counted once per instance (the memory estimator asks for every layout it sizes).
   */
  @Value.Lazy
  public ParameterBreakdown parameters() {
    return ParameterCounter.count(this);
  }

  @Value.Check
  protected void check() {
    Checks.notBlank("name", name());
    Checks.positive("numLayers", numLayers());
    Checks.positive("hiddenSize", hiddenSize());
    Checks.positive("numHeads", numHeads());
    Checks.positive("numKvHeads", numKvHeads());
    Checks.divides("numKvHeads", numKvHeads(), "numHeads", numHeads());
    Checks.positive("headDim", headDim());
    Checks.nonNegative("intermediateSize", intermediateSize());
    if (intermediateSize() == 0 && !(moe().isPresent() && moe().get().firstDenseLayers() == 0 && moe().get().layerStep() == 1)) {
      throw Checks.invalid("intermediateSize", 0, "be positive unless every layer is an MoE layer");
    }
    Checks.positive("vocabSize", vocabSize());
    Checks.nonNegative("normsPerLayer", normsPerLayer());
    Checks.positive("maxPositionEmbeddings", maxPositionEmbeddings());
    Checks.nonNegative("rotaryDim", rotaryDim());
    Checks.nonNegative("rotaryCachePositions", rotaryCachePositions());
    if (slidingWindow().isPresent()) {
      Checks.positive("slidingWindow", slidingWindow().getAsInt());
    }
    Checks.inRange("slidingWindowLayers", slidingWindowLayers(), 0, numLayers());
    if (slidingWindowLayers() > 0 && slidingWindow().isEmpty()) {
      throw Checks.invalid("slidingWindowLayers", slidingWindowLayers(), "be 0 when no slidingWindow is set");
    }
    moe().ifPresent(m -> {
      if (m.firstDenseLayers() > numLayers()) {
        throw Checks.invalid("moe.firstDenseLayers", m.firstDenseLayers(), "not exceed numLayers (" + numLayers() + ")");
      }
    });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ModelSpec}. */
  public static final class Builder extends ImmutableModelSpec.Builder {}

  @Override
  public String toString() {
    return name();
  }
}
