package dev.aicompass.model;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import org.immutables.value.Value;

/** Multi-head latent attention dimensions (DeepSeek-V2/V3 {@code config.json} names in parentheses). */
@Value.Immutable
@ValueStyle
public abstract class MlaSpec {
  /** Returns the query compression rank ({@code q_lora_rank}); 0 when queries are not compressed (V2-Lite). */
  @Value.Default
  public int qLoraRank() {
    return 0;
  }

  /** Returns the joint KV latent rank ({@code kv_lora_rank}), e.g. 512. */
  public abstract int kvLoraRank();

  /** Returns the decoupled RoPE key width per head ({@code qk_rope_head_dim}), e.g. 64. */
  public abstract int qkRopeHeadDim();

  /** Returns the non-RoPE query/key width per head ({@code qk_nope_head_dim}), e.g. 128. */
  public abstract int qkNopeHeadDim();

  /** Returns the value width per head ({@code v_head_dim}), e.g. 128. */
  public abstract int vHeadDim();

  /** Returns the cached elements per token per layer: {@code kv_lora_rank + qk_rope_head_dim} (576 for DeepSeek-V3). */
  public int cachedElementsPerToken() {
    return kvLoraRank() + qkRopeHeadDim();
  }

  @Value.Check
  protected void check() {
    Checks.nonNegative("qLoraRank", qLoraRank());
    Checks.positive("kvLoraRank", kvLoraRank());
    Checks.positive("qkRopeHeadDim", qkRopeHeadDim());
    Checks.positive("qkNopeHeadDim", qkNopeHeadDim());
    Checks.positive("vHeadDim", vHeadDim());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link MlaSpec}. */
  public static final class Builder extends ImmutableMlaSpec.Builder {}
}
