package dev.aicompass.perf;

import dev.aicompass.deploy.EngineKind;
import dev.aicompass.hardware.EfficiencyProfile;
import dev.aicompass.internal.ValueStyle;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/** Knobs of a performance estimate; every one has a default that suits the deployment's engine. */
@Value.Immutable
@ValueStyle
public abstract class PerformanceOptions {

  /** How the scheduler reserves KV cache for an admitted request. */
  public enum KvReservation {
    /** The whole prompt + output is reserved at admission (TensorRT-LLM {@code GUARANTEED_NO_EVICT}). */
    FULL_SEQUENCE,
    /** Blocks are allocated as tokens arrive (vLLM, SGLang paged attention): a request holds prompt + output/2 on average. */
    ON_DEMAND
  }

  /** Returns the efficiency profile to use instead of the accelerator's own or its kind's default. */
  public abstract Optional<EfficiencyProfile> efficiency();

  @Value.Default
  public CostOptions cost() {
    return CostOptions.defaults();
  }

  public abstract Optional<SpeculativeDecoding> speculative();

  public abstract Optional<Disaggregation> disaggregation();

  /** Returns the KV reservation policy; default {@code FULL_SEQUENCE} for TensorRT-LLM, {@code ON_DEMAND} otherwise. */
  public abstract Optional<KvReservation> kvReservation();

  /** Returns the largest decode batch per replica, overriding the engine's {@code max_num_seqs}. */
  public abstract OptionalInt maxBatchSize();

  /** Returns the policy for {@code kind} unless one is set. */
  public KvReservation kvReservationFor(EngineKind kind) {
    return kvReservation().orElse(kind == EngineKind.TRTLLM ? KvReservation.FULL_SEQUENCE : KvReservation.ON_DEMAND);
  }

  /** Returns the defaults. */
  public static PerformanceOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PerformanceOptions}. */
  public static final class Builder extends ImmutablePerformanceOptions.Builder {}
}
