package dev.aicompass;

/** Which estimation method answers. */
public enum Method {
  /** First principles per operator and per device, with fitted engine and efficiency constants (the default). */
  ROOFLINE,
  /** The original AICompass formulas (seed 000) with its factor values, for comparison. */
  REFERENCE;

  /** Parses {@code roofline} or {@code reference}, case-insensitive. */
  public static Method parse(String text) {
    for (Method m : values()) {
      if (m.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("method '" + text + "' is unknown (one of roofline, reference)");
  }
}
