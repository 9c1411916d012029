package dev.aicompass.model;

/** The normalisation layer type, which fixes its parameter count per normalised width. */
public enum NormKind {
  /** RMSNorm: one weight vector. */
  RMS(1),
  /** LayerNorm: a weight and a bias vector. */
  LAYER(2);

  private final int vectors;

  NormKind(int vectors) {
    this.vectors = vectors;
  }

  /** Returns the parameter vectors per norm (1 for RMSNorm, 2 for LayerNorm). */
  public int vectors() {
    return vectors;
  }
}
