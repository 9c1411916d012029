package dev.aicompass.catalog.internal;

import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;

/**
 * Weight-only schemes beyond {@link QuantizationScheme#builtIns()}, used by the importer for
 * checkpoints that declare them; {@code quantization.json} documents the same values.
 */
public final class ExtraSchemes {
  private ExtraSchemes() {}

  /** INT8 weights, one FP16 scale per output channel, BF16/FP16 math (W8A16). */
  public static final QuantizationScheme INT8 = QuantizationScheme.builder().id("int8").weightPrecision(Precision.INT8)
      .computePrecision(Precision.BF16).groupSize(0).scaleBits(16).zeroBits(0)
      .description("INT8 weight-only (W8A16): symmetric per-output-channel FP16 scales; activations stay BF16/FP16")
      .build();

  /** INT4 weights, group 128, FP16 scales, symmetric, BF16/FP16 math (W4A16). */
  public static final QuantizationScheme INT4 = QuantizationScheme.builder().id("int4").weightPrecision(Precision.INT4)
      .computePrecision(Precision.BF16).groupSize(128).scaleBits(16).zeroBits(0)
      .description("INT4 weight-only (W4A16): symmetric, one FP16 scale per 128 weights; activations stay BF16/FP16")
      .build();

  /** FP8 (E4M3) weights with one FP32 scale per output channel, BF16 math (W8A16, e.g. Marlin FP8 on Ampere). */
  public static final QuantizationScheme FP8 = QuantizationScheme.builder().id("fp8").weightPrecision(Precision.FP8)
      .computePrecision(Precision.BF16).groupSize(0).scaleBits(32).zeroBits(0)
      .description("FP8 E4M3 weight-only (W8A16): per-output-channel FP32 scales; activations stay BF16")
      .build();
}
