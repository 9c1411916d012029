package dev.aicompass.model;

/**
 * The parameters of one decoder layer, split by how tensor parallelism shards them.
 *
 * <p>{@code attentionSharded}: query/output projections (and MLA's up-projections), split across
 * TP ranks. {@code attentionKv}: key/value projections, split by KV head, replicated when there
 * are fewer KV heads than ranks. {@code attentionReplicated}: MLA's down-projections and latent
 * norms, held whole by every rank. {@code denseFfn}, {@code routedExperts}, {@code sharedExperts}:
 * FFN weights. {@code router} and {@code norms}: replicated.
 */
public final class LayerParameters {
  private final long attentionSharded;
  private final long attentionKv;
  private final long attentionReplicated;
  private final long denseFfn;
  private final long routedExperts;
  private final long sharedExperts;
  private final long router;
  private final long norms;

  LayerParameters(long attentionSharded, long attentionKv, long attentionReplicated, long denseFfn,
      long routedExperts, long sharedExperts, long router, long norms) {
    this.attentionSharded = attentionSharded;
    this.attentionKv = attentionKv;
    this.attentionReplicated = attentionReplicated;
    this.denseFfn = denseFfn;
    this.routedExperts = routedExperts;
    this.sharedExperts = sharedExperts;
    this.router = router;
    this.norms = norms;
  }

  public long attentionSharded() {
    return attentionSharded;
  }

  public long attentionKv() {
    return attentionKv;
  }

  public long attentionReplicated() {
    return attentionReplicated;
  }

  /** Returns all attention parameters of the layer. */
  public long attention() {
    return attentionSharded + attentionKv + attentionReplicated;
  }

  public long denseFfn() {
    return denseFfn;
  }

  public long routedExperts() {
    return routedExperts;
  }

  public long sharedExperts() {
    return sharedExperts;
  }

  public long router() {
    return router;
  }

  public long norms() {
    return norms;
  }

  /** Returns every parameter of the layer. */
  public long total() {
    return attention() + denseFfn + routedExperts + sharedExperts + router + norms;
  }
}
