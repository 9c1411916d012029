package dev.aicompass.perf;

/** How requests reach the engine in an estimate. */
public enum ServingMode {
  /** A fixed number of requests in flight; each finished request is replaced at once. */
  CLOSED_LOOP,
  /** Requests arrive at a fixed rate (Poisson), whatever the engine's state. */
  OPEN_LOOP,
  /** Requests always waiting: the engine runs its best batch (KV capacity, max sequences, token budget). */
  MAX_THROUGHPUT,
  /** A fixed batch prefilled together, then decoded in lockstep (no continuous batching). */
  STATIC_BATCH,
  /** A finite number of requests all arriving at once, served with continuous batching. */
  BURST
}
