package dev.aicompass.units;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.Quantities;
import java.util.LinkedHashMap;
import java.util.Map;

/** A compute rate in operations per second ({@code "989 TFLOPS"}, {@code "1979 TOPS"} for integer ops). */
public final class FlopRate implements Comparable<FlopRate> {
  private static final Map<String, Double> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("FLOPS", 1.0);
    UNITS.put("GFLOPS", 1e9);
    UNITS.put("TFLOPS", 1e12);
    UNITS.put("PFLOPS", 1e15);
    UNITS.put("GOPS", 1e9);
    UNITS.put("TOPS", 1e12);
    UNITS.put("POPS", 1e15);
    UNITS.put("FLOP/s", 1.0);
    UNITS.put("TFLOP/s", 1e12);
    UNITS.put("PFLOP/s", 1e15);
  }

  private final double flopsPerSecond;

  private FlopRate(double flopsPerSecond) {
    this.flopsPerSecond = flopsPerSecond;
  }

  /**
   * Returns a rate of {@code flopsPerSecond}.
   *
   * @throws IllegalArgumentException if not positive and finite
   */
  public static FlopRate ofFlopsPerSecond(double flopsPerSecond) {
    return new FlopRate(Checks.positive("compute rate (FLOP/s)", flopsPerSecond));
  }

  /** Returns {@code value}·10^12 operations per second. */
  public static FlopRate ofTeraflops(double value) {
    return ofFlopsPerSecond(value * 1e12);
  }

  /**
   * Parses {@code "989 TFLOPS"}, {@code "2.3 PFLOPS"}, {@code "1979 TOPS"}.
   *
   * @throws IllegalArgumentException quoting the text when it is not such a form or not positive
   */
  public static FlopRate parse(String text) {
    double v = Quantities.parse(text, "compute rate", UNITS, null);
    if (!(v > 0)) {
      throw new IllegalArgumentException("compute rate '" + text + "' must be positive");
    }
    return new FlopRate(v);
  }

  public double flopsPerSecond() {
    return flopsPerSecond;
  }

  public double toTeraflops() {
    return flopsPerSecond / 1e12;
  }

  /** Returns this rate scaled by an efficiency or count {@code factor} (> 0). */
  public FlopRate times(double factor) {
    return ofFlopsPerSecond(flopsPerSecond * Checks.positive("factor", factor));
  }

  /** Returns the operations executed in {@code time}. */
  public FlopCount times(TimeSpan time) {
    return FlopCount.of(flopsPerSecond * time.seconds());
  }

  /** Returns the ridge point (operations per byte) of a roofline with this rate and {@code bandwidth}. */
  public double ridgePoint(Bandwidth bandwidth) {
    return flopsPerSecond / bandwidth.bytesPerSecond();
  }

  @Override
  public int compareTo(FlopRate o) {
    return Double.compare(flopsPerSecond, o.flopsPerSecond);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlopRate && Double.compare(((FlopRate) o).flopsPerSecond, flopsPerSecond) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(flopsPerSecond);
  }

  /** Prints e.g. {@code "989.4 TFLOPS"}. */
  @Override
  public String toString() {
    if (flopsPerSecond >= 1e15) {
      return Quantities.scaled(flopsPerSecond, 1e15, "PFLOPS");
    }
    if (flopsPerSecond >= 1e12) {
      return Quantities.scaled(flopsPerSecond, 1e12, "TFLOPS");
    }
    return Quantities.scaled(flopsPerSecond, 1e9, "GFLOPS");
  }
}
