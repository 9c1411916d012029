package dev.aicompass.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParallelismTest {

  @Test
  void devicesAreTpTimesPpTimesDp() {
    Parallelism p = Parallelism.of(8, 2, 8, 4);
    assertEquals(64, p.devices());
    assertEquals(16, p.devicesPerReplica());
    assertEquals("TP8 PP2 EP8 DP4", p.toString());
    assertEquals("TP1", Parallelism.single().toString());
  }

  @Test
  void expertShardsAreTheLargerOfTpAndEp() {
    // Seed 003 section 4.8: TP8 + EP8 -> experts / 8 per chip.
    assertEquals(8, Parallelism.of(8, 1, 8, 8).expertShards());
    // EP beyond TP spreads experts over data-parallel ranks: EP32 over TP8 x DP4.
    assertEquals(32, Parallelism.of(8, 1, 32, 4).expertShards());
    // TP beyond EP also splits each expert's width.
    assertEquals(8, Parallelism.of(8, 1, 2, 1).expertShards());
    assertEquals(1, Parallelism.single().expertShards());
    // TP6 with EP4 (over DP2): each device still holds at most 1/6 of the experts, as with EP2.
    assertEquals(6, Parallelism.of(6, 1, 2, 2).expertShards());
    assertEquals(6, Parallelism.of(6, 1, 4, 2).expertShards());
  }

  @Test
  void rejectsExpertParallelismThatDoesNotDivideTpTimesDp() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallelism.of(2, 1, 3, 1));
    assertEquals("ep (3) must divide tp·dp (2)", e.getMessage());
  }

  @Test
  void rejectsNonPositiveDegrees() {
    assertEquals("tp (0) must be positive",
        assertThrows(IllegalArgumentException.class, () -> Parallelism.tensor(0)).getMessage());
    assertEquals("pp (-1) must be positive",
        assertThrows(IllegalArgumentException.class, () -> Parallelism.of(1, -1, 1, 1)).getMessage());
    assertEquals("dp (0) must be positive",
        assertThrows(IllegalArgumentException.class, () -> Parallelism.of(1, 1, 1, 0)).getMessage());
  }
}
