package dev.aicompass.units;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.Quantities;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A non-negative length of time with sub-nanosecond resolution, stored in seconds. */
public final class TimeSpan implements Comparable<TimeSpan> {
  public static final TimeSpan ZERO = new TimeSpan(0);

  private static final Map<String, Double> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("ns", 1e-9);
    UNITS.put("us", 1e-6);
    UNITS.put("µs", 1e-6);
    UNITS.put("ms", 1e-3);
    UNITS.put("s", 1.0);
    UNITS.put("min", 60.0);
    UNITS.put("h", 3600.0);
  }

  private final double seconds;

  private TimeSpan(double seconds) {
    this.seconds = seconds;
  }

  /**
   * Returns {@code seconds} seconds.
   *
   * @throws IllegalArgumentException if negative, NaN or infinite
   */
  public static TimeSpan ofSeconds(double seconds) {
    return new TimeSpan(Checks.nonNegative("time (s)", seconds));
  }

  /** Returns {@code millis} milliseconds. */
  public static TimeSpan ofMillis(double millis) {
    return ofSeconds(millis / 1e3);
  }

  /** Returns {@code micros} microseconds. */
  public static TimeSpan ofMicros(double micros) {
    return ofSeconds(micros / 1e6);
  }

  /** Converts a {@link Duration}. */
  public static TimeSpan of(Duration duration) {
    return ofSeconds(duration.getSeconds() + duration.getNano() / 1e9);
  }

  /**
   * Parses {@code "500ms"}, {@code "0.5 s"}, {@code "50 ms"}, {@code "20 us"}, {@code "2 min"}.
   *
   * @throws IllegalArgumentException quoting the text when it is not such a form
   */
  public static TimeSpan parse(String text) {
    return ofSeconds(Quantities.parse(text, "time", UNITS, null));
  }

  /**
   * Parses a time as {@link #parse(String)} does, reading a bare number in {@code defaultUnit}
   * (e.g. {@code "500"} with {@code "ms"} is half a second).
   *
   * @throws IllegalArgumentException if the text is not a time or {@code defaultUnit} not a time unit
   */
  public static TimeSpan parse(String text, String defaultUnit) {
    return ofSeconds(Quantities.parse(text, "time", UNITS, defaultUnit));
  }

  public double seconds() {
    return seconds;
  }

  public double toMillis() {
    return seconds * 1e3;
  }

  public double toMicros() {
    return seconds * 1e6;
  }

  public TimeSpan plus(TimeSpan other) {
    return ofSeconds(seconds + other.seconds);
  }

  public TimeSpan minusOrZero(TimeSpan other) {
    return ofSeconds(Math.max(0, seconds - other.seconds));
  }

  public TimeSpan times(double factor) {
    return ofSeconds(seconds * Checks.nonNegative("factor", factor));
  }

  public TimeSpan dividedBy(double divisor) {
    return ofSeconds(seconds / Checks.positive("divisor", divisor));
  }

  public double ratioTo(TimeSpan other) {
    return seconds / other.seconds;
  }

  public TimeSpan max(TimeSpan other) {
    return seconds >= other.seconds ? this : other;
  }

  public TimeSpan min(TimeSpan other) {
    return seconds <= other.seconds ? this : other;
  }

  public boolean isLongerThan(TimeSpan other) {
    return seconds > other.seconds;
  }

  public Duration toDuration() {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  @Override
  public int compareTo(TimeSpan o) {
    return Double.compare(seconds, o.seconds);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeSpan && Double.compare(((TimeSpan) o).seconds, seconds) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(seconds);
  }

  /** Prints e.g. {@code "48.2 ms"}, {@code "1.25 s"}, {@code "730 us"}. */
  @Override
  public String toString() {
    if (seconds == 0) {
      return "0 ms";
    }
    if (seconds >= 1) {
      return Quantities.scaled(seconds, 1, "s");
    }
    if (seconds >= 1e-3) {
      return Quantities.scaled(seconds, 1e-3, "ms");
    }
    if (seconds >= 1e-6) {
      return Quantities.scaled(seconds, 1e-6, "us");
    }
    return Quantities.scaled(seconds, 1e-9, "ns");
  }
}
