package dev.aicompass.memory;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineKind;

/**
 * How one device's KV pool turns into tokens. For vLLM (0.10+) with sliding-window layers this
 * follows the hybrid KV-cache manager: layers of each attention type are cut into groups of
 * {@code gs} layers (gs = the smaller type's layer count, or the larger one when it is under 1.5×
 * the smaller), every group shares the block budget, and the logged token capacity is
 * {@code floor(num_blocks / groups) × block_size} with {@code num_blocks = floor(pool / page / gs)}.
 * Without sliding layers this reduces to {@code floor(pool / (block_size × bytes per token)) × block_size}.
 */
final class KvLayout {
  private final Deployment d;
  private final int layers;
  private final int slidingLayers;
  private final int blockSize;
  private final double perLayerToken;
  private int groupSize;
  private int groups;

  KvLayout(Deployment d, int layers, int slidingLayers) {
    this.d = d;
    this.layers = layers;
    this.slidingLayers = slidingLayers;
    this.blockSize = d.engine().blockSize();
    this.perLayerToken = Sharding.kvBytesPerToken(d, 1);
    this.groupSize = layers;
    this.groups = 1;
  }

  long tokens(double pool, boolean hybridManager) {
    if (layers == 0 || perLayerToken == 0) {
      return 0;
    }
    int full = layers - slidingLayers;
    if (hybridManager && slidingLayers > 0 && full > 0) {
      int min = Math.min(full, slidingLayers);
      int max = Math.max(full, slidingLayers);
      groupSize = max < 1.5 * min ? max : min;
      groups = ceilDiv(full, groupSize) + ceilDiv(slidingLayers, groupSize);
    } else {
      groupSize = layers;
      groups = 1;
    }
    double page = blockSize * perLayerToken;
    long numBlocks = (long) Math.floor(pool / page / groupSize);
    if (d.engine().kind() == EngineKind.HF) {
      return 0;
    }
    return numBlocks / groups * blockSize;
  }

  long bytesPerTokenEffective() {
    return Math.round(perLayerToken * groupSize * groups);
  }

  String describe() {
    String base = d.model().mla().isPresent()
        ? "MLA: (kv_lora_rank + qk_rope_head_dim) × " + d.kvCachePrecision().bytes() + " B per layer, not split by TP"
        : "2 × KV heads/rank " + Sharding.kvHeadsPerRank(d.model(), d.parallelism().tp()) + " × head_dim "
            + d.model().headDim() + " × " + d.kvCachePrecision().bytes() + " B per layer";
    return base + " × " + (groupSize * groups) + " layer slots (" + layers + " layers"
        + (groups > 1 ? ", " + groups + " hybrid groups of " + groupSize : "") + ")";
  }

  String tokensFormula() {
    return "floor(pool / (block " + blockSize + " × page bytes × group size " + groupSize + ")) / groups " + groups
        + " × block " + blockSize;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
