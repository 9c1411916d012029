package dev.aicompass.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlopRateTest {

  @Test
  void parsesTeraflopsAndTops() {
    // H100 SXM datasheet: 989 TFLOPS dense BF16, 1979 TOPS dense INT8.
    assertEquals(989e12, FlopRate.parse("989 TFLOPS").flopsPerSecond(), 1);
    assertEquals(1979e12, FlopRate.parse("1979 TOPS").flopsPerSecond(), 1);
    assertEquals(2.3e15, FlopRate.parse("2.3 PFLOPS").flopsPerSecond(), 1);
  }

  @Test
  void printsWithThreeSignificantDigitsAtLeast() {
    assertEquals("989 TFLOPS", FlopRate.parse("989 TFLOPS").toString());
    assertEquals("1.98 PFLOPS", FlopRate.parse("1979 TOPS").toString());
    assertEquals("148 TFLOPS", FlopRate.ofTeraflops(148).toString());
  }

  @Test
  void flopsDividedByRateIsATimeSpan() {
    // Seed 001 section 2.7 (T04): Qwen2.5-32B prefill 65,283,502,899,200 FLOPs on 148 TFLOPS -> 441 ms.
    TimeSpan ttft = FlopCount.of(65_283_502_899_200.0).dividedBy(FlopRate.ofTeraflops(148));
    assertEquals(0.44108, ttft.seconds(), 0.0005);
    assertEquals("441.1 ms", ttft.toString());
  }

  @Test
  void quickEstimateThroughputMatchesSeed001() {
    // Seed 001 section 2.3 (T07): decode 2 x 32e9 FLOPs per token on 148 TFLOPS -> 2312.5 tok/s.
    TimeSpan perToken = FlopCount.of(2 * 32e9).dividedBy(FlopRate.ofTeraflops(148));
    assertEquals(2312.5, TokenRate.of(1, perToken).tokensPerSecond(), 1e-9);
    // T06: 2 x 1 x 1024 x 32e9 = 65.536 TFLOPs (the seed prints 64, a slip).
    assertEquals(65.536, FlopCount.of(2.0 * 1024 * 32e9).toTera(), 1e-12);
  }

  @Test
  void flopCountParsesAndPrints() {
    assertEquals(65.28e12, FlopCount.parse("65.28 TFLOP").flops(), 1);
    assertEquals(383e12, FlopCount.parse("383 TFLOPs").flops(), 1);
    assertEquals("65.28 TFLOP", FlopCount.ofTera(65.28).toString());
    // Seed 003 T11: one MLA layer, one token = 374,210,560 FLOPs, printed in MFLOP and read back.
    assertEquals("374.2 MFLOP", FlopCount.of(374_210_560).toString());
    assertEquals(374.2e6, FlopCount.parse("374.2 MFLOP").flops(), 1e-6);
  }

  @Test
  void rateTimesTimeGivesTheOperations() {
    FlopRate r = FlopRate.ofTeraflops(296);
    assertEquals(296e12 * 0.16, r.times(TimeSpan.ofSeconds(0.16)).flops(), 1);
    assertEquals(989e12 / 3.35e12, FlopRate.parse("989 TFLOPS").ridgePoint(Bandwidth.parse("3.35 TB/s")), 1e-9);
  }

  @Test
  void nonPositiveRatesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlopRate.parse("0 TFLOPS"));
    assertTrue(e.getMessage().contains("'0 TFLOPS'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FlopRate.ofTeraflops(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> FlopCount.of(-1));
  }
}
