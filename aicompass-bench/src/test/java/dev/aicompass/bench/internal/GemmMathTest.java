package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GemmMathTest {

  @Test
  void countsTwoOperationsPerMultiplyAdd() {
    assertEquals(2L * 4096 * 4096, GemmMath.flops(1, 4096, 4096));
    // Llama-3.1-8B gate_up at a 16384-token prefill chunk: 2 * 16384 * 28672 * 4096.
    assertEquals(3_848_290_697_216L, GemmMath.flops(16384, 28672, 4096));
  }

  @Test
  void achievedRateOfTheSchemaExample() {
    // Schema example: M=1 through 4096x4096 in 0.0174 ms is 1.93 TFLOPS.
    double rate = GemmMath.flopsPerSecond(1, 4096, 4096, 0.0174e-3);
    assertEquals("1.928 TFLOPS", Quantities.formatFlopRate(rate));
  }

  @Test
  void rejectsNonPositiveTimeAndDimensions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GemmMath.flopsPerSecond(1, 1, 1, 0.0));
    assertEquals("seconds (0.0) must be a finite number above 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GemmMath.flops(0, 4096, 4096));
    assertEquals("m (0) must be positive", e.getMessage());
  }

  @Test
  void overflowIsReportedNotWrapped() {
    assertThrows(ArithmeticException.class,
        () -> GemmMath.flops(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));
  }
}
