package dev.aicompass.perf;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.hardware.EfficiencyProfile;
import dev.aicompass.hardware.Interconnect;
import dev.aicompass.model.AudioEncoderSpec;
import dev.aicompass.model.MlaSpec;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.MoeSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.model.VisionEncoderSpec;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.units.FlopRate;

/**
 * The per-device cost of one engine step of one model replica: FLOPs, bytes and collectives per
 * operator, turned into time with an {@link EfficiencyProfile}. Everything that depends only on the
 * deployment is computed once in the constructor, so {@link #step} allocates nothing unless a
 * {@link Sink} records the operators (the planner calls it millions of times).
 *
 * <p>Conventions (per device, summed over the layers of the largest pipeline stage): linear layers
 * cost {@code 2·tokens·params} FLOPs and read their weights once per step plus their input and
 * output activations; MoE experts read only the experts the step's tokens touch,
 * {@code E·(1−(1−k/E)^tokens)}; the attention core costs {@code 4·queries·keys·heads·head_dim}
 * (MLA: see {@link CostOptions.MlaAbsorption}) and reads the KV cache of decoding sequences;
 * TP all-reduces twice per layer with ring cost {@code 2·(TP−1)/TP·msg}; EP dispatches and combines
 * {@code tokens·k·hidden} per MoE layer; the LM head runs on decode tokens and on the last token of
 * each prefilled sequence.
 */
final class StepModel {

  /** Receives each operator of a step (already summed over the stage's layers). */
  interface Sink {
    void op(String name, double flops, double bytes, double commBytes, double seconds, Bound bound);
  }

  /** Default scale-up bandwidth when a device lists no interconnect: PCIe 4.0 x16, per direction. */
  static final double PCIE_BYTES_PER_SECOND = 32e9;
  /** Default scale-out bandwidth when none is listed: one 100 Gb/s NIC per device. */
  static final double DEFAULT_INTER_NODE_BYTES_PER_SECOND = 12.5e9;

  final Deployment d;
  final ModelSpec m;
  final EfficiencyProfile eff;
  final CostOptions opt;
  final int tp;
  final int pp;
  final int ep;
  final double group;
  final Precision math;
  final double peak;
  final double bandwidth;
  final double linearBytes;
  final double expertBytes;
  final double plainBytes;
  final double actBytes;
  final double kvBytes;
  final double hidden;

  final double stageLayers;
  final double stageDense;
  final double stageMoe;
  final double fullLayerShare;
  final double window;

  // attention, per layer per device, in parameters (2 FLOPs per parameter per token)
  final double attnQ;
  final double attnKv;
  final double attnO;
  final double attnQOut;
  final double attnKvOut;
  final double corePerKeyPrefill;
  final double corePerKeyDecode;
  final double kvBytesPerTokenLayer;

  final double denseFfn;
  final double ffnOut;
  final double sharedFfn;
  final double router;
  final double perExpert;
  final double expertsPerDevice;
  final double expertTpShards;
  final int experts;
  final int topK;
  final double expertOut;

  final double lmHead;
  final double vocabPerDevice;

  final double tpBandwidth;
  final double tpLatency;
  final double epIntraBandwidth;
  final double epInterBandwidth;
  final double epInterShare;
  final double epLatency;
  final double ppBandwidth;
  final double ppLatency;
  final double stepOverhead;

  // efficiency terms that depend only on the deployment (hoisted out of the per-step arithmetic)
  final double attentionGemmEfficiency;
  final double groupedGemmEfficiency;
  private final boolean analyticGemm;
  private final double peakGemm;
  private final double gemmHalfTokens;
  private final double tpTreeSteps;

  final double visionFlopsPerImage;
  final double visionBytes;
  final double audioFlopsPerSecond;
  final double audioBytes;

  StepModel(Deployment d, EfficiencyProfile eff, CostOptions opt) {
    this(d, d.parallelism(), eff, opt);
  }

