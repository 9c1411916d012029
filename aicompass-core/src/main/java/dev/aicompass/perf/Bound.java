package dev.aicompass.perf;

import java.util.Locale;

/** What limits an operator, a phase or a whole step. */
public enum Bound {
  /** Arithmetic: FLOPs over achieved FLOP/s dominate. */
  COMPUTE,
  /** Memory traffic: bytes over achieved memory bandwidth dominate. */
  MEMORY,
  /** Collectives and point-to-point transfers between devices dominate. */
  COMMUNICATION;

  /** Returns the lower-case id used in JSON: {@code compute}, {@code memory} or {@code communication}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
