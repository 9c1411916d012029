package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class GemmPlanProperties {

  @Test
  void everySplitGetsWorkAndNoSplitIsEmpty() {
    qt().forAll(integers().between(1, 65536), integers().between(1, 65536),
            integers().between(1, 2048), integers().between(1, 200))
        .checkAssert((m, n, kTiles, sms) -> {
          long kBytes = (long) kTiles * GemmPlan.K_TILE_BYTES;
          int splits = GemmPlan.splits(m, n, kBytes, sms);
          assertTrue(splits >= 1 && splits <= kTiles, "splits " + splits);
          // The kernel gives each split ceil(kTiles / splits) tiles; the last must be non-empty.
          int perSplit = (kTiles + splits - 1) / splits;
          assertTrue((long) (splits - 1) * perSplit < kTiles, "empty last split");
        });
  }

  @Test
  void splittingOnlyHappensWhenTilesLeaveMultiprocessorsIdle() {
    qt().forAll(integers().between(1, 65536), integers().between(1, 65536),
            integers().between(1, 200))
        .checkAssert((m, n, sms) -> {
          long tiles = (long) GemmPlan.tilesM(m) * GemmPlan.tilesN(n);
          int splits = GemmPlan.splits(m, n, 4096L * 2, sms);
          assertTrue(tiles < sms || splits == 1);
        });
  }
}
