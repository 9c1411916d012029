package dev.aicompass.bench.cuda;

import dev.aicompass.bench.internal.Checks;
import java.util.List;

/**
 * The mean time of one GEMM and a few sampled outputs with their input rows, for checking.
 *
 * @param seconds mean time of one GEMM in seconds
 * @param samples sampled outputs (may be empty)
 */
public record GemmTiming(double seconds, List<Sample> samples) {
  /**
   * Creates a timing.
   *
   * @throws IllegalArgumentException if seconds is not a finite number above 0
   */
  public GemmTiming {
    Checks.finitePositive("seconds", seconds);
    samples = List.copyOf(samples);
  }

  /**
   * One output C[row][col] with the decoded row of A and row of B it is the dot product of.
   *
   * @param row index into M
   * @param col index into N
   * @param a A[row][0..K) decoded to float
   * @param b B[col][0..K) decoded to float
   * @param actual C[row][col] as the kernel wrote it, decoded to double
   */
  public record Sample(int row, int col, float[] a, float[] b, double actual) {}
}
