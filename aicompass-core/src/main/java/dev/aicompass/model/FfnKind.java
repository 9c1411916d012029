package dev.aicompass.model;

/** The shape of a feed-forward block. */
public enum FfnKind {
  /** Gated (SwiGLU/GeGLU): gate, up and down projections, 3·hidden·intermediate weights. */
  GATED,
  /** Plain two-layer MLP (GELU): up and down projections, 2·hidden·intermediate weights. */
  PLAIN;

  /** Returns the number of hidden×intermediate weight matrices. */
  public int matrices() {
    return this == GATED ? 3 : 2;
  }
}
