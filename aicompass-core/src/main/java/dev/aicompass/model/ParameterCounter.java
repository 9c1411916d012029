package dev.aicompass.model;

import java.util.EnumMap;
import java.util.Map;

/** Counts parameters from an architecture; see {@link ModelSpec#parameters()}. */
final class ParameterCounter {
  private ParameterCounter() {}

  static ParameterBreakdown count(ModelSpec m) {
    long h = m.hiddenSize();
    long norm = m.normKind().vectors();

    LayerParameters dense = layer(m, false);
    LayerParameters moe = m.moe().isPresent() ? layer(m, true) : dense;
    int moeLayers = m.moe().map(s -> s.moeLayers(m.numLayers())).orElse(0);
    int denseLayers = m.numLayers() - moeLayers;

    Map<Component, Long> c = new EnumMap<>(Component.class);
    put(c, Component.EMBEDDING, (long) m.vocabSize() * h);
    put(c, Component.ATTENTION, dense.attention() * denseLayers + moe.attention() * moeLayers);
    put(c, Component.DENSE_FFN, dense.denseFfn() * denseLayers);
    put(c, Component.ROUTED_EXPERTS, moe.routedExperts() * moeLayers);
    put(c, Component.SHARED_EXPERTS, moe.sharedExperts() * moeLayers);
    put(c, Component.ROUTER, moe.router() * moeLayers);
    put(c, Component.NORMS, dense.norms() * denseLayers + moe.norms() * moeLayers + norm * h);
    long lmHead = (m.tiedEmbeddings() ? 0 : (long) m.vocabSize() * h) + (m.lmHeadBias() ? m.vocabSize() : 0);
    put(c, Component.LM_HEAD, lmHead);
    m.vision().ifPresent(v -> {
      put(c, Component.VISION_ENCODER, v.encoderParameters());
      put(c, Component.PROJECTOR, c.getOrDefault(Component.PROJECTOR, 0L) + v.projectorParameters());
    });
    m.audio().ifPresent(a -> {
      put(c, Component.AUDIO_ENCODER, a.encoderParameters());
      put(c, Component.PROJECTOR, c.getOrDefault(Component.PROJECTOR, 0L) + a.projectorParameters());
    });
    double fraction = m.moe().map(s -> s.expertsPerToken() / (double) s.numExperts()).orElse(1.0);
    return new ParameterBreakdown(c, dense, moe, denseLayers, moeLayers, fraction);
  }

  private static void put(Map<Component, Long> c, Component k, long v) {
    if (v > 0) {
      c.put(k, v);
    }
  }

  private static LayerParameters layer(ModelSpec m, boolean moeLayer) {
    long h = m.hiddenSize();
    long heads = m.numHeads();
    long normVectors = m.normKind().vectors();
    long sharded;
    long kv;
    long replicated;
    if (m.mla().isPresent()) {
      MlaSpec a = m.mla().get();
      long qHead = a.qkNopeHeadDim() + a.qkRopeHeadDim();
      long q = a.qLoraRank() > 0
          ? (long) a.qLoraRank() * heads * qHead
          : h * heads * qHead;
      long qDown = a.qLoraRank() > 0 ? h * a.qLoraRank() + a.qLoraRank() : 0;
      long kvDown = h * (a.kvLoraRank() + a.qkRopeHeadDim()) + a.kvLoraRank();
      long kvUp = (long) a.kvLoraRank() * heads * (a.qkNopeHeadDim() + a.vHeadDim());
      long o = heads * a.vHeadDim() * h;
      sharded = q + kvUp + o;
      kv = 0;
      replicated = qDown + kvDown;
    } else {
      long d = m.headDim();
      long kvHeads = m.numKvHeads();
      long q = h * heads * d + (m.attentionBias() ? heads * d : 0);
      long o = heads * d * h + (m.attentionOutputBias() ? h : 0);
      sharded = q + o;
      kv = 2 * (h * kvHeads * d + (m.attentionBias() ? kvHeads * d : 0));
      replicated = m.qkNorm() ? 2L * d : 0;
    }
    long norms = m.normsPerLayer() * normVectors * h;
    long ffn = 0;
    long routed = 0;
    long shared = 0;
    long router = 0;
    if (moeLayer) {
      MoeSpec e = m.moe().get();
      long mats = m.ffnKind().matrices();
      long perExpert = mats * h * e.expertIntermediateSize()
          + (e.expertBias() ? (mats - 1) * e.expertIntermediateSize() + h : 0);
      routed = perExpert * e.numExperts();
      shared = mats * h * e.sharedIntermediateSize() + (e.sharedExpertGate() ? h : 0);
      router = h * e.numExperts() + (e.routerBias() ? e.numExperts() : 0);
    } else {
      long mats = m.ffnKind().matrices();
      ffn = mats * h * m.intermediateSize() + (m.mlpBias() ? (mats - 1) * m.intermediateSize() + h : 0);
    }
    return new LayerParameters(sharded, kv, replicated, ffn, routed, shared, router, norms);
  }
}
