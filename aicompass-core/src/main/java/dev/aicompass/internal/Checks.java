package dev.aicompass.internal;

import java.util.Locale;

/**
 * Shared preconditions, so that every validation message reads the same way:
 * {@code <field> (<value>) must <rule>}.
 */
public final class Checks {
  private Checks() {}

  /** Formats a message with {@link Locale#ROOT}. */
  public static String format(String template, Object... args) {
    return String.format(Locale.ROOT, template, args);
  }

  /** Fails with {@code field (value) must rule}. */
  public static IllegalArgumentException invalid(String field, Object value, String rule) {
    return new IllegalArgumentException(field + " (" + render(value) + ") must " + rule);
  }

  public static int positive(String field, int value) {
    if (value <= 0) {
      throw invalid(field, value, "be positive");
    }
    return value;
  }

  public static long positive(String field, long value) {
    if (value <= 0) {
      throw invalid(field, value, "be positive");
    }
    return value;
  }

  public static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(field, value, "be a positive finite number");
    }
    return value;
  }

  public static int nonNegative(String field, int value) {
    if (value < 0) {
      throw invalid(field, value, "not be negative");
    }
    return value;
  }

  public static long nonNegative(String field, long value) {
    if (value < 0) {
      throw invalid(field, value, "not be negative");
    }
    return value;
  }

  public static double nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw invalid(field, value, "be a finite number >= 0");
    }
    return value;
  }

  public static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw invalid(field, value, "be finite");
    }
    return value;
  }

  /** Checks {@code low <= value <= high}, NaN-safe. */
  public static double inRange(String field, double value, double low, double high) {
    if (!(value >= low && value <= high)) {
      throw invalid(field, value, "be between " + render(low) + " and " + render(high));
    }
    return value;
  }

  public static int inRange(String field, int value, int low, int high) {
    if (value < low || value > high) {
      throw invalid(field, value, "be between " + low + " and " + high);
    }
    return value;
  }

  /** Checks that {@code divisor} divides {@code dividend}. */
  public static void divides(String divisorField, int divisor, String dividendField, int dividend) {
    if (divisor <= 0 || dividend % divisor != 0) {
      throw invalid(divisorField, divisor, "divide " + dividendField + " (" + dividend + ")");
    }
  }

  public static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must be given");
    }
    return value;
  }

  public static String notBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  /** Renders a value for a message: integral doubles without a fraction, others with up to 6 significant digits. */
  public static String render(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return String.valueOf(d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return String.valueOf((long) d);
      }
      return String.format(Locale.ROOT, "%.6g", d).replaceAll("\\.?0+(e|$)", "$1");
    }
    if (value instanceof String) {
      return "'" + value + "'";
    }
    return String.valueOf(value);
  }
}
