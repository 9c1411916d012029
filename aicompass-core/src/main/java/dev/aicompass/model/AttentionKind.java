package dev.aicompass.model;

/** How keys and values are shared across attention heads. */
public enum AttentionKind {
  /** Multi-head: one key/value head per query head. */
  MHA,
  /** Grouped-query: several query heads share a key/value head. */
  GQA,
  /** Multi-query: one key/value head for all query heads. */
  MQA,
  /** Multi-head latent attention (DeepSeek-V2/V3): a compressed joint KV latent plus a decoupled RoPE key. */
  MLA
}
