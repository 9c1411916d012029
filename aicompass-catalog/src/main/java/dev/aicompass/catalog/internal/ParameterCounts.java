package dev.aicompass.catalog.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses published parameter counts such as {@code "8.03B"}, {@code "671B"}, {@code "1T"} or {@code "350M"}. */
public final class ParameterCounts {
  private static final Pattern FORM = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([KMBT]?)\\s*", Pattern.CASE_INSENSITIVE);

  private ParameterCounts() {}

  /**
   * Returns the count {@code text} denotes.
   *
   * @throws IllegalArgumentException quoting the text when it is not a count with an optional K, M, B or T suffix
   */
  public static long parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches() || m.group(1).length() > 20) {
      throw new IllegalArgumentException("parameter count '" + text
          + "' is not of the form '<number>[K|M|B|T]', e.g. '8.03B', '671B' or '1T'");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "K":
        n = n.scaleByPowerOfTen(3);
        break;
      case "M":
        n = n.scaleByPowerOfTen(6);
        break;
      case "B":
        n = n.scaleByPowerOfTen(9);
        break;
      case "T":
        n = n.scaleByPowerOfTen(12);
        break;
      default:
        break;
    }
    if (n.signum() <= 0 || n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("parameter count '" + text + "' must be positive and below 9.2e18");
    }
    return n.longValue();
  }
}
