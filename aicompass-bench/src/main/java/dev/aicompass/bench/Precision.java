package dev.aicompass.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The GEMM input precisions the bench measures; each accumulates in 32 bits. */
public enum Precision {
  /** IEEE binary16 inputs and output, float accumulation. */
  FP16("fp16", 2, 80),
  /** bfloat16 inputs and output, float accumulation. */
  BF16("bf16", 2, 80),
  /** int8 inputs, int32 accumulation and output; rates count integer operations. */
  INT8("int8", 1, 80),
  /** FP8 E4M3 inputs, float accumulation, bfloat16 output; needs compute capability 8.9. */
  FP8("fp8", 1, 89);

  private final String id;
  private final int bytesPerElement;
  private final int minComputeCapability;

  Precision(String id, int bytesPerElement, int minComputeCapability) {
    this.id = id;
    this.bytesPerElement = bytesPerElement;
    this.minComputeCapability = minComputeCapability;
  }

  /** Returns the name used in JSON and on the command line, e.g. {@code "bf16"}. */
  public String id() {
    return id;
  }

  /** Returns the size of one input element in bytes. */
  public int bytesPerElement() {
    return bytesPerElement;
  }

  /**
   * Returns the lowest compute capability whose tensor cores take this precision, as
   * 10 · major + minor (80 for 8.0).
   */
  public int minComputeCapability() {
    return minComputeCapability;
  }

  /**
   * Returns the precision named {@code id} (case-insensitive), e.g. {@code "bf16"}.
   *
   * @throws IllegalArgumentException if no precision has that name
   */
  public static Precision fromId(String id) {
    for (Precision precision : values()) {
      if (precision.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
        return precision;
      }
    }
    throw new IllegalArgumentException("precision (\"" + id + "\") must be one of "
        + Arrays.stream(values()).map(Precision::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id.toUpperCase(Locale.ROOT);
  }
}
