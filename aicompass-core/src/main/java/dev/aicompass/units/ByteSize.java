package dev.aicompass.units;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.Quantities;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An amount of memory, stored as a whole number of bytes. SI units (kB, MB, GB, TB: powers of
 * 1000) and IEC units (KiB, MiB, GiB, TiB: powers of 1024) are kept apart: {@code ofGigabytes(1)}
 * is 10^9 bytes, {@code ofGibibytes(1)} is 2^30 bytes. Arithmetic is checked: an overflow throws
 * {@link ArithmeticException} instead of wrapping.
 */
public final class ByteSize implements Comparable<ByteSize> {
  public static final ByteSize ZERO = new ByteSize(0);

  public static final long KIB = 1L << 10;
  public static final long MIB = 1L << 20;
  public static final long GIB = 1L << 30;
  public static final long TIB = 1L << 40;

  private static final Map<String, Double> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("B", 1.0);
    UNITS.put("KiB", (double) KIB);
    UNITS.put("MiB", (double) MIB);
    UNITS.put("GiB", (double) GIB);
    UNITS.put("TiB", (double) TIB);
    UNITS.put("kB", 1e3);
    UNITS.put("KB", 1e3);
    UNITS.put("MB", 1e6);
    UNITS.put("GB", 1e9);
    UNITS.put("TB", 1e12);
  }

  private final long bytes;

  private ByteSize(long bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns a size of {@code bytes} bytes.
   *
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public static ByteSize ofBytes(long bytes) {
    Checks.nonNegative("bytes", bytes);
    return bytes == 0 ? ZERO : new ByteSize(bytes);
  }

  /**
   * Returns a size of {@code bytes} bytes, rounded up to a whole byte (fractional bytes arise from
   * sub-byte precisions such as 4-bit weights).
   *
   * @throws IllegalArgumentException if {@code bytes} is negative, NaN or infinite
   * @throws ArithmeticException if it exceeds {@link Long#MAX_VALUE} bytes
   */
  public static ByteSize ofBytes(double bytes) {
    Checks.nonNegative("bytes", bytes);
    double up = Math.max(0, Math.ceil(bytes - 1e-6));
    if (up >= 0x1p63) {
      throw new ArithmeticException("byte size overflow: " + bytes + " bytes");
    }
    return ofBytes((long) up);
  }

  /** Returns {@code value} kibibytes (1024 bytes each), rounded up to a whole byte. */
  public static ByteSize ofKibibytes(double value) {
    return ofBytes(value * KIB);
  }

  /** Returns {@code value} mebibytes (2^20 bytes each), rounded up to a whole byte. */
  public static ByteSize ofMebibytes(double value) {
    return ofBytes(value * MIB);
  }

  /** Returns {@code value} gibibytes (2^30 bytes each), rounded up to a whole byte. */
  public static ByteSize ofGibibytes(double value) {
    return ofBytes(value * GIB);
  }

  /** Returns {@code value} tebibytes (2^40 bytes each), rounded up to a whole byte. */
  public static ByteSize ofTebibytes(double value) {
    return ofBytes(value * TIB);
  }

  /** Returns {@code value} megabytes (10^6 bytes each), rounded up to a whole byte. */
  public static ByteSize ofMegabytes(double value) {
    return ofBytes(value * 1e6);
  }

  /** Returns {@code value} gigabytes (10^9 bytes each), rounded up to a whole byte. */
  public static ByteSize ofGigabytes(double value) {
    return ofBytes(value * 1e9);
  }

  /** Returns {@code value} terabytes (10^12 bytes each), rounded up to a whole byte. */
  public static ByteSize ofTerabytes(double value) {
    return ofBytes(value * 1e12);
  }

  /**
   * Parses a human form such as {@code "80 GiB"}, {@code "141 GB"}, {@code "512MiB"} or
   * {@code "1024 B"}. Units: B, KiB, MiB, GiB, TiB (binary) and kB, MB, GB, TB (decimal).
   *
   * @throws IllegalArgumentException quoting the text when it is not such a form or exceeds {@link Long#MAX_VALUE} bytes
   */
  public static ByteSize parse(String text) {
    double bytes = Quantities.parse(text, "byte size", UNITS, null);
    try {
      return ofBytes(bytes);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("byte size '" + text + "' exceeds " + Long.MAX_VALUE + " bytes", e);
    }
  }

  public long bytes() {
    return bytes;
  }

  public double toKibibytes() {
    return bytes / (double) KIB;
  }

  public double toMebibytes() {
    return bytes / (double) MIB;
  }

  public double toGibibytes() {
    return bytes / (double) GIB;
  }

  public double toGigabytes() {
    return bytes / 1e9;
  }

  public boolean isZero() {
    return bytes == 0;
  }

  /**
   * Returns this plus {@code other}.
   *
   * @throws ArithmeticException on overflow
   */
  public ByteSize plus(ByteSize other) {
    return ofBytes(Math.addExact(bytes, other.bytes));
  }

  /** Returns this minus {@code other}, never below zero. */
  public ByteSize minusOrZero(ByteSize other) {
    return bytes > other.bytes ? ofBytes(bytes - other.bytes) : ZERO;
  }

  /**
   * Returns this minus {@code other}.
   *
   * @throws IllegalArgumentException if {@code other} is larger than this
   */
  public ByteSize minus(ByteSize other) {
    if (other.bytes > bytes) {
      throw new IllegalArgumentException("cannot subtract " + other + " from " + this);
    }
    return ofBytes(bytes - other.bytes);
  }

  /**
   * Returns this times a whole {@code factor}.
   *
   * @throws ArithmeticException on overflow
   * @throws IllegalArgumentException if {@code factor} is negative
   */
  public ByteSize times(long factor) {
    Checks.nonNegative("factor", factor);
    return ofBytes(Math.multiplyExact(bytes, factor));
  }

  /**
   * Returns this times {@code factor}, rounded up to a whole byte.
   *
   * @throws IllegalArgumentException if {@code factor} is negative, NaN or infinite
   */
  public ByteSize times(double factor) {
    Checks.nonNegative("factor", factor);
    return ofBytes(bytes * factor);
  }

  /** Returns this divided by a whole {@code divisor}, rounded up. */
  public ByteSize dividedBy(long divisor) {
    Checks.positive("divisor", divisor);
    return ofBytes((bytes + divisor - 1) / divisor);
  }

  /** Returns the ratio of this to {@code other}. */
  public double ratioTo(ByteSize other) {
    return bytes / (double) other.bytes;
  }

  /** Returns how many whole {@code unit}s fit in this size. */
  public long count(ByteSize unit) {
    Checks.positive("unit", unit.bytes);
    return bytes / unit.bytes;
  }

  /** Returns the time to move this many bytes at {@code bandwidth}. */
  public TimeSpan dividedBy(Bandwidth bandwidth) {
    return TimeSpan.ofSeconds(bytes / bandwidth.bytesPerSecond());
  }

  public ByteSize max(ByteSize other) {
    return bytes >= other.bytes ? this : other;
  }

  public ByteSize min(ByteSize other) {
    return bytes <= other.bytes ? this : other;
  }

  public boolean isGreaterThan(ByteSize other) {
    return bytes > other.bytes;
  }

  @Override
  public int compareTo(ByteSize o) {
    return Long.compare(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteSize && ((ByteSize) o).bytes == bytes;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bytes);
  }

  /** Prints the size in the largest binary unit that keeps the number at least 1, e.g. {@code "79.19 GiB"}. */
  @Override
  public String toString() {
    if (bytes < KIB) {
      return bytes + " B";
    }
    if (bytes < MIB) {
      return Quantities.scaled(bytes, KIB, "KiB");
    }
    if (bytes < GIB) {
      return Quantities.scaled(bytes, MIB, "MiB");
    }
    if (bytes < TIB) {
      return Quantities.scaled(bytes, GIB, "GiB");
    }
    return Quantities.scaled(bytes, TIB, "TiB");
  }

  /** Prints the size in decimal units, e.g. {@code "85.03 GB"}. */
  public String toDecimalString() {
    if (bytes < 1000) {
      return bytes + " B";
    }
    if (bytes < 1_000_000) {
      return Quantities.scaled(bytes, 1e3, "kB");
    }
    if (bytes < 1_000_000_000L) {
      return Quantities.scaled(bytes, 1e6, "MB");
    }
    if (bytes < 1_000_000_000_000L) {
      return Quantities.scaled(bytes, 1e9, "GB");
    }
    return Quantities.scaled(bytes, 1e12, "TB");
  }
}
