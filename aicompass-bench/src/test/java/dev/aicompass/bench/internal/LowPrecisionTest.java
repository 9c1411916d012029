package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LowPrecisionTest {

  @Test
  void decodesFp16() {
    assertEquals(1.0f, LowPrecision.fp16ToFloat(0x3C00));
    assertEquals(-2.0f, LowPrecision.fp16ToFloat(0xC000));
    assertEquals(65504f, LowPrecision.fp16ToFloat(0x7BFF));
    assertEquals(0x1p-24f, LowPrecision.fp16ToFloat(0x0001));
    assertEquals(Float.POSITIVE_INFINITY, LowPrecision.fp16ToFloat(0x7C00));
    assertTrue(Float.isNaN(LowPrecision.fp16ToFloat(0x7E00)));
  }

  @Test
  void decodesBf16AsTheTopHalfOfAFloat() {
    assertEquals(1.0f, LowPrecision.bf16ToFloat(0x3F80));
    assertEquals(-0.5f, LowPrecision.bf16ToFloat(0xBF00));
  }

  @Test
  void decodesE4m3() {
    // OCP FP8 spec: 0x38 = 1.0, 0x7E = 448 (max normal), 0x01 = 2^-9 (min subnormal).
    assertEquals(1.0f, LowPrecision.e4m3ToFloat(0x38));
    assertEquals(448f, LowPrecision.e4m3ToFloat(0x7E));
    assertEquals(-448f, LowPrecision.e4m3ToFloat(0xFE));
    assertEquals(0x1p-9f, LowPrecision.e4m3ToFloat(0x01));
    assertTrue(Float.isNaN(LowPrecision.e4m3ToFloat(0x7F)));
  }

  @Test
  void theFillMaskOfTheKernelsNeverProducesNaN() {
    // aicompass_fill_e4m3 writes (hash & 0xBF): the top exponent bit is always clear.
    for (int bits = 0; bits < 256; bits++) {
      float v = LowPrecision.e4m3ToFloat(bits & 0xBF);
      assertTrue(Float.isFinite(v) && Math.abs(v) < 2f, "0x" + Integer.toHexString(bits));
    }
  }
}