  StepModel(Deployment d, Parallelism p, EfficiencyProfile eff, CostOptions opt) {
    this.d = d;
    this.m = d.model();
    this.eff = eff;
    this.opt = opt;
    this.tp = p.tp();
    this.pp = p.pp();
    this.ep = p.ep();
    this.group = Math.max(1.0, ep / (double) tp);
    Accelerator a = d.accelerator();
    Precision wanted = d.computePrecision();
    this.math = a.effectivePrecision(wanted).orElse(wanted);
    // the peak of the precision the math really runs in (FP8 weights on an A100 run in BF16 at its BF16 peak)
    FlopRate r = a.peak(math).orElseGet(() -> a.peaks().values().stream().max(FlopRate::compareTo).orElseThrow());
    this.peak = r.flopsPerSecond();
    this.bandwidth = a.memoryBandwidth().bytesPerSecond() * eff.memoryEfficiency();
    this.hidden = m.hiddenSize();

    Precision w = d.weightPrecision();
    Precision plain = w.bits() >= 16 ? (w == Precision.TF32 ? Precision.FP32 : w) : Precision.BF16;
    this.plainBytes = plain.bytes();
    QuantizationScheme q = d.quantization().orElse(null);
    if (q != null && q.scope() == QuantizationScheme.Scope.ALL_LINEAR) {
      this.linearBytes = q.bitsPerWeight(m.hiddenSize()) / 8.0;
    } else {
      this.linearBytes = w.bits() < 16 ? w.bytes() : plainBytes;
    }
    this.expertBytes = q != null ? q.bitsPerWeight(m.hiddenSize()) / 8.0 : linearBytes;
    this.actBytes = d.activationPrecision().bytes();
    this.kvBytes = d.kvCachePrecision().bytes();

    int layers = m.numLayers();
    int moeLayers = m.moe().map(s -> s.moeLayers(layers)).orElse(0);
    this.stageLayers = Math.ceil(layers / (double) pp);
    this.stageMoe = moeLayers * stageLayers / layers;
    this.stageDense = stageLayers - stageMoe;
    this.fullLayerShare = m.fullAttentionLayers() / (double) layers;
    this.window = m.slidingWindow().isPresent() ? m.slidingWindow().getAsInt() : Double.POSITIVE_INFINITY;

    double h = m.hiddenSize();
    double heads = m.numHeads() / (double) tp;
    if (m.mla().isPresent()) {
      MlaSpec mla = m.mla().get();
      double qHead = mla.qkNopeHeadDim() + mla.qkRopeHeadDim();
      double qDown = mla.qLoraRank() > 0 ? h * mla.qLoraRank() : 0;
      double qUp = (mla.qLoraRank() > 0 ? mla.qLoraRank() : h) * heads * qHead;
      double kvDown = h * (mla.kvLoraRank() + mla.qkRopeHeadDim());
      double kvUp = mla.kvLoraRank() * heads * (mla.qkNopeHeadDim() + mla.vHeadDim());
      this.attnQ = qDown + qUp;
      this.attnKv = kvDown + kvUp;
      this.attnO = heads * mla.vHeadDim() * h;
      this.attnQOut = heads * qHead;
      this.attnKvOut = mla.kvLoraRank() + mla.qkRopeHeadDim();
      double expanded = 2 * heads * (qHead + mla.vHeadDim());
      double absorbed = 2 * heads * (mla.kvLoraRank() + mla.qkRopeHeadDim() + mla.kvLoraRank());
      switch (opt.mlaAbsorption()) {
        case ALWAYS:
          this.corePerKeyPrefill = absorbed;
          this.corePerKeyDecode = absorbed;
          break;
        case NEVER:
          this.corePerKeyPrefill = expanded;
          this.corePerKeyDecode = expanded;
          break;
        default:
          this.corePerKeyPrefill = expanded;
          this.corePerKeyDecode = absorbed;
          break;
      }
      this.kvBytesPerTokenLayer = mla.cachedElementsPerToken() * kvBytes;
    } else {
      double hd = m.headDim();
      double kvHeads = Math.max(1, m.numKvHeads() / tp);
      this.attnQ = h * heads * hd;
      this.attnKv = 2 * h * kvHeads * hd;
      this.attnO = heads * hd * h;
      this.attnQOut = heads * hd;
      this.attnKvOut = 2 * kvHeads * hd;
      this.corePerKeyPrefill = 4 * heads * hd;
      this.corePerKeyDecode = 4 * heads * hd;
      this.kvBytesPerTokenLayer = 2 * kvHeads * hd * kvBytes;
    }

    double mats = m.ffnKind().matrices();
    this.denseFfn = mats * h * m.intermediateSize() / tp;
    this.ffnOut = (mats - 1) * m.intermediateSize() / (double) tp + h;
    if (m.moe().isPresent()) {
      MoeSpec moe = m.moe().get();
      this.experts = moe.numExperts();
      this.topK = moe.expertsPerToken();
      this.perExpert = mats * h * moe.expertIntermediateSize();
      this.sharedFfn = mats * h * moe.sharedIntermediateSize() / tp;
      this.router = h * moe.numExperts();
      this.expertsPerDevice = moe.numExperts() / (double) ep;
      this.expertTpShards = Math.max(1.0, tp / (double) ep);
      this.expertOut = (mats - 1) * moe.expertIntermediateSize() + h;
    } else {
      this.experts = 0;
      this.topK = 0;
      this.perExpert = 0;
      this.sharedFfn = 0;
      this.router = 0;
      this.expertsPerDevice = 0;
      this.expertTpShards = 1;
      this.expertOut = 0;
    }
    this.vocabPerDevice = Math.ceil(m.vocabSize() / (double) tp);
    this.lmHead = vocabPerDevice * h;

    Interconnect ic = a.interconnect().orElse(null);
    int perNode = ic == null ? 8 : ic.devicesPerNode();
    double intra = ic == null ? PCIE_BYTES_PER_SECOND : ic.intraNode().bytesPerSecond();
    double inter = ic == null ? DEFAULT_INTER_NODE_BYTES_PER_SECOND
        : ic.interNode().map(b -> b.bytesPerSecond()).orElse(DEFAULT_INTER_NODE_BYTES_PER_SECOND);
    double intraLat = ic == null ? 10e-6 : ic.intraNodeLatency().seconds();
    double interLat = ic == null ? 20e-6 : ic.interNodeLatency().seconds();
    double ce = eff.collectiveEfficiency();
    boolean tpIntra = tp <= perNode;
    this.tpBandwidth = (tpIntra ? intra : inter) * ce;
    this.tpLatency = tpIntra ? intraLat : interLat;
    double epGroup = tp * group;
    this.epIntraBandwidth = intra * ce;
    this.epInterBandwidth = inter * ce;
    this.epInterShare = epGroup <= perNode ? 0 : (epGroup - perNode) / Math.max(1.0, epGroup - 1);
    this.epLatency = epInterShare > 0 ? interLat : intraLat;
    boolean ppIntra = (long) tp * pp <= perNode;
    this.ppBandwidth = (ppIntra ? intra : inter) * ce;
    this.ppLatency = ppIntra ? intraLat : interLat;
    this.stepOverhead = d.engine().stepOverhead().seconds();
    // attention's matmuls run in the KV cache's precision (FP8 with an FP8 cache, else the activations'), never in
    // 4-bit weight precision: their share of the step's peak is scaled to that precision's peak
    Precision attnWanted = d.kvCachePrecision().bits() <= 8 ? Precision.FP8 : d.activationPrecision();
    Precision attnMath = a.effectivePrecision(attnWanted).orElse(math);
    double attnPeak = a.peak(attnMath).map(FlopRate::flopsPerSecond).orElse(peak);
    double attnScale = Math.min(1.0, attnPeak / peak);
    this.attentionGemmEfficiency = eff.peakGemmEfficiency(attnMath) * eff.attentionEfficiency() * attnScale;
    this.groupedGemmEfficiency = eff.groupedGemmEfficiency();
    java.util.List<dev.aicompass.hardware.EfficiencyProfile.GemmPoint> curve = eff.gemmCurves().get(math);
    this.analyticGemm = curve == null || curve.isEmpty();
    this.peakGemm = eff.peakGemmEfficiency(math);
    this.gemmHalfTokens = eff.gemmHalfTokens();
    this.tpTreeSteps = Math.ceil(Math.log(tp) / Math.log(2));

    if (m.vision().isPresent()) {
      VisionEncoderSpec v = m.vision().get();
      double patches = Math.pow(v.imageSize() / (double) v.patchSize(), 2);
      double params = v.encoderParameters() + v.projectorParameters();
      this.visionFlopsPerImage = (2 * patches * params + 4.0 * v.numLayers() * patches * patches * v.hiddenSize()) / tp;
      this.visionBytes = params * plainBytes / tp;
    } else {
      this.visionFlopsPerImage = 0;
      this.visionBytes = 0;
    }
    if (m.audio().isPresent()) {
      AudioEncoderSpec au = m.audio().get();
      double framesPerSecond = au.maxSourcePositions() / 30.0;
      double params = au.encoderParameters() + au.projectorParameters();
      this.audioFlopsPerSecond = 2 * framesPerSecond * params / tp;
      this.audioBytes = params * plainBytes / tp;
    } else {
      this.audioFlopsPerSecond = 0;
      this.audioBytes = 0;
    }
  }

