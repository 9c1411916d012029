package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MSweepTest {

  @Test
  void defaultSweepRunsFromOneTokenTo16384() {
    List<Integer> sweep = MSweep.powersOfTwo(MSweep.DEFAULT_MIN, MSweep.DEFAULT_MAX);
    assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384),
        sweep);
  }

  @Test
  void quickSweepStepsByFour() {
    assertEquals(List.of(1, 4, 16, 64, 256, 1024, 4096), MSweep.quick());
  }

  @Test
  void geometricSweepAlwaysEndsAtMax() {
    assertEquals(List.of(1, 4, 16, 32), MSweep.geometric(1, 32, 4));
    assertEquals(List.of(8), MSweep.powersOfTwo(8, 8));
  }

  @Test
  void rejectsBoundsThatAreNotPowersOfTwo() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MSweep.powersOfTwo(1, 1000));
    assertEquals("mMax (1000) must be a power of two", e.getMessage());
  }

  @Test
  void rejectsMinAboveMax() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MSweep.powersOfTwo(64, 8));
    assertEquals("mMin (64) must not exceed mMax (8)", e.getMessage());
  }
}
