package dev.aicompass.bench.internal;

/** Decoders from the raw bit patterns of the benchmark's element types to float. */
public final class LowPrecision {
  private LowPrecision() {}

  /** Returns the value of an IEEE 754 binary16 (FP16) bit pattern held in the low 16 bits. */
  public static float fp16ToFloat(int bits) {
    int sign = (bits >>> 15) & 1;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    float magnitude;
    if (exponent == 0) {
      magnitude = mantissa * 0x1p-24f;
    } else if (exponent == 31) {
      magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      magnitude = (1 + mantissa / 1024f) * (float) Math.scalb(1.0, exponent - 15);
    }
    return sign == 1 ? -magnitude : magnitude;
  }

  /** Returns the value of a bfloat16 bit pattern held in the low 16 bits. */
  public static float bf16ToFloat(int bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /**
   * Returns the value of an FP8 E4M3 (OCP "e4m3fn": bias 7, no infinities, S.1111.111 is NaN)
   * bit pattern held in the low 8 bits.
   */
  public static float e4m3ToFloat(int bits) {
    int sign = (bits >>> 7) & 1;
    int exponent = (bits >>> 3) & 0xF;
    int mantissa = bits & 0x7;
    float magnitude;
    if (exponent == 15 && mantissa == 7) {
      magnitude = Float.NaN;
    } else if (exponent == 0) {
      magnitude = mantissa * 0x1p-9f;
    } else {
      magnitude = (1 + mantissa / 8f) * (float) Math.scalb(1.0, exponent - 7);
    }
    return sign == 1 ? -magnitude : magnitude;
  }
}
