package dev.aicompass.perf;

import dev.aicompass.internal.ValueStyle;
import org.immutables.value.Value;

/**
 * Counting conventions of {@link PhaseCost}. The defaults describe what serving engines execute;
 * the alternatives reproduce the reference documents' hand calculations.
 */
@Value.Immutable
@ValueStyle
public abstract class CostOptions {

  /** How the prefill attention core counts the query-key pairs of a prompt of S tokens. */
  public enum AttentionConvention {
    /**
     * Causal: token i attends to i keys, on average (S+1)/2, so QKᵀ and AV cost
     * {@code 2·2·S·(S+1)/2·heads·head_dim} per layer (FlashAttention skips masked tiles). Default.
     */
    CAUSAL,
    /**
     * Full square: {@code 2·2·S²·heads·head_dim} per layer, the convention of seed 001
     * ({@code QK = AV = 2·s²·H}) and seed 003 ({@code 2·N_h·S²·(d+d_v)}); twice the causal count.
     */
    FULL_SQUARE
  }

  /** Whether MLA's key/value up-projections are absorbed into the query and output projections. */
  public enum MlaAbsorption {
    /** Prefill expanded (attention over decompressed heads), decode absorbed (over the latent). Default, as vLLM and SGLang run. */
    AUTO,
    /** Always attend over the 512+64 latent ({@code 2·heads·S·(kv_lora_rank + rope + kv_lora_rank)}, seed 004's 1088 per head). */
    ALWAYS,
    /** Always attend over decompressed heads ({@code 2·heads·S·(qk_head_dim + v_head_dim)}, seed 003's 320 per head). */
    NEVER
  }

  @Value.Default
  public AttentionConvention attention() {
    return AttentionConvention.CAUSAL;
  }

  @Value.Default
  public MlaAbsorption mlaAbsorption() {
    return MlaAbsorption.AUTO;
  }

  /** Returns whether the LM head runs on every prefill token (seed 003's 2·T·P_active) instead of only the last. */
  @Value.Default
  public boolean lmHeadOnEveryPrefillToken() {
    return false;
  }

  /** Returns the defaults. */
  public static CostOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CostOptions}. */
  public static final class Builder extends ImmutableCostOptions.Builder {}
}
