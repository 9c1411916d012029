package dev.aicompass.units;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.Quantities;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data rate in bytes per second, decimal units ({@code "3.35 TB/s"} is 3.35·10^12 bytes per
 * second). Bit rates such as {@code "400 Gb/s"} are accepted and converted (8 bits per byte).
 */
public final class Bandwidth implements Comparable<Bandwidth> {
  private static final Map<String, Double> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("B/s", 1.0);
    UNITS.put("kB/s", 1e3);
    UNITS.put("MB/s", 1e6);
    UNITS.put("GB/s", 1e9);
    UNITS.put("TB/s", 1e12);
    UNITS.put("GiB/s", (double) ByteSize.GIB);
    UNITS.put("MiB/s", (double) ByteSize.MIB);
    UNITS.put("Gb/s", 1e9 / 8);
    UNITS.put("Gbps", 1e9 / 8);
    UNITS.put("Tb/s", 1e12 / 8);
  }

  private final double bytesPerSecond;

  private Bandwidth(double bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
  }

  /**
   * Returns a bandwidth of {@code bytesPerSecond}.
   *
   * @throws IllegalArgumentException if it is not positive and finite
   */
  public static Bandwidth ofBytesPerSecond(double bytesPerSecond) {
    return new Bandwidth(Checks.positive("bandwidth (bytes/s)", bytesPerSecond));
  }

  /** Returns {@code value}·10^9 bytes per second. */
  public static Bandwidth ofGigabytesPerSecond(double value) {
    return ofBytesPerSecond(value * 1e9);
  }

  /** Returns {@code value}·10^12 bytes per second. */
  public static Bandwidth ofTerabytesPerSecond(double value) {
    return ofBytesPerSecond(value * 1e12);
  }

  /**
   * Parses {@code "3.35 TB/s"}, {@code "900 GB/s"}, {@code "400 Gb/s"} (bits) and the like.
   *
   * @throws IllegalArgumentException quoting the text when it is not such a form or not positive
   */
  public static Bandwidth parse(String text) {
    double v = Quantities.parse(text, "bandwidth", UNITS, null);
    if (!(v > 0)) {
      throw new IllegalArgumentException("bandwidth '" + text + "' must be positive");
    }
    return new Bandwidth(v);
  }

  public double bytesPerSecond() {
    return bytesPerSecond;
  }

  public double toGigabytesPerSecond() {
    return bytesPerSecond / 1e9;
  }

  public double toTerabytesPerSecond() {
    return bytesPerSecond / 1e12;
  }

  /** Returns this bandwidth scaled by an efficiency or count {@code factor} (> 0). */
  public Bandwidth times(double factor) {
    return ofBytesPerSecond(bytesPerSecond * Checks.positive("factor", factor));
  }

  /** Returns the bytes moved in {@code time} at this rate. */
  public ByteSize times(TimeSpan time) {
    return ByteSize.ofBytes(bytesPerSecond * time.seconds());
  }

  public Bandwidth min(Bandwidth other) {
    return bytesPerSecond <= other.bytesPerSecond ? this : other;
  }

  @Override
  public int compareTo(Bandwidth o) {
    return Double.compare(bytesPerSecond, o.bytesPerSecond);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bandwidth && Double.compare(((Bandwidth) o).bytesPerSecond, bytesPerSecond) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(bytesPerSecond);
  }

  /** Prints e.g. {@code "3.35 TB/s"} or {@code "900 GB/s"}. */
  @Override
  public String toString() {
    if (bytesPerSecond >= 1e12) {
      return Quantities.scaled(bytesPerSecond, 1e12, "TB/s");
    }
    if (bytesPerSecond >= 1e9) {
      return Quantities.scaled(bytesPerSecond, 1e9, "GB/s");
    }
    if (bytesPerSecond >= 1e6) {
      return Quantities.scaled(bytesPerSecond, 1e6, "MB/s");
    }
    return Quantities.scaled(bytesPerSecond, 1, "B/s");
  }
}
