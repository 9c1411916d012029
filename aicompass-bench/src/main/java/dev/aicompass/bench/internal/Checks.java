package dev.aicompass.bench.internal;

import java.util.Locale;

/**
 * Shared preconditions whose messages name the field, the value and the rule, so that the
 * wording never drifts: {@code iterations (0) must be positive}.
 */
public final class Checks {
  private Checks() {}

  /**
   * Returns {@code value} if it is at least 1.
   *
   * @throws IllegalArgumentException if {@code value < 1}
   */
  public static int positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " (" + value + ") must be positive");
    }
    return value;
  }

  /**
   * Returns {@code value} if it is at least 1.
   *
   * @throws IllegalArgumentException if {@code value < 1}
   */
  public static long positive(String field, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " (" + value + ") must be positive");
    }
    return value;
  }

  /**
   * Returns {@code value} if it is at least 0.
   *
   * @throws IllegalArgumentException if {@code value < 0}
   */
  public static int nonNegative(String field, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " (" + value + ") must not be negative");
    }
    return value;
  }

  /**
   * Returns {@code value} if it is finite and greater than 0 (NaN is rejected).
   *
   * @throws IllegalArgumentException if {@code value} is NaN, infinite or not above 0
   */
  public static double finitePositive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          field + " (" + format(value) + ") must be a finite number above 0");
    }
    return value;
  }

  /**
   * Returns {@code value} if it is a power of two.
   *
   * @throws IllegalArgumentException if {@code value} is not a positive power of two
   */
  public static int powerOfTwo(String field, int value) {
    if (value < 1 || Integer.bitCount(value) != 1) {
      throw new IllegalArgumentException(field + " (" + value + ") must be a power of two");
    }
    return value;
  }

  /**
   * Returns {@code value} if it is a multiple of {@code divisor}.
   *
   * @throws IllegalArgumentException if {@code value % divisor != 0}
   */
  public static long multipleOf(String field, long value, long divisor) {
    if (value % divisor != 0) {
      throw new IllegalArgumentException(
          field + " (" + value + ") must be a multiple of " + divisor);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is neither null nor blank.
   *
   * @throws IllegalArgumentException if {@code value} is null or blank
   */
  public static String notBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          field + " (" + (value == null ? "null" : "\"" + value + "\"") + ") must not be blank");
    }
    return value;
  }

  /**
   * Returns {@code value} if it is not null.
   *
   * @throws IllegalArgumentException if {@code value} is null
   */
  public static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " (null) must be present");
    }
    return value;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }
}
