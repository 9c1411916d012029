package dev.aicompass.advise;

import dev.aicompass.check.CheckOptions;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import java.util.List;
import org.immutables.value.Value;

/** What {@link Advisor} may suggest and how it judges; every field has a default. */
@Value.Immutable
@ValueStyle
public abstract class AdviceOptions {
  /** Returns the options of every check, before and after; default {@link CheckOptions#defaults()}. */
  @Value.Default
  public CheckOptions checkOptions() {
    return CheckOptions.defaults();
  }

  /**
   * Returns the accelerators an accelerator change may pick from; empty (default) means every
   * {@code Presets.accelerators()} with a published peak. Include the current one to allow re-layouts on it.
   */
  public abstract List<Accelerator> accelerators();

  /** Returns whether a different accelerator may be suggested; default true. */
  @Value.Default
  public boolean suggestAccelerators() {
    return true;
  }

  /**
   * Returns the share of prompt tokens the workload would find in a prefix cache, used to suggest
   * turning prefix caching on when the deployment has it off; default 0 (no such suggestion).
   */
  @Value.Default
  public double prefixHitRate() {
    return 0.0;
  }

  /** Returns the draft tokens of a suggested speculative decoding; default 3. */
  @Value.Default
  public int speculativeTokens() {
    return 3;
  }

  /** Returns the most devices a suggestion may use; default 64. */
  @Value.Default
  public int maxDevices() {
    return 64;
  }

  /** Returns the most suggestions returned; default 8. */
  @Value.Default
  public int maxSuggestions() {
    return 8;
  }

  @Value.Check
  protected void check() {
    Checks.inRange("prefixHitRate", prefixHitRate(), 0.0, 1.0);
    Checks.positive("speculativeTokens", speculativeTokens());
    Checks.positive("maxDevices", maxDevices());
    Checks.positive("maxSuggestions", maxSuggestions());
  }

  /** Returns the defaults. */
  public static AdviceOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AdviceOptions}. */
  public static final class Builder extends ImmutableAdviceOptions.Builder {}
}