  /** Returns {@link EfficiencyProfile#gemmEfficiency} at {@code tokens} rows in the step's math precision. */
  private double gemmEfficiency(double tokens) {
    if (!analyticGemm) {
      return eff.gemmEfficiency(tokens, math);
    }
    double m = Math.max(1e-9, tokens);
    return peakGemm * m / (m + gemmHalfTokens);
  }

  /** Returns the effective attention context after sliding-window layers are capped. */
  private double ctx(double keys) {
    if (fullLayerShare >= 1) {
      return keys;
    }
    return fullLayerShare * keys + (1 - fullLayerShare) * Math.min(keys, window);
  }

  private double gemm(Sink sink, String name, double tokens, double flops, double bytes, double gemmEff) {
    double tc = flops <= 0 ? 0 : flops / (peak * gemmEff);
    double tm = bytes / bandwidth;
    double t = Math.max(tc, tm);
    if (sink != null) {
      sink.op(name, flops, bytes, 0, t, tc >= tm ? Bound.COMPUTE : Bound.MEMORY);
    }
    return t;
  }

  private double comm(Sink sink, String name, double bytes, double seconds) {
    if (sink != null) {
      sink.op(name, 0, 0, bytes, seconds, Bound.COMMUNICATION);
    }
    return seconds;
  }

