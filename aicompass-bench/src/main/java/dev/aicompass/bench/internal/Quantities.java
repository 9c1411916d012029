package dev.aicompass.bench.internal;

import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopRate;
import dev.aicompass.units.TimeSpan;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where bench quantities become "{@code <number> <unit>}" strings and back, as the
 * efficiency-profile JSON spells them. Values are held in base units: FLOP/s, bytes/s, seconds,
 * bytes. Unit conversion is core's ({@link FlopRate}, {@link Bandwidth}, {@link TimeSpan},
 * {@link ByteSize} {@code parse} and {@code toX} accessors); what stays here is the schema's
 * spelling, which core's {@code toString} does not print: a fixed unit per quantity (TFLOPS, ms,
 * GiB; GB/s below 1 TB/s) with {@value #SIGNIFICANT_DIGITS} significant digits, and the schema's
 * unit names for reading.
 */
public final class Quantities {
  /** Significant digits written for every quantity. */
  public static final int SIGNIFICANT_DIGITS = 4;

  private static final MathContext DIGITS =
      new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);
  private static final Pattern QUANTITY =
      Pattern.compile("\\s*([+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(\\S+)\\s*");

  /** The units the schema admits per quantity; core parses a superset. */
  private static final Set<String> FLOP_RATE_UNITS = Set.of("FLOPS", "GFLOPS", "TFLOPS", "PFLOPS");
  private static final Set<String> BANDWIDTH_UNITS = Set.of("B/s", "KB/s", "MB/s", "GB/s", "TB/s");
  private static final Set<String> TIME_UNITS = Set.of("s", "ms", "us", "µs", "ns");
  private static final Set<String> BYTE_UNITS = Set.of("B", "KB", "MB", "GB", "TB",
      "KiB", "MiB", "GiB", "TiB");

  private Quantities() {}

  /**
   * Formats a compute rate in TFLOPS, e.g. {@code "1.93 TFLOPS"} for 1.93e12.
   *
   * @param flopsPerSecond the rate in FLOP/s (operations/s for integer GEMMs)
   * @throws IllegalArgumentException if the rate is NaN, infinite or not above 0
   */
  public static String formatFlopRate(double flopsPerSecond) {
    Checks.finitePositive("flopRate", flopsPerSecond);
    return number(FlopRate.ofFlopsPerSecond(flopsPerSecond).toTeraflops()) + " TFLOPS";
  }

  /**
   * Parses a compute rate such as {@code "989 TFLOPS"} into FLOP/s.
   *
   * @param field the JSON field or option being parsed, named in errors
   * @throws IllegalArgumentException if the text is not a positive number followed by one of
   *     FLOPS, KFLOPS, MFLOPS, GFLOPS, TFLOPS, PFLOPS
   */
  public static double parseFlopRate(String field, String text) {
    return parse(field, text, FLOP_RATE_UNITS, "FLOPS, GFLOPS, TFLOPS or PFLOPS",
        t -> FlopRate.parse(t).flopsPerSecond());
  }

  /**
   * Formats a bandwidth in TB/s from 1 TB/s up and in GB/s below, e.g. {@code "52.1 GB/s"}.
   *
   * @param bytesPerSecond the bandwidth in bytes/s
   * @throws IllegalArgumentException if the bandwidth is NaN, infinite or not above 0
   */
  public static String formatBandwidth(double bytesPerSecond) {
    Checks.finitePositive("bandwidth", bytesPerSecond);
    Bandwidth bandwidth = Bandwidth.ofBytesPerSecond(bytesPerSecond);
    // Choose the unit after rounding, so 999.99 GB/s becomes "1 TB/s", not "1000 GB/s".
    BigDecimal gigabytes = round(bandwidth.toGigabytesPerSecond());
    return gigabytes.compareTo(BigDecimal.valueOf(1000)) >= 0
        ? number(bandwidth.toTerabytesPerSecond()) + " TB/s"
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
    return parse(field, text, BANDWIDTH_UNITS, "B/s, KB/s, MB/s, GB/s or TB/s",
        t -> Bandwidth.parse(t).bytesPerSecond());
  }

  /**
   * Formats a duration in milliseconds, e.g. {@code "0.0174 ms"}.
   *
   * @param seconds the duration in seconds
   * @throws IllegalArgumentException if the duration is NaN, infinite or not above 0
   */
  public static String formatTime(double seconds) {
    Checks.finitePositive("time", seconds);
    return number(TimeSpan.ofSeconds(seconds).toMillis()) + " ms";
  }

  /**
   * Parses a duration such as {@code "0.0174 ms"} into seconds.
   *
   * @param field the JSON field or option being parsed, named in errors
   * @throws IllegalArgumentException if the text is not a positive number followed by one of
   *     s, ms, us, µs, ns
   */
  public static double parseTime(String field, String text) {
    return parse(field, text, TIME_UNITS, "s, ms, us or ns", t -> TimeSpan.parse(t).seconds());
  }

  /**
   * Formats a memory size in GiB, e.g. {@code "79.19 GiB"}.
   *
   * @param bytes the size in bytes
   * @throws IllegalArgumentException if {@code bytes < 1}
   */
  public static String formatBytes(long bytes) {
    Checks.positive("bytes", bytes);
    return number(ByteSize.ofBytes(bytes).toGibibytes()) + " GiB";
  }

  /**
   * Parses a memory size such as {@code "80 GiB"} or {@code "80 GB"} into bytes (rounded).
   *
   * @param field the JSON field or option being parsed, named in errors
   * @throws IllegalArgumentException if the text is not a positive number followed by one of
   *     B, KB, MB, GB, TB, KiB, MiB, GiB, TiB
   */
  public static long parseBytes(String field, String text) {
    return Math.round(parse(field, text, BYTE_UNITS, "B, KB, MB, GB, TB, KiB, MiB, GiB or TiB",
        t -> ByteSize.parse(t).bytes()));
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

  /** Checks the schema's form and unit, then converts with core's parser. */
  private static double parse(String field, String text, Set<String> units, String allowed,
      ToDoubleFunction<String> core) {
    if (text == null) {
      throw new IllegalArgumentException(field + " (null) must be a quantity like \"1 " + first(allowed) + "\"");
    }
    Matcher matcher = QUANTITY.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s (\"%s\") must be a positive number followed by a unit (%s)", field, text, allowed));
    }
    if (!units.contains(matcher.group(2))) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s (\"%s\") has unit \"%s\"; expected one of %s", field, text, matcher.group(2),
          allowed));
    }
    double value;
    try {
      value = core.applyAsDouble(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s (\"%s\") is not readable: %s", field, text, e.getMessage()), e);
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
