package dev.aicompass.model;

/** A part of a model whose parameters, bytes and sharding are accounted separately. */
public enum Component {
  EMBEDDING("embedding"),
  ATTENTION("attention"),
  DENSE_FFN("dense FFN"),
  ROUTED_EXPERTS("routed experts"),
  SHARED_EXPERTS("shared experts"),
  ROUTER("router"),
  NORMS("norms"),
  LM_HEAD("LM head"),
  VISION_ENCODER("vision encoder"),
  AUDIO_ENCODER("audio encoder"),
  PROJECTOR("projector");

  private final String label;

  Component(String label) {
    this.label = label;
  }

  /** Returns a short human label, e.g. {@code "routed experts"}. */
  public String label() {
    return label;
  }

  /** Returns the camelCase key used in JSON, e.g. {@code "routedExperts"}. */
  public String key() {
    String[] parts = name().toLowerCase(java.util.Locale.ROOT).split("_");
    StringBuilder sb = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return sb.toString();
  }
}
