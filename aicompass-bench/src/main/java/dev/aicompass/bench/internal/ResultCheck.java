package dev.aicompass.bench.internal;

import dev.aicompass.bench.Precision;
import dev.aicompass.bench.cuda.GemmTiming;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks sampled GEMM outputs against a reference dot product computed on the host, so a kernel
 * that is fast because it is wrong never makes it into a profile.
 */
public final class ResultCheck {
  private ResultCheck() {}

  /**
   * Returns empty when every sample matches its reference, else a one-line description of the
   * first mismatch. Integer GEMMs must match exactly; float GEMMs within the output type's
   * rounding plus a float-accumulation allowance proportional to the sum of |a·b|.
   */
  public static Optional<String> verify(Precision precision, List<GemmTiming.Sample> samples) {
    for (GemmTiming.Sample s : samples) {
      if (s.a().length != s.b().length) {
        return Optional.of(String.format(Locale.ROOT,
            "sample C[%d][%d] has rows of different length (%d, %d)", s.row(), s.col(),
            s.a().length, s.b().length));
      }
      if (precision == Precision.INT8) {
        long expected = 0;
        for (int i = 0; i < s.a().length; i++) {
          expected += (long) s.a()[i] * (long) s.b()[i];
        }
        if (s.actual() != expected) {
          return Optional.of(String.format(Locale.ROOT, "C[%d][%d] = %.0f but the reference is %d",
              s.row(), s.col(), s.actual(), expected));
        }
        continue;
      }
      double expected = 0;
      double magnitude = 0;
      for (int i = 0; i < s.a().length; i++) {
        double product = (double) s.a()[i] * s.b()[i];
        expected += product;
        magnitude += Math.abs(product);
      }
      double tolerance = tolerance(precision, expected, magnitude);
      if (!(Math.abs(s.actual() - expected) <= tolerance)) {
        return Optional.of(String.format(Locale.ROOT,
            "C[%d][%d] = %.6g but the reference is %.6g (tolerance %.3g)", s.row(), s.col(),
            s.actual(), expected, tolerance));
      }
    }
    return Optional.empty();
  }

  /** Returns the allowed |actual − reference| of one output. */
  static double tolerance(Precision precision, double expected, double magnitude) {
    double outputRounding = switch (precision) {
      case FP16 -> 0x1p-10;          // binary16 has 10 stored mantissa bits; 2 ulp of headroom
      case BF16, FP8 -> 0x1p-7;      // bfloat16 output has 7
      case INT8 -> 0;
    };
    double accumulation = precision == Precision.FP8 ? 1e-3 : 1e-4;
    return Math.abs(expected) * outputRounding + magnitude * accumulation + 1e-3;
  }
}
