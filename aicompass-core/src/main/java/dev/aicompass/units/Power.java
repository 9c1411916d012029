package dev.aicompass.units;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.Quantities;
import java.util.LinkedHashMap;
import java.util.Map;

/** An electrical power in watts ({@code "700 W"}, {@code "1.2 kW"}). */
public final class Power implements Comparable<Power> {
  private static final Map<String, Double> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("W", 1.0);
    UNITS.put("kW", 1e3);
  }

  private final double watts;

  private Power(double watts) {
    this.watts = watts;
  }

  /** Returns {@code watts} watts; positive and finite. */
  public static Power ofWatts(double watts) {
    return new Power(Checks.positive("power (W)", watts));
  }

  /** Parses {@code "700 W"} or {@code "1.2 kW"}. */
  public static Power parse(String text) {
    double v = Quantities.parse(text, "power", UNITS, null);
    if (!(v > 0)) {
      throw new IllegalArgumentException("power '" + text + "' must be positive");
    }
    return new Power(v);
  }

  public double watts() {
    return watts;
  }

  @Override
  public int compareTo(Power o) {
    return Double.compare(watts, o.watts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Power && Double.compare(((Power) o).watts, watts) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(watts);
  }

  @Override
  public String toString() {
    return watts >= 1e4 ? Quantities.scaled(watts, 1e3, "kW") : Quantities.number(watts, 1) + " W";
  }
}
