package dev.aicompass.bench.internal;

/**
 * Launch planning for the shipped GEMM kernel (128 x 256 block tiles, 64 bytes of K per tile):
 * split-K for small M and the number of weight copies that keeps B out of L2.
 */
public final class GemmPlan {
  /** Rows of C per block tile. */
  public static final int BLOCK_M = 128;
  /** Columns of C per block tile. */
  public static final int BLOCK_N = 256;
  /** Bytes of K per pipeline stage; K times the element size must be a multiple of it. */
  public static final int K_TILE_BYTES = 64;
  /** Dynamic shared memory per block in bytes: 4 stages of (128 + 256) rows x 64 bytes. */
  public static final int SHARED_BYTES = 4 * (BLOCK_M + BLOCK_N) * K_TILE_BYTES;
  /** Threads per block (8 warps). */
  public static final int THREADS = 256;
  /** Fewest K tiles a split is given, so the 4-stage pipeline still fills. */
  static final int MIN_K_TILES_PER_SPLIT = 8;
  /** Most weight copies allocated to defeat L2 reuse. */
  static final int MAX_WEIGHT_COPIES = 16;

  private GemmPlan() {}

  /** Returns the number of block tiles along N. */
  public static int tilesN(int n) {
    return ceilDiv(Checks.positive("n", n), BLOCK_N);
  }

  /** Returns the number of block tiles along M. */
  public static int tilesM(int m) {
    return ceilDiv(Checks.positive("m", m), BLOCK_M);
  }

  /**
   * Returns how many ways to split K so that about two blocks per multiprocessor are in flight;
   * 1 when the output tiles already fill the device. Every split gets at least
   * {@value #MIN_K_TILES_PER_SPLIT} K tiles (fewer only when K itself is shorter) and no split
   * is empty.
   *
   * @param m token dimension
   * @param n output features
   * @param kBytes K times the element size, a multiple of {@value #K_TILE_BYTES}
   * @param multiprocessors streaming multiprocessors of the device
   * @throws IllegalArgumentException if an argument is below 1 or kBytes is not a multiple of
   *     {@value #K_TILE_BYTES}
   */
  public static int splits(int m, int n, long kBytes, int multiprocessors) {
    Checks.positive("kBytes", kBytes);
    Checks.multipleOf("kBytes", kBytes, K_TILE_BYTES);
    Checks.positive("multiprocessors", multiprocessors);
    long tiles = (long) tilesM(m) * tilesN(n);
    long kTiles = kBytes / K_TILE_BYTES;
    if (tiles >= multiprocessors) {
      return 1;
    }
    long wanted = ceilDiv(2L * multiprocessors, tiles);
    long cap = Math.max(1, kTiles / MIN_K_TILES_PER_SPLIT);
    long splits = Math.max(1, Math.min(wanted, cap));
    long perSplit = ceilDiv(kTiles, splits);
    return (int) ceilDiv(kTiles, perSplit);
  }

  /**
   * Returns how many copies of the weight matrix B to rotate through so that each GEMM reads
   * its weights from device memory rather than L2, as decoding over many layers does: enough
   * copies to cover three times the L2 size, at most {@value #MAX_WEIGHT_COPIES}.
   *
   * @param weightBytes bytes of one copy of B
   * @param l2Bytes L2 cache size in bytes
   * @throws IllegalArgumentException if an argument is below 1
   */
  public static int weightCopies(long weightBytes, long l2Bytes) {
    Checks.positive("weightBytes", weightBytes);
    Checks.positive("l2Bytes", l2Bytes);
    long copies = ceilDiv(3 * l2Bytes, weightBytes);
    return (int) Math.max(1, Math.min(MAX_WEIGHT_COPIES, copies));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
