package dev.aicompass.check;

import java.util.Locale;

/** A requirement a deployment does not meet. */
public enum Shortfall {
  /** Weights, activations and engine overhead do not leave a KV pool that holds one max-length request. */
  MEMORY,
  /** A request of the workload (prompt + output) is longer than the engine's max model length. */
  CONTEXT_LENGTH,
  /** Time to first token above the target. */
  TTFT,
  /** Time per output token above the target. */
  TPOT,
  /** Output throughput below the target, or an open-loop arrival rate the deployment cannot sustain. */
  THROUGHPUT;

  /** Returns the lower-case id used in JSON ({@code memory}, {@code context-length}, ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return id();
  }
}