  /**
   * Returns the time of one step of one pipeline stage on one device.
   *
   * @param decodeSeqs sequences generating tokens
   * @param queriesPerSeq query tokens per decoding sequence (1, or k+1 when verifying k speculative tokens)
   * @param kvLen mean KV length those sequences attend over
   * @param prefillTokens prompt tokens processed in the step
   * @param prefillKeys mean keys each prefill token attends over
   * @param prefillSeqs sequences whose prompt ends in this step (LM head rows)
   * @param images images encoded in this step
   * @param audioSeconds audio seconds encoded in this step
   */
  double stage(double decodeSeqs, double queriesPerSeq, double kvLen, double prefillTokens, double prefillKeys,
      double prefillSeqs, double images, double audioSeconds, Sink sink) {
    double decodeQueries = decodeSeqs * queriesPerSeq;
    double t = decodeQueries + prefillTokens;
    if (!(t > 0)) {
      return 0;
    }
    double e = gemmEfficiency(t);
    double layers = stageLayers;
    double time = 0;

    double ioQ = t * (hidden + attnQOut) * actBytes;
    time += layers * gemm(sink == null ? null : scaled(sink, layers), "attn.q_proj", t, 2 * t * attnQ,
        attnQ * linearBytes + ioQ, e);
    time += layers * gemm(sink == null ? null : scaled(sink, layers), "attn.kv_proj", t, 2 * t * attnKv,
        attnKv * linearBytes + t * (hidden + attnKvOut) * actBytes, e);
    double decodeKeys = ctx(kvLen);
    double coreFlops = decodeQueries * decodeKeys * corePerKeyDecode + prefillTokens * ctx(prefillKeys) * corePerKeyPrefill;
    double coreBytes = decodeSeqs * decodeKeys * kvBytesPerTokenLayer + prefillTokens * kvBytesPerTokenLayer
        + t * attnQOut * actBytes * 2;
    time += layers * gemm(sink == null ? null : scaled(sink, layers), "attn.core", t, coreFlops, coreBytes,
        attentionGemmEfficiency);
    time += layers * gemm(sink == null ? null : scaled(sink, layers), "attn.o_proj", t, 2 * t * attnO,
        attnO * linearBytes + t * (attnQOut + hidden) * actBytes, e);

    if (stageDense > 0) {
      time += stageDense * gemm(sink == null ? null : scaled(sink, stageDense), "ffn", t, 2 * t * denseFfn,
          denseFfn * linearBytes + t * (hidden + ffnOut) * actBytes, e);
    }
    if (stageMoe > 0) {
      double lm = stageMoe;
      Sink s = sink == null ? null : scaled(sink, lm);
      time += lm * gemm(s, "moe.router", t, 2 * t * router, router * plainBytes + t * hidden * actBytes, e);
      if (sharedFfn > 0) {
        time += lm * gemm(s, "moe.shared_experts", t, 2 * t * sharedFfn,
            sharedFfn * linearBytes + t * (hidden + ffnOut) * actBytes, e);
      }
      double groupTokens = t * group;
      double touched = 1 - Math.pow(1 - topK / (double) experts, groupTokens);
      // tokens per expert that runs (at least one token each): the grouped GEMM's M
      double perExpertTokens = groupTokens * topK / (experts * Math.max(touched, 1e-12));
      double expertFlops = 2 * t * topK * perExpert / tp;
      double expertWeightBytes = touched * expertsPerDevice * perExpert / expertTpShards * expertBytes;
      double ioE = t * topK * expertOut / tp * actBytes;
      time += lm * gemm(s, "moe.experts", perExpertTokens, expertFlops, expertWeightBytes + ioE,
          gemmEfficiency(perExpertTokens) * groupedGemmEfficiency);
      if (ep > 1) {
        double n = tp * group;
        double sent = (t / tp) * topK * hidden * actBytes * (n - 1) / n;
        double oneWay = sent * (1 - epInterShare) / epIntraBandwidth + sent * epInterShare / epInterBandwidth
            + epLatency;
        time += lm * comm(s, "comm.ep_all_to_all", 2 * sent, 2 * oneWay);
      }
    }
    if (tp > 1) {
      double msg = t * hidden * actBytes;
      double ring = 2.0 * (tp - 1) / tp * msg;
      double one = Math.min(2.0 * (tp - 1) / tp * msg / tpBandwidth + 2.0 * (tp - 1) * tpLatency,
          2.0 * msg / tpBandwidth + 2.0 * tpTreeSteps * tpLatency);
      time += layers * comm(sink == null ? null : scaled(sink, layers), "comm.tp_all_reduce", 2 * ring, 2 * one);
    }

    double headRows = decodeQueries + (opt.lmHeadOnEveryPrefillToken() ? prefillTokens : prefillSeqs);
    if (headRows > 0) {
      time += gemm(sink, "lm_head", headRows, 2 * headRows * lmHead,
          lmHead * plainBytes + headRows * vocabPerDevice * 4.0, gemmEfficiency(headRows));
    }
    if (images > 0 && visionFlopsPerImage > 0) {
      double patches = Math.pow(m.vision().get().imageSize() / (double) m.vision().get().patchSize(), 2);
      time += gemm(sink, "vision_encoder", images * patches, images * visionFlopsPerImage, visionBytes,
          gemmEfficiency(images * patches));
    }
    if (audioSeconds > 0 && audioFlopsPerSecond > 0) {
      double frames = audioSeconds * m.audio().get().maxSourcePositions() / 30.0;
      time += gemm(sink, "audio_encoder", frames, audioSeconds * audioFlopsPerSecond, audioBytes,
          gemmEfficiency(frames));
    }
    return time;
  }

