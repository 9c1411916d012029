package dev.aicompass.model;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How a checkpoint's weights are stored: bits per weight, the per-group scale and zero-point
 * overhead, and which tensors are quantized. Embeddings, the LM head, norms and routers are kept
 * in the model's native precision unless the scheme says otherwise.
 */
@Value.Immutable
@ValueStyle
public abstract class QuantizationScheme {

  /** Which linear layers a scheme quantizes. */
  public enum Scope {
    /** Attention projections, dense FFN, routed and shared experts. */
    ALL_LINEAR,
    /** Routed experts only (gpt-oss's MXFP4 checkpoints). */
    EXPERTS_ONLY
  }

  /** Returns the lower-case id, e.g. {@code "gptq-int4"}. */
  public abstract String id();

  /** Returns the storage format of a quantized weight element. */
  public abstract Precision weightPrecision();

  /** Returns the format tensor-core math runs in (w8a8 runs int8, w4a16 runs bf16). */
  @Value.Default
  public Precision computePrecision() {
    return Precision.BF16;
  }

  /** Returns the number of weights sharing one scale (0 means one scale per output channel). */
  @Value.Default
  public int groupSize() {
    return 0;
  }

  /** Returns the bits of each group's (or channel's) scale. */
  @Value.Default
  public int scaleBits() {
    return 32;
  }

  /** Returns the bits of each group's zero point (0 for symmetric schemes). */
  @Value.Default
  public int zeroBits() {
    return 0;
  }

  @Value.Default
  public Scope scope() {
    return Scope.ALL_LINEAR;
  }

  /** Returns whether the embedding table is quantized too (almost never). */
  @Value.Default
  public boolean quantizesEmbeddings() {
    return false;
  }

  /** Returns whether the LM head is quantized too. */
  @Value.Default
  public boolean quantizesLmHead() {
    return false;
  }

  /**
   * Returns the factor by which the engine's in-memory layout of quantized experts exceeds the
   * packed size (padding and swizzling of MoE kernels); default 1. MXFP4: 1.089, fitted on vLLM 0.19
   * logs of gpt-oss-20b on H100 (Triton MoE path; logged 13.64 GiB at TP1 against 12.80 GiB packed).
   */
  @Value.Default
  public double layoutOverhead() {
    return 1.0;
  }

  /** Returns a one-line description with its source. */
  @Value.Default
  public String description() {
    return "";
  }

  /**
   * Returns the average storage bits of one quantized weight including scale and zero overhead,
   * for a tensor whose rows have {@code rowLength} input elements (used when scales are per channel).
   */
  public double bitsPerWeight(int rowLength) {
    double overhead = groupSize() > 0
        ? (scaleBits() + zeroBits()) / (double) groupSize()
        : (scaleBits() + zeroBits()) / (double) Math.max(1, rowLength);
    return weightPrecision().bits() + overhead;
  }

  @Value.Check
  protected void check() {
    Checks.notBlank("id", id());
    Checks.nonNegative("groupSize", groupSize());
    Checks.inRange("scaleBits", scaleBits(), 0, 64);
    Checks.inRange("zeroBits", zeroBits(), 0, 64);
    Checks.inRange("layoutOverhead", layoutOverhead(), 1.0, 4.0);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link QuantizationScheme}. */
  public static final class Builder extends ImmutableQuantizationScheme.Builder {}

  /** FP8 (E4M3) weights with one FP32 scale per output channel, dynamic per-token activation scales. */
  public static final QuantizationScheme FP8_DYNAMIC = builder().id("fp8-dynamic").weightPrecision(Precision.FP8)
      .computePrecision(Precision.FP8).scaleBits(32)
      .description("FP8 E4M3 weights, per-channel FP32 scales, dynamic per-token activation scales (llm-compressor FP8_DYNAMIC)")
      .build();
  /** FP8 weights with one FP32 scale per 128×128 block (DeepSeek-V3's checkpoint format). */
  public static final QuantizationScheme FP8_BLOCK = builder().id("fp8-block").weightPrecision(Precision.FP8)
      .computePrecision(Precision.FP8).groupSize(128 * 128).scaleBits(32)
      .description("FP8 E4M3 weights, FP32 scale per 128x128 block (weight_block_size [128, 128])").build();
  /** INT8 weights with per-channel scales and INT8 activations. */
  public static final QuantizationScheme W8A8 = builder().id("w8a8").weightPrecision(Precision.INT8)
      .computePrecision(Precision.INT8).scaleBits(32)
      .description("INT8 weights with per-channel FP32 scales, INT8 dynamic per-token activations (SmoothQuant-style)").build();
  /** GPTQ 4-bit weights, group 128, FP16 scales and packed 4-bit zero points; BF16/FP16 math. */
  public static final QuantizationScheme GPTQ_INT4 = builder().id("gptq-int4").weightPrecision(Precision.INT4)
      .computePrecision(Precision.FP16).groupSize(128).scaleBits(16).zeroBits(4)
      .description("GPTQ INT4, group 128, FP16 scales + packed INT4 zeros (w4a16)").build();
  /** AWQ 4-bit weights, group 128, FP16 scales and packed 4-bit zero points; FP16 math. */
  public static final QuantizationScheme AWQ_INT4 = builder().id("awq-int4").weightPrecision(Precision.INT4)
      .computePrecision(Precision.FP16).groupSize(128).scaleBits(16).zeroBits(4)
      .description("AWQ INT4, group 128, FP16 scales + packed INT4 zeros (w4a16)").build();
  /** OCP MXFP4: FP4 (E2M1) values with one E8M0 scale per 32; gpt-oss quantizes only its experts. */
  public static final QuantizationScheme MXFP4 = builder().id("mxfp4").weightPrecision(Precision.FP4)
      .computePrecision(Precision.BF16).groupSize(32).scaleBits(8).scope(Scope.EXPERTS_ONLY).layoutOverhead(1.089)
      .description("OCP MX FP4 (E2M1) with an E8M0 scale per 32 elements; MoE experts only, as gpt-oss ships").build();
  /** NVIDIA NVFP4: FP4 values with one FP8 (E4M3) scale per 16 (plus a per-tensor FP32 scale). */
  public static final QuantizationScheme NVFP4 = builder().id("nvfp4").weightPrecision(Precision.FP4)
      .computePrecision(Precision.FP4).groupSize(16).scaleBits(8)
      .description("NVFP4: FP4 (E2M1) with an FP8 E4M3 scale per 16 elements and a per-tensor FP32 scale").build();

  /** Returns the built-in schemes, in the order of the command-line documentation. */
  public static List<QuantizationScheme> builtIns() {
    return List.of(FP8_DYNAMIC, FP8_BLOCK, W8A8, GPTQ_INT4, AWQ_INT4, MXFP4, NVFP4);
  }

  /**
   * Returns the built-in scheme with id {@code id} (case-insensitive; underscores count as dashes).
   */
  public static Optional<QuantizationScheme> builtIn(String id) {
    String norm = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return builtIns().stream().filter(s -> s.id().equals(norm)).findFirst();
  }

  @Override
  public String toString() {
    return id();
  }
}
