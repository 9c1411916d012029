package dev.aicompass.check;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import dev.aicompass.perf.PerformanceOptions;
import org.immutables.value.Value;

/** How {@link CapacityCheck} estimates and judges; every field has a default. */
@Value.Immutable
@ValueStyle
public abstract class CheckOptions {
  /** Returns the options of the latency estimate (speculative decoding, efficiency); default {@link PerformanceOptions#defaults()}. */
  @Value.Default
  public PerformanceOptions performance() {
    return PerformanceOptions.defaults();
  }

  /**
   * Returns whether targets are judged at the pessimistic edge of the error band (TTFT times the
   * upper multiplier of its band, TPOT times that of the error band, throughput divided by it)
   * instead of at the estimate; default false.
   */
  @Value.Default
  public boolean pessimistic() {
    return false;
  }

  /**
   * Returns the per-token acceptance rate assumed for a serving command's speculative decoding,
   * which the command cannot state; default 0.6, a middle value for draft heads on chat traffic.
   * Measure yours and set it.
   */
  @Value.Default
  public double speculativeAcceptance() {
    return 0.6;
  }

  @Value.Check
  protected void check() {
    Checks.inRange("speculativeAcceptance", speculativeAcceptance(), 0.0, 0.999);
  }

  /** Returns the defaults. */
  public static CheckOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CheckOptions}. */
  public static final class Builder extends ImmutableCheckOptions.Builder {}
}