  /**
   * Returns the time of one all-reduce of {@code msg} bytes over {@code n} ranks: the cheaper of a
   * ring ({@code 2(n−1)/n·msg/bw + 2(n−1)·latency}, bandwidth-optimal) and a double binary tree
   * ({@code 2·msg/bw + 2·log2(n)·latency}, latency-optimal for small messages), as NCCL picks.
   */
  static double allReduce(double msg, int n, double bandwidth, double latency) {
    if (n <= 1) {
      return 0;
    }
    double ring = 2.0 * (n - 1) / n * msg / bandwidth + 2.0 * (n - 1) * latency;
    double tree = 2.0 * msg / bandwidth + 2.0 * Math.ceil(Math.log(n) / Math.log(2)) * latency;
    return Math.min(ring, tree);
  }

  /** Returns the pipeline point-to-point time of one micro-batch of {@code tokens} across one stage boundary. */
  double pipelineHop(double tokens) {
    return tokens * hidden * actBytes / ppBandwidth + ppLatency;
  }

  /**
   * Returns the time of one engine step of the replica (all pipeline stages, {@code pp} micro-batches
   * in flight) plus the engine's fixed step overhead: with PP each token crosses every stage, so the
   * step takes {@code pp · stage(batch/pp) + (pp−1) · hop}.
   */
  double step(double decodeSeqs, double kvLen, double prefillTokens, double prefillKeys, double prefillSeqs) {
    return step(decodeSeqs, 1, kvLen, prefillTokens, prefillKeys, prefillSeqs, 0, 0, null);
  }

