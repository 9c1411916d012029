package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.bench.Precision;
import dev.aicompass.bench.cuda.GemmTiming;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultCheckTest {

  @Test
  void acceptsAnExactIntegerDotProduct() {
    GemmTiming.Sample s = new GemmTiming.Sample(0, 0, new float[] {127, -128, 3},
        new float[] {127, -128, -5}, 127 * 127 + 128 * 128 - 15);
    assertTrue(ResultCheck.verify(Precision.INT8, List.of(s)).isEmpty());
  }

  @Test
  void rejectsAnIntegerOffByOne() {
    GemmTiming.Sample s =
        new GemmTiming.Sample(3, 7, new float[] {1, 2}, new float[] {3, 4}, 12);
    assertEquals("C[3][7] = 12 but the reference is 11",
        ResultCheck.verify(Precision.INT8, List.of(s)).orElseThrow());
  }

  @Test
  void acceptsABf16RoundedResultOfALongDotProduct() {
    Random random = new Random(1);
    int k = 14336;
    float[] a = new float[k];
    float[] b = new float[k];
    double exact = 0;
    for (int i = 0; i < k; i++) {
      a[i] = random.nextFloat() * 2 - 1;
      b[i] = random.nextFloat() * 2 - 1;
      exact += (double) a[i] * b[i];
    }
    float accumulated = 0;
    for (int i = 0; i < k; i++) {
      accumulated += a[i] * b[i];  // float accumulation, as the tensor cores do
    }
    double rounded = LowPrecision.bf16ToFloat(Float.floatToIntBits(accumulated) >>> 16);
    assertTrue(ResultCheck.verify(Precision.BF16,
        List.of(new GemmTiming.Sample(0, 0, a, b, rounded))).isEmpty(), "exact " + exact);
  }

  @Test
  void rejectsTheResultOfTheWrongRow() {
    Random random = new Random(2);
    int k = 4096;
    float[] a = new float[k];
    float[] b = new float[k];
    float[] other = new float[k];
    double wrong = 0;
    for (int i = 0; i < k; i++) {
      a[i] = random.nextFloat() * 2 - 1;
      b[i] = random.nextFloat() * 2 - 1;
      other[i] = random.nextFloat() * 2 - 1;
      wrong += (double) other[i] * b[i];
    }
    assertTrue(ResultCheck.verify(Precision.FP16,
        List.of(new GemmTiming.Sample(0, 0, a, b, wrong))).isPresent());
  }
}
