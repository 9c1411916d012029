package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GemmPlanTest {
  private static final int H100_SMS = 132;

  @Test
  void largeMNeedsNoSplit() {
    // 16384 x 28672: 128 x 112 tiles, far more than 132 SMs.
    assertEquals(1, GemmPlan.splits(16384, 28672, 4096 * 2, H100_SMS));
  }

  @Test
  void decodeShapeSplitsKToFillTheDevice() {
    // M=1 through 4096x4096 bf16: 16 tiles; 264 blocks wanted -> 17 splits, 128 K tiles of
    // 64 bytes -> 8 per split -> 16 splits exactly.
    assertEquals(16, GemmPlan.splits(1, 4096, 4096 * 2, H100_SMS));
  }

  @Test
  void shortKLimitsTheSplit() {
    // 8192x1024 bf16 (70B o under TP8): 32 K tiles, at least 8 per split -> at most 4.
    assertEquals(4, GemmPlan.splits(1, 8192, 1024 * 2, H100_SMS));
  }

  @Test
  void weightCopiesCoverThreeTimesL2() {
    long l2 = 50L << 20;  // H100: 50 MiB
    assertEquals(5, GemmPlan.weightCopies(4096L * 4096 * 2, l2));   // 32 MiB each
    assertEquals(1, GemmPlan.weightCopies(28672L * 4096 * 2, l2));  // 224 MiB
    assertEquals(16, GemmPlan.weightCopies(1024, l2));
  }

  @Test
  void rejectsKThatIsNotAWholeNumberOfTiles() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GemmPlan.splits(1, 4096, 100, H100_SMS));
    assertEquals("kBytes (100) must be a multiple of 64", e.getMessage());
  }

  @Test
  void sharedMemoryFitsEveryAmpereAndNewerGpu() {
    // sm_86/sm_89 allow 99 KiB of dynamic shared memory per block.
    assertEquals(96 * 1024, GemmPlan.SHARED_BYTES);
  }
}
