package dev.aicompass.bench.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where bench quantities become "{@code <number> <unit>}" strings and back (decimal
 * SI prefixes for rates and bandwidths, IEC for memory sizes), as the efficiency-profile JSON
 * spells them. Values are held in base units: FLOP/s, bytes/s, seconds, bytes. When the core
 * module's unit types arrive, these methods delegate to their {@code parse}/{@code toString}.
 */
public final class Quantities {
  /** Significant digits written for every quantity. */
  public static final int SIGNIFICANT_DIGITS = 4;

  private static final MathContext DIGITS =
      new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);
  private static final Pattern QUANTITY =
      Pattern.compile("\\s*([+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(\\S+)\\s*");

  private static final Map<String, Double> FLOP_RATE_UNITS = Map.of(
      "FLOPS", 1.0, "KFLOPS", 1e3, "MFLOPS", 1e6, "GFLOPS", 1e9, "TFLOPS", 1e12, "PFLOPS", 1e15);
  private static final Map<String, Double> BANDWIDTH_UNITS = Map.of(
      "B/s", 1.0, "KB/s", 1e3, "MB/s", 1e6, "GB/s", 1e9, "TB/s", 1e12);
  private static final Map<String, Double> TIME_UNITS = Map.of(
      "s", 1.0, "ms", 1e-3, "us", 1e-6, "µs", 1e-6, "ns", 1e-9);
  private static final Map<String, Double> BYTE_UNITS = Map.of(
      "B", 1.0, "KB", 1e3, "MB", 1e6, "GB", 1e9, "TB", 1e12,
      "KiB", 1024.0, "MiB", 1048576.0, "GiB", 1073741824.0, "TiB", 1099511627776.0);

  private Quantities() {}

  /**
   * Formats a compute rate in TFLOPS, e.g. {@code "1.93 TFLOPS"} for 1.93e12.
   *
   * @param flopsPerSecond the rate in FLOP/s (operations/s for integer GEMMs)
   * @throws IllegalArgumentException if the rate is NaN, infinite or not above 0
   */
  public static String formatFlopRate(double flopsPerSecond) {
    Checks.finitePositive("flopRate", flopsPerSecond);
    return number(flopsPerSecond / 1e12) + " TFLOPS";
  }

  /**
   * Parses a compute rate such as {@code "989 TFLOPS"} into FLOP/s.
   *
   * @param field the JSON field or option being parsed, named in errors
   * @throws IllegalArgumentException if the text is not a positive number followed by one of
   *     FLOPS, KFLOPS, MFLOPS, GFLOPS, TFLOPS, PFLOPS
   */
  public static double parseFlopRate(String field, String text) {
    return parse(field, text, FLOP_RATE_UNITS, "FLOPS, GFLOPS, TFLOPS or PFLOPS");
  }

  /**
   * Formats a bandwidth in TB/s from 1 TB/s up and in GB/s below, e.g. {@code "52.1 GB/s"}.
   *
   * @param bytesPerSecond the bandwidth in bytes/s
   * @throws IllegalArgumentException if the bandwidth is NaN, infinite or not above 0
   */
  public static String formatBandwidth(double bytesPerSecond) {
    Checks.finitePositive("bandwidth", bytesPerSecond);
    // Choose the unit after rounding, so 999.99 GB/s becomes "1 TB/s", not "1000 GB/s".
    BigDecimal gigabytes = round(bytesPerSecond / 1e9);
    return gigabytes.compareTo(BigDecimal.valueOf(1000)) >= 0
        ? number(bytesPerSecond / 1e12) + " TB/s"
        : plain(gigabytes) + " GB/s";
  }

  /**
   * Parses a bandwidth such as {@code "3.35 TB/s"} into bytes/s.
   *
   * @param field the JSON field or option being parsed, named in errors
   * @throws IllegalArgumentException if the text is not a positive number followed by one of
   *     B/s, KB/s, MB/s, GB/s, TB/s
   */
  public static double parseBandwidth(String field, String text) {
    return parse(field, text, BANDWIDTH_UNITS, "B/s, KB/s, MB/s, GB/s or TB/s");
  }

  /**
   * Formats a duration in milliseconds, e.g. {@code "0.0174 ms"}.
   *
   * @param seconds the duration in seconds
   * @throws IllegalArgumentException if the duration is NaN, infinite or not above 0
   */
  public static String formatTime(double seconds) {
    Checks.finitePositive("time", seconds);
    return number(seconds * 1e3) + " ms";
  }

  /**
   * Parses a duration such as {@code "0.0174 ms"} into seconds.
   *
   * @param field the JSON field or option being parsed, named in errors
   * @throws IllegalArgumentException if the text is not a positive number followed by one of
   *     s, ms, us, µs, ns
   */
  public static double parseTime(String field, String text) {
    return parse(field, text, TIME_UNITS, "s, ms, us or ns");
  }

  /**
   * Formats a memory size in GiB, e.g. {@code "79.19 GiB"}.
   *
   * @param bytes the size in bytes
   * @throws IllegalArgumentException if {@code bytes < 1}
   */
  public static String formatBytes(long bytes) {
    Checks.positive("bytes", bytes);
    return number(bytes / 1073741824.0) + " GiB";
  }

  /**
   * Parses a memory size such as {@code "80 GiB"} or {@code "80 GB"} into bytes (rounded).
   *
   * @param field the JSON field or option being parsed, named in errors
   * @throws IllegalArgumentException if the text is not a positive number followed by one of
   *     B, KB, MB, GB, TB, KiB, MiB, GiB, TiB
   */
  public static long parseBytes(String field, String text) {
    return Math.round(parse(field, text, BYTE_UNITS, "B, KB, MB, GB, TB, KiB, MiB, GiB or TiB"));
  }

  /** Rounds to {@link #SIGNIFICANT_DIGITS} and prints without exponent or trailing zeros. */
  static String number(double value) {
    return plain(round(value));
  }

  private static BigDecimal round(double value) {
    return new BigDecimal(value).round(DIGITS).stripTrailingZeros();
  }

  private static String plain(BigDecimal rounded) {
    return (rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded)
        .toPlainString();
  }

  private static double parse(String field, String text, Map<String, Double> units,
      String allowed) {
    if (text == null) {
      throw new IllegalArgumentException(field + " (null) must be a quantity like \"1 " + first(allowed) + "\"");
    }
    Matcher matcher = QUANTITY.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s (\"%s\") must be a positive number followed by a unit (%s)", field, text, allowed));
    }
    Double scale = units.get(matcher.group(2));
    if (scale == null) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s (\"%s\") has unit \"%s\"; expected one of %s", field, text, matcher.group(2),
          allowed));
    }
    double value;
    try {
      value = Double.parseDouble(matcher.group(1)) * scale;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s (\"%s\") has no readable number", field, text), e);
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s (\"%s\") must be a finite quantity above 0", field, text));
    }
    return value;
  }

  private static String first(String allowed) {
    return allowed.split(",| or ")[0].trim();
  }
}
