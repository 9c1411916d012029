package dev.aicompass.parallel;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import org.immutables.value.Value;

/**
 * How a model is split over devices: tensor parallel (TP) inside a layer, pipeline parallel (PP)
 * across layers, expert parallel (EP) across MoE experts, and data-parallel (DP) replicas. The
 * device count is TP·PP·DP; EP groups experts within the TP·DP devices of a stage, so it must
 * divide TP·DP.
 */
@Value.Immutable
@ValueStyle
public abstract class Parallelism {
  @Value.Default
  public int tp() {
    return 1;
  }

  @Value.Default
  public int pp() {
    return 1;
  }

  @Value.Default
  public int ep() {
    return 1;
  }

  @Value.Default
  public int dp() {
    return 1;
  }

  /** Returns the devices the deployment uses: TP·PP·DP. */
  public int devices() {
    return Math.multiplyExact(Math.multiplyExact(tp(), pp()), dp());
  }

  /** Returns the devices of one model replica: TP·PP. */
  public int devicesPerReplica() {
    return tp() * pp();
  }

  /**
   * Returns the factor by which routed experts are split per device: the larger of EP (experts spread
   * over EP ranks) and TP (each expert's width split over TP ranks), so more of either never adds
   * expert weights to a device.
   */
  public int expertShards() {
    return Math.max(tp(), ep());
  }

  @Value.Check
  protected void check() {
    Checks.positive("tp", tp());
    Checks.positive("pp", pp());
    Checks.positive("ep", ep());
    Checks.positive("dp", dp());
    if ((tp() * dp()) % ep() != 0) {
      throw Checks.invalid("ep", ep(), "divide tp·dp (" + tp() * dp() + ")");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns TP=tp with no other parallelism. */
  public static Parallelism tensor(int tp) {
    return builder().tp(tp).build();
  }

  public static Parallelism of(int tp, int pp, int ep, int dp) {
    return builder().tp(tp).pp(pp).ep(ep).dp(dp).build();
  }

  /** Returns one device. */
  public static Parallelism single() {
    return builder().build();
  }

  /** Builds a {@link Parallelism}. */
  public static final class Builder extends ImmutableParallelism.Builder {}

  @Override
  public String toString() {
    return "TP" + tp() + (pp() > 1 ? " PP" + pp() : "") + (ep() > 1 ? " EP" + ep() : "") + (dp() > 1 ? " DP" + dp() : "");
  }
}