  double step(double decodeSeqs, double queriesPerSeq, double kvLen, double prefillTokens, double prefillKeys,
      double prefillSeqs, double images, double audioSeconds, Sink sink) {
    if (pp == 1) {
      return stage(decodeSeqs, queriesPerSeq, kvLen, prefillTokens, prefillKeys, prefillSeqs, images, audioSeconds, sink)
          + overhead(decodeSeqs + prefillSeqs);
    }
    double micro = Math.min(pp, Math.max(1, decodeSeqs + prefillSeqs));
    double s = stage(decodeSeqs / micro, queriesPerSeq, kvLen, prefillTokens / micro, prefillKeys, prefillSeqs / micro,
        images / micro, audioSeconds / micro, sink == null ? null : scaled(sink, pp));
    double tokens = decodeSeqs * queriesPerSeq + prefillTokens;
    double hop = pipelineHop(tokens / micro);
    if (sink != null) {
      sink.op("comm.pp_send", 0, 0, tokens / micro * hidden * actBytes * (pp - 1), (pp - 1) * hop, Bound.COMMUNICATION);
    }
    return pp * s + (pp - 1) * hop + overhead(decodeSeqs + prefillSeqs);
  }

  /** Returns the engine's fixed step overhead (the same for any number of sequences). */
  double overhead(double seqs) {
    return stepOverhead;
  }

  /** Returns the KV bytes one token occupies on one device of the replica's largest stage. */
  double kvBytesPerTokenPerDevice() {
    return kvBytesPerTokenLayer * stageLayers;
  }

  /** Returns the KV bytes of one token over the whole model (all layers, unsharded) for KV transfer. */
  double kvBytesPerTokenWholeModel() {
    if (m.mla().isPresent()) {
      return m.mla().get().cachedElementsPerToken() * kvBytes * m.numLayers();
    }
    return 2.0 * m.numKvHeads() * m.headDim() * kvBytes * m.numLayers();
  }

  private static Sink scaled(Sink sink, double factor) {
    return (name, flops, bytes, commBytes, seconds, bound) ->
        sink.op(name, flops * factor, bytes * factor, commBytes * factor, seconds * factor, bound);
  }
}
