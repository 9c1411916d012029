package dev.aicompass.perf;

import dev.aicompass.internal.ValueStyle;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.units.Bandwidth;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Prefill–decode disaggregation: prompts run on a prefill pool, generation on a separate decode
 * pool, and each request's KV cache crosses between them. Each pool's {@link Parallelism} includes
 * its own data-parallel replicas; the deployment's own parallelism is ignored.
 */
@Value.Immutable
@ValueStyle
public abstract class Disaggregation {
  /** Returns the layout of the prefill pool (replicas = its dp). */
  public abstract Parallelism prefill();

  /** Returns the layout of the decode pool (replicas = its dp). */
  public abstract Parallelism decode();

  /** Returns the bandwidth of the KV transfer per device pair; default the accelerator's inter-node bandwidth. */
  public abstract Optional<Bandwidth> kvTransferBandwidth();

  /** Returns a disaggregated deployment of the two pools. */
  public static Disaggregation of(Parallelism prefill, Parallelism decode) {
    return builder().prefill(prefill).decode(decode).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Disaggregation}. */
  public static final class Builder extends ImmutableDisaggregation.Builder {}
}
