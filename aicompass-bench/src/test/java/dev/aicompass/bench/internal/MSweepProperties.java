package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.junit.jupiter.api.Test;

class MSweepProperties {

  @Test
  void sweepHoldsEveryPowerOfTwoBetweenTheBoundsOnceAscending() {
    qt().forAll(integers().between(0, 30), integers().between(0, 30))
        .checkAssert((x, y) -> {
          int lo = Math.min(x, y);
          int hi = Math.max(x, y);
          List<Integer> sweep = MSweep.powersOfTwo(1 << lo, 1 << hi);
          assertEquals(hi - lo + 1, sweep.size());
          assertEquals(1 << lo, sweep.get(0));
          assertEquals(1 << hi, sweep.get(sweep.size() - 1));
          for (int i = 1; i < sweep.size(); i++) {
            assertEquals(2L * sweep.get(i - 1), (long) sweep.get(i));
          }
          sweep.forEach(m -> assertEquals(1, Integer.bitCount(m)));
        });
  }

  @Test
  void geometricSweepStaysWithinBoundsAndGrowsStrictly() {
    qt().forAll(integers().between(0, 20), integers().between(0, 10), integers().between(1, 4))
        .checkAssert((lo, span, logFactor) -> {
          int min = 1 << lo;
          int max = 1 << (lo + span);
          List<Integer> sweep = MSweep.geometric(min, max, 1 << logFactor);
          assertEquals(min, sweep.get(0));
          assertEquals(max, sweep.get(sweep.size() - 1));
          for (int i = 1; i < sweep.size(); i++) {
            assertTrue(sweep.get(i) > sweep.get(i - 1));
          }
        });
  }
}
