package dev.aicompass.units;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.Quantities;
import java.util.LinkedHashMap;
import java.util.Map;

/** A number of floating-point (or integer) operations; one multiply-add counts as two. */
public final class FlopCount implements Comparable<FlopCount> {
  public static final FlopCount ZERO = new FlopCount(0);

  private static final Map<String, Double> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("FLOP", 1.0);
    UNITS.put("MFLOP", 1e6);
    UNITS.put("GFLOP", 1e9);
    UNITS.put("TFLOP", 1e12);
    UNITS.put("PFLOP", 1e15);
    UNITS.put("MFLOPs", 1e6);
    UNITS.put("GFLOPs", 1e9);
    UNITS.put("TFLOPs", 1e12);
    UNITS.put("PFLOPs", 1e15);
  }

  private final double flops;

  private FlopCount(double flops) {
    this.flops = flops;
  }

  /**
   * Returns {@code flops} operations.
   *
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public static FlopCount of(double flops) {
    return new FlopCount(Checks.nonNegative("flops", flops));
  }

  /** Returns {@code value}·10^12 operations. */
  public static FlopCount ofTera(double value) {
    return of(value * 1e12);
  }

  /** Parses {@code "65.28 TFLOP"}, {@code "383 TFLOPs"}, {@code "12 GFLOP"}. */
  public static FlopCount parse(String text) {
    return of(Quantities.parse(text, "FLOP count", UNITS, "FLOP"));
  }

  public double flops() {
    return flops;
  }

  public double toTera() {
    return flops / 1e12;
  }

  public FlopCount plus(FlopCount other) {
    return of(flops + other.flops);
  }

  public FlopCount times(double factor) {
    return of(flops * Checks.nonNegative("factor", factor));
  }

  /** Returns the time to execute this many operations at {@code rate}. */
  public TimeSpan dividedBy(FlopRate rate) {
    return TimeSpan.ofSeconds(flops / rate.flopsPerSecond());
  }

  /** Returns the arithmetic intensity in operations per byte, infinite for zero bytes. */
  public double perByte(ByteSize bytes) {
    return bytes.isZero() ? Double.POSITIVE_INFINITY : flops / bytes.bytes();
  }

  @Override
  public int compareTo(FlopCount o) {
    return Double.compare(flops, o.flops);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlopCount && Double.compare(((FlopCount) o).flops, flops) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(flops);
  }

  /** Prints e.g. {@code "65.28 TFLOP"}. */
  @Override
  public String toString() {
    if (flops >= 1e15) {
      return Quantities.scaled(flops, 1e15, "PFLOP");
    }
    if (flops >= 1e12) {
      return Quantities.scaled(flops, 1e12, "TFLOP");
    }
    if (flops >= 1e9) {
      return Quantities.scaled(flops, 1e9, "GFLOP");
    }
    if (flops >= 1e6) {
      return Quantities.scaled(flops, 1e6, "MFLOP");
    }
    return Quantities.number(flops, 0) + " FLOP";
  }
}
