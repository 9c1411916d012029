package dev.aicompass.memory;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.model.Component;
import dev.aicompass.model.LayerParameters;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.ParameterBreakdown;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.parallel.Parallelism;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits a model's weights and KV cache over the devices of a deployment (seed 003's per-chip
 * formula): TP splits heads, FFN and vocabulary; KV heads replicate when there are fewer of them
 * than TP ranks; EP splits routed experts; PP splits layers (vLLM's partition: remainder layers
 * go to the stages before the last), the first stage also holding the embedding and encoders and
 * the last the LM head; DP replicates.
 */
public final class Sharding {
  private Sharding() {}

  /** Vocabulary rows are padded to a multiple of this per engine (vLLM pads to 64). */
  static final int VOCAB_PADDING = 64;

  /** Returns the decoder layers of each pipeline stage, in order. */
  public static int[] stageLayers(int numLayers, int pp) {
    int[] parts = new int[pp];
    int per = numLayers / pp;
    java.util.Arrays.fill(parts, per);
    int remaining = numLayers % pp;
    for (int i = 2; i < remaining + 2; i++) {
      parts[Math.floorMod(pp - i, pp)]++;
    }
    return parts;
  }

  /** Returns the index of the first layer of {@code stage}. */
  static int firstLayer(int[] parts, int stage) {
    int s = 0;
    for (int i = 0; i < stage; i++) {
      s += parts[i];
    }
    return s;
  }

  /** Returns the KV heads each TP rank holds: {@code max(1, n_kv / TP)}. */
  public static int kvHeadsPerRank(ModelSpec m, int tp) {
    return Math.max(1, m.numKvHeads() / tp);
  }

  /** Weight bytes of one stage's device, by component. */
  static Map<Component, Double> stageWeightBytes(Deployment d, int stage) {
    ModelSpec m = d.model();
    Parallelism p = d.parallelism();
    ParameterBreakdown params = m.parameters();
    int[] parts = stageLayers(m.numLayers(), p.pp());
    int first = firstLayer(parts, stage);
    int tp = p.tp();
    Bytes bytes = new Bytes(d);

    Sums out = new Sums();
    double kvShare = m.mla().isPresent() ? 0 : kvHeadsPerRank(m, tp) / (double) m.numKvHeads();
    // every dense layer holds the same bytes, and every MoE layer: compute each kind once, add per layer
    double[] dense = layerBytes(params.denseLayer(), bytes, m, tp, kvShare, p.expertShards());
    double[] moeLayer = m.moe().isPresent() ? layerBytes(params.moeLayer(), bytes, m, tp, kvShare, p.expertShards()) : dense;
    dev.aicompass.model.MoeSpec moe = m.moe().orElse(null);
    for (int i = first; i < first + parts[stage]; i++) {
      double[] v = moe != null && moe.isMoeLayer(i) ? moeLayer : dense;
      for (int k = 0; k < LAYER_COMPONENTS.length; k++) {
        add(out, LAYER_COMPONENTS[k], v[k]);
      }
    }
    long paddedVocab = roundUp(m.vocabSize(), VOCAB_PADDING);
    double vocabRowsPerRank = Math.ceil(paddedVocab / (double) tp);
    boolean firstStage = stage == 0;
    boolean lastStage = stage == p.pp() - 1;
    if (firstStage) {
      add(out, Component.EMBEDDING, bytes.embedding(vocabRowsPerRank * m.hiddenSize()));
      add(out, Component.VISION_ENCODER, bytes.plain(params.get(Component.VISION_ENCODER) / (double) tp));
      add(out, Component.AUDIO_ENCODER, bytes.plain(params.get(Component.AUDIO_ENCODER) / (double) tp));
      add(out, Component.PROJECTOR, bytes.plain(params.get(Component.PROJECTOR) / (double) tp));
    }
    if (lastStage) {
      boolean separateHead = !m.tiedEmbeddings() || p.pp() > 1;
      double head = separateHead ? vocabRowsPerRank * m.hiddenSize() : 0;
      if (m.lmHeadBias()) {
        head += vocabRowsPerRank;
      }
      add(out, Component.LM_HEAD, bytes.lmHead(head));
      add(out, Component.NORMS, bytes.plain(m.normKind().vectors() * (double) m.hiddenSize()));
    }
    return out.toMap();
  }

  /**
   * Returns the rotary cos/sin cache every device holds: cached positions × rotary width ×
   * activation bytes for serving engines, which precompute it; 0 for plain transformers, which
   * computes it per step.
   */
  static double rotaryCacheBytes(Deployment d) {
    ModelSpec m = d.model();
    if (d.engine().kind() == dev.aicompass.deploy.EngineKind.HF) {
      return 0;
    }
    return (double) m.rotaryCachePositions() * m.rotaryDim() * d.activationPrecision().bytes();
  }

