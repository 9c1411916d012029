package dev.aicompass.plan;

import dev.aicompass.Method;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.perf.PerformanceOptions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/** What the planner may choose from and how it estimates; every field has a default. */
@Value.Immutable
@ValueStyle
public abstract class PlannerOptions {
  /** Returns the accelerators to consider; empty (default) means every {@code Presets.accelerators()}. */
  public abstract List<Accelerator> accelerators();

  /** Returns the most devices a plan may use; default 64. */
  @Value.Default
  public int maxGpus() {
    return 64;
  }

  /** Returns the serving engine; default {@link EngineProfile#vllm()}. */
  @Value.Default
  public EngineProfile engine() {
    return EngineProfile.vllm();
  }

  /** Returns the estimation method; default {@link Method#ROOFLINE}. */
  @Value.Default
  public Method method() {
    return Method.ROOFLINE;
  }

  /** Returns the dtype of unquantized weights; default the checkpoint's. */
  public abstract Optional<Precision> weightPrecision();

  /** Returns the KV-cache dtype; default the activation dtype. */
  public abstract Optional<Precision> kvCachePrecision();

  /** Returns the weight quantization; default the checkpoint's own, if any. */
  public abstract Optional<QuantizationScheme> quantization();

  /** Returns the engine's max model length; default the workload's prompt + output tokens. */
  public abstract OptionalInt maxModelLen();

  /** Returns whether pipeline parallelism may be used; default true. */
  @Value.Default
  public boolean allowPipeline() {
    return true;
  }

  @Value.Default
  public PerformanceOptions performance() {
    return PerformanceOptions.defaults();
  }

  /** Returns the utilisation U of the reference method's compute rule; default 0.8 (seed 000). */
  @Value.Default
  public double referenceUtilization() {
    return 0.8;
  }

  /** Returns how many plans that meet the service level to return at most (one per accelerator); default 10. */
  @Value.Default
  public int maxPlans() {
    return 10;
  }

  /** Returns whether accelerators with no plan that meets the service level are listed after the others, with their limits; default true. */
  @Value.Default
  public boolean includeFailures() {
    return true;
  }

  /**
   * Returns whether the accelerators are searched in parallel on the common fork-join pool (one
   * independent search each; the plans are the same either way); default true.
   */
  @Value.Default
  public boolean parallel() {
    return true;
  }

  @Value.Check
  protected void check() {
    Checks.positive("maxGpus", maxGpus());
    Checks.positive("maxPlans", maxPlans());
    Checks.inRange("referenceUtilization", referenceUtilization(), 0.01, 1.0);
    if (maxModelLen().isPresent()) {
      Checks.positive("maxModelLen", maxModelLen().getAsInt());
    }
  }

  /** Returns the defaults. */
  public static PlannerOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PlannerOptions}. */
  public static final class Builder extends ImmutablePlannerOptions.Builder {}
}
