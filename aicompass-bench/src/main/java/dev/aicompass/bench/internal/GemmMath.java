package dev.aicompass.bench.internal;

/** FLOP arithmetic of a GEMM C[M x N] = A[M x K] * B[N x K]^T: one multiply-add counts as 2. */
public final class GemmMath {
  private GemmMath() {}

  /**
   * Returns 2 * M * N * K, the floating-point (or integer) operations of one GEMM.
   *
   * @throws IllegalArgumentException if any dimension is below 1
   * @throws ArithmeticException if the count overflows a long
   */
  public static long flops(int m, int n, int k) {
    Checks.positive("m", m);
    Checks.positive("n", n);
    Checks.positive("k", k);
    return Math.multiplyExact(Math.multiplyExact(2L * m, (long) n), (long) k);
  }

  /**
   * Returns the achieved rate in FLOP/s: {@code flops / seconds}.
   *
   * @param seconds the time of one GEMM in seconds
   * @throws IllegalArgumentException if {@code flops < 1} or seconds is not a finite number above 0
   */
  public static double flopsPerSecond(long flops, double seconds) {
    Checks.positive("flops", flops);
    Checks.finitePositive("seconds", seconds);
    return flops / seconds;
  }

  /**
   * Returns the achieved rate in FLOP/s of one M x N x K GEMM that took {@code seconds}.
   *
   * @throws IllegalArgumentException if a dimension is below 1 or seconds is not above 0
   */
  public static double flopsPerSecond(int m, int n, int k, double seconds) {
    return flopsPerSecond(flops(m, n, k), seconds);
  }
}
