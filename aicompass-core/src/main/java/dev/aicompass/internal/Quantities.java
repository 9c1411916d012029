package dev.aicompass.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and printing of "number unit" strings shared by the unit types. */
public final class Quantities {
  private static final Pattern FORM =
      Pattern.compile("\\s*([-+]?(?:\\d+(?:[_,]\\d{3})*(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([A-Za-z/µ]*)\\s*");

  private Quantities() {}

  /**
   * Parses {@code text} as a number followed by one of {@code units} (case-sensitive first,
   * then case-insensitive), returning the value in base units.
   *
   * @throws IllegalArgumentException naming the type, quoting the input and listing the units
   */
  public static double parse(String text, String type, Map<String, Double> units, String defaultUnit) {
    if (text == null) {
      throw new IllegalArgumentException(type + " text must be given");
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          type + " '" + text + "' is not of the form '<number> <unit>' (units: " + String.join(", ", units.keySet()) + ")");
    }
    double number;
    try {
      number = Double.parseDouble(m.group(1).replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(type + " '" + text + "' has an unreadable number", e);
    }
    String unit = m.group(2);
    if (unit.isEmpty()) {
      if (defaultUnit == null) {
        throw new IllegalArgumentException(
            type + " '" + text + "' needs a unit (one of " + String.join(", ", units.keySet()) + ")");
      }
      unit = defaultUnit;
    }
    Double factor = units.get(unit);
    if (factor == null) {
      for (Map.Entry<String, Double> e : units.entrySet()) {
        if (e.getKey().equalsIgnoreCase(unit)) {
          factor = e.getValue();
          break;
        }
      }
    }
    if (factor == null) {
      throw new IllegalArgumentException(
          type + " '" + text + "' has unknown unit '" + unit + "' (units: " + String.join(", ", units.keySet()) + ")");
    }
    double value = number * factor;
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(type + " '" + text + "' must be a finite number >= 0");
    }
    return value;
  }

  /** Prints a value with up to {@code digits} decimals, trailing zeros removed. */
  public static String number(double value, int digits) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    BigDecimal bd = BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_EVEN).stripTrailingZeros();
    if (bd.scale() < 0) {
      bd = bd.setScale(0, RoundingMode.UNNECESSARY);
    }
    return bd.toPlainString();
  }

  /** Prints {@code value / scale} with 3 significant digits at least and the unit. */
  public static String scaled(double value, double scale, String unit) {
    double v = value / scale;
    int digits = Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 10 ? 2 : Math.abs(v) >= 1 ? 2 : 4;
    return number(v, digits) + " " + unit;
  }

  public static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
