package dev.aicompass.simulate;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import dev.aicompass.perf.PerformanceOptions;
import org.immutables.value.Value;

/** Knobs of a serving simulation; every one has a default. */
@Value.Immutable
@ValueStyle
public abstract class SimulationOptions {
  /** Returns how many requests are sent in all; default 100. */
  @Value.Default
  public int requests() {
    return 100;
  }

  /** Returns the seed of the open-loop arrival process ({@link java.util.SplittableRandom}); default 0. */
  @Value.Default
  public long seed() {
    return 0;
  }

  /** How the clients of a closed loop send their first requests. */
  public enum Start {
    /**
     * The loop starts at its steady state: the clients sit evenly over the cycle of engine steps
     * one request takes (the step it waits out after it is sent, its prompt chunks, its decode
     * steps), client {@code j} of a replica's {@code C} being {@code j/C} of a cycle from
     * completing its request at time 0. Requests under way at time 0 hold their KV cache and are
     * not reported; the first reported request of each client is its next one. Default.
     */
    STAGGERED,
    /**
     * Every client sends at time 0, as {@code vllm bench serve --max-concurrency} does; with equal
     * request lengths the clients then stay in lockstep (waves of prefills).
     */
    BURST
  }

  /** Returns how a closed loop's clients start; default {@link Start#STAGGERED}. */
  @Value.Default
  public Start start() {
    return Start.STAGGERED;
  }

  /**
   * Returns the cost model's options (efficiency profile, counting conventions, KV reservation
   * policy, largest batch); speculative decoding and disaggregation are not simulated.
   */
  @Value.Default
  public PerformanceOptions performance() {
    return PerformanceOptions.defaults();
  }

  @Value.Check
  protected void check() {
    Checks.positive("requests", requests());
    if (performance().speculative().isPresent()) {
      throw Checks.invalid("performance.speculative", performance().speculative().get(),
          "be absent: speculative decoding is not simulated (PerformanceEstimator estimates it)");
    }
    if (performance().disaggregation().isPresent()) {
      throw Checks.invalid("performance.disaggregation", performance().disaggregation().get(),
          "be absent: prefill-decode disaggregation is not simulated (PerformanceEstimator estimates it)");
    }
  }

  /** Returns the defaults. */
  public static SimulationOptions defaults() {
    return builder().build();
  }

  /** Returns the defaults with {@code requests} requests and arrival seed {@code seed}. */
  public static SimulationOptions of(int requests, long seed) {
    return builder().requests(requests).seed(seed).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SimulationOptions}. */
  public static final class Builder extends ImmutableSimulationOptions.Builder {}
}
