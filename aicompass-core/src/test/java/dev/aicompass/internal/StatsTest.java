package dev.aicompass.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void percentilesInterpolateLikeNumpy() {
    // numpy.percentile([1, 2, 3, 4], [10, 50, 90]) = 1.3, 2.5, 3.7
    double[] v = {1, 2, 3, 4};
    assertEquals(1.3, Stats.percentile(v, 0.1), 1e-12);
    assertEquals(2.5, Stats.percentile(v, 0.5), 1e-12);
    assertEquals(3.7, Stats.percentile(v, 0.9), 1e-12);
    assertEquals(7.0, Stats.percentile(new double[] {7}, 0.9), 0);
    assertTrue(Double.isNaN(Stats.percentile(new double[0], 0.5)));
  }

  @Test
  void medianSortsACopy() {
    double[] v = {9, 1, 5};
    assertEquals(5, Stats.median(v), 0);
    assertEquals(9, v[0], 0, "the caller's array keeps its order");
  }
}
