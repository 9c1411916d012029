package dev.aicompass.model;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import org.immutables.value.Value;

/**
 * Mixture-of-experts layout: routed experts, experts per token, shared experts, and which layers
 * are MoE (layers before {@link #firstDenseLayers()} are dense; after it every
 * {@link #layerStep()}-th layer is MoE, counting layer i as MoE when {@code (i + 1) % step == 0}).
 */
@Value.Immutable
@ValueStyle
public abstract class MoeSpec {
  /** Returns the routed experts per MoE layer ({@code num_local_experts}, {@code n_routed_experts}). */
  public abstract int numExperts();

  /** Returns the experts each token is routed to ({@code num_experts_per_tok}). */
  public abstract int expertsPerToken();

  /** Returns one routed expert's intermediate width ({@code moe_intermediate_size}). */
  public abstract int expertIntermediateSize();

  /** Returns the number of shared experts (always active), 0 if none. */
  @Value.Default
  public int numSharedExperts() {
    return 0;
  }

  /** Returns the total intermediate width of the shared experts ({@code n_shared_experts × moe_intermediate_size} or {@code shared_expert_intermediate_size}). */
  @Value.Default
  public int sharedIntermediateSize() {
    return numSharedExperts() * expertIntermediateSize();
  }

  /** Returns whether the shared expert's output is scaled by a learned sigmoid gate (Qwen-MoE: hidden×1 weights). */
  @Value.Default
  public boolean sharedExpertGate() {
    return false;
  }

  /** Returns the leading dense layers ({@code first_k_dense_replace}). */
  @Value.Default
  public int firstDenseLayers() {
    return 0;
  }

  /** Returns the MoE layer period ({@code moe_layer_freq}, {@code decoder_sparse_step}, {@code interleave_moe_layer_step}). */
  @Value.Default
  public int layerStep() {
    return 1;
  }

  /** Returns whether the router has a bias (gpt-oss) or a score-correction bias (DeepSeek-V3). */
  @Value.Default
  public boolean routerBias() {
    return false;
  }

  /** Returns whether each expert's projections carry biases (gpt-oss). */
  @Value.Default
  public boolean expertBias() {
    return false;
  }

  /** Returns whether layer {@code index} (0-based) is an MoE layer. */
  public boolean isMoeLayer(int index) {
    return index >= firstDenseLayers() && (index + 1) % layerStep() == 0;
  }

  /** Returns the MoE layers among {@code numLayers}. */
  public int moeLayers(int numLayers) {
    int n = 0;
    for (int i = 0; i < numLayers; i++) {
      if (isMoeLayer(i)) {
        n++;
      }
    }
    return n;
  }

  @Value.Check
  protected void check() {
    Checks.positive("numExperts", numExperts());
    Checks.positive("expertsPerToken", expertsPerToken());
    if (expertsPerToken() > numExperts()) {
      throw Checks.invalid("expertsPerToken", expertsPerToken(), "not exceed numExperts (" + numExperts() + ")");
    }
    Checks.positive("expertIntermediateSize", expertIntermediateSize());
    Checks.nonNegative("numSharedExperts", numSharedExperts());
    Checks.nonNegative("sharedIntermediateSize", sharedIntermediateSize());
    Checks.nonNegative("firstDenseLayers", firstDenseLayers());
    Checks.positive("layerStep", layerStep());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link MoeSpec}. */
  public static final class Builder extends ImmutableMoeSpec.Builder {}
}