  /** Returns the KV bytes per token of one stage's device for the given layers. */
  static double kvBytesPerToken(Deployment d, int layers) {
    ModelSpec m = d.model();
    double kvBytes = d.kvCachePrecision().bytes();
    if (m.mla().isPresent()) {
      return (double) layers * m.mla().get().cachedElementsPerToken() * kvBytes;
    }
    return 2.0 * layers * kvHeadsPerRank(m, d.parallelism().tp()) * m.headDim() * kvBytes;
  }

  /** Returns the layers of {@code stage} that use a sliding window (sliding layers spread evenly). */
  static int slidingLayersInStage(ModelSpec m, int[] parts, int stage) {
    if (m.slidingWindowLayers() == 0) {
      return 0;
    }
    double share = m.slidingWindowLayers() / (double) m.numLayers();
    return (int) Math.round(parts[stage] * share);
  }

  static long roundUp(long value, long multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }

  /** The components of a decoder layer, in the order {@link #layerBytes} returns them. */
  private static final Component[] LAYER_COMPONENTS = {Component.ATTENTION, Component.DENSE_FFN, Component.ROUTED_EXPERTS,
      Component.SHARED_EXPERTS, Component.ROUTER, Component.NORMS};

  /** Returns one layer's bytes on one device, by {@link #LAYER_COMPONENTS}. */
  private static double[] layerBytes(LayerParameters l, Bytes bytes, ModelSpec m, int tp, double kvShare, int expertShards) {
    return new double[] {
        bytes.linear(l.attentionSharded() / (double) tp, m.hiddenSize())
            + bytes.linear(l.attentionKv() * kvShare, m.hiddenSize())
            + bytes.linear(l.attentionReplicated(), m.hiddenSize()),
        bytes.linear(l.denseFfn() / (double) tp, m.hiddenSize()),
        bytes.expert(l.routedExperts() / (double) expertShards, m.hiddenSize()),
        bytes.linear(l.sharedExperts() / (double) tp, m.hiddenSize()),
        bytes.plain(l.router()),
        bytes.plain(l.norms())};
  }

  /** Per-component running sums, added to in order (as a map merge would) without boxing. */
  private static final class Sums {
    private final double[] sum = new double[Component.values().length];
    private final boolean[] present = new boolean[sum.length];

    Map<Component, Double> toMap() {
      Map<Component, Double> out = new EnumMap<>(Component.class);
      for (Component c : Component.values()) {
        if (present[c.ordinal()]) {
          out.put(c, sum[c.ordinal()]);
        }
      }
      return out;
    }
  }

  private static void add(Sums out, Component c, double v) {
    if (v > 0) {
      int i = c.ordinal();
      out.sum[i] = out.present[i] ? out.sum[i] + v : v;
      out.present[i] = true;
    }
  }

  /** Bytes per parameter by kind of tensor under the deployment's dtypes and quantization. */
  static final class Bytes {
    private final Precision plain;
    private final Optional<QuantizationScheme> scheme;
    private final Precision lowBitPlain;

    Bytes(Deployment d) {
      Precision w = d.weightPrecision();
      this.plain = w.bits() >= 16 ? (w == Precision.TF32 ? Precision.FP32 : w) : Precision.BF16;
      this.scheme = d.quantization();
      this.lowBitPlain = scheme.isEmpty() && w.bits() < 16 ? w : null;
    }

    double plain(double params) {
      return params * plain.bytes();
    }

    double linear(double params, int rowLength) {
      if (scheme.isPresent() && scheme.get().scope() == QuantizationScheme.Scope.ALL_LINEAR) {
        return params * scheme.get().bitsPerWeight(rowLength) / 8.0;
      }
      if (lowBitPlain != null) {
        return params * lowBitPlain.bytes();
      }
      return plain(params);
    }

    double expert(double params, int rowLength) {
      if (scheme.isPresent()) {
        return params * scheme.get().bitsPerWeight(rowLength) / 8.0 * scheme.get().layoutOverhead();
      }
      return linear(params, rowLength);
    }

    double embedding(double params) {
      if (scheme.isPresent() && scheme.get().quantizesEmbeddings()) {
        return params * scheme.get().bitsPerWeight(0) / 8.0;
      }
      return plain(params);
    }

    double lmHead(double params) {
      if (scheme.isPresent() && scheme.get().quantizesLmHead()) {
        return params * scheme.get().bitsPerWeight(0) / 8.0;
      }
      return plain(params);
    }
  }

  /** Lists the stage indices. */
  static List<Integer> stages(Parallelism p) {
    List<Integer> s = new ArrayList<>();
    for (int i = 0; i < p.pp(); i++) {
      s.add(i);
    }
    return s;
  }
}
