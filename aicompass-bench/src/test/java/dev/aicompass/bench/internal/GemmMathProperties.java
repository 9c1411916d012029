package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class GemmMathProperties {

  @Test
  void rateTimesTimeGivesBackTheOperationCount() {
    qt().forAll(integers().between(1, 65536), integers().between(1, 65536),
            integers().between(1, 65536), doubles().between(1e-7, 10))
        .checkAssert((m, n, k, seconds) -> {
          long flops = GemmMath.flops(m, n, k);
          assertEquals(flops, GemmMath.flopsPerSecond(m, n, k, seconds) * seconds, flops * 1e-12);
        });
  }

  @Test
  void operationCountIsLinearInEachDimension() {
    qt().forAll(integers().between(1, 32768), integers().between(1, 32768),
            integers().between(1, 32768))
        .checkAssert((m, n, k) -> {
          assertEquals(2 * GemmMath.flops(m, n, k), GemmMath.flops(2 * m, n, k));
          assertEquals(GemmMath.flops(m, n, k), GemmMath.flops(k, m, n));
        });
  }
}
