package dev.aicompass.plan;

import java.util.Locale;

/** What keeps a layout from meeting the service level. */
public enum Limit {
  /** Weights, activations and engine overhead do not fit, or the KV pool cannot hold one request. */
  MEMORY,
  /** Time to first token above the target. */
  TTFT,
  /** Time per output token above the target. */
  TPOT,
  /** Output throughput below the target, or the offered load saturates the deployment. */
  THROUGHPUT,
  /** (Reference method) compute demand, not memory, sets the card count. */
  COMPUTE;

  /** Returns the lower-case id used in JSON ({@code memory}, {@code ttft}, ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
