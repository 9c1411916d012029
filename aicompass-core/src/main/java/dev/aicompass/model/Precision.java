package dev.aicompass.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A numeric format of weights, activations, KV cache or tensor-core math, with its storage size. */
public enum Precision {
  FP32("fp32", 32, "float32", "float", "f32"),
  TF32("tf32", 32),
  BF16("bf16", 16, "bfloat16"),
  FP16("fp16", 16, "float16", "half", "f16"),
  FP8("fp8", 8, "float8", "fp8_e4m3", "float8_e4m3fn", "e4m3", "fp8_e5m2"),
  INT8("int8", 8, "i8"),
  FP4("fp4", 4, "e2m1", "float4"),
  INT4("int4", 4, "i4");

  private final String id;
  private final int bits;
  private final String[] aliases;

  Precision(String id, int bits, String... aliases) {
    this.id = id;
    this.bits = bits;
    this.aliases = aliases;
  }

  /** Returns the lower-case id used in JSON and on the command line, e.g. {@code "bf16"}. */
  public String id() {
    return id;
  }

  /** Returns the storage width in bits (TF32 is stored as 32-bit floats). */
  public int bits() {
    return bits;
  }

  /** Returns the storage width in bytes, fractional below 8 bits (0.5 for 4-bit formats). */
  public double bytes() {
    return bits / 8.0;
  }

  public boolean isFloatingPoint() {
    return this != INT8 && this != INT4;
  }

  /**
   * Parses an id or a Hugging Face {@code torch_dtype} name ({@code "bfloat16"}, {@code "float16"}).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Precision parse(String text) {
    if (text != null) {
      String t = text.trim().toLowerCase(Locale.ROOT).replace("torch.", "");
      for (Precision p : values()) {
        if (p.id.equals(t) || Arrays.asList(p.aliases).contains(t)) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException(
        "precision '" + text + "' is unknown (one of "
            + Arrays.stream(values()).map(Precision::id).collect(Collectors.joining(", ")) + ")");
  }

  @Override
  public String toString() {
    return id;
  }
}
