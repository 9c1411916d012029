package dev.aicompass.memory;

import dev.aicompass.Method;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.explain.Derivation;
import dev.aicompass.internal.Quantities;
import dev.aicompass.model.Component;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.MoeSpec;
import dev.aicompass.units.ByteSize;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 000's memory formulas (the original AICompass), kept for comparison with the default
 * method. Totals are split evenly over the TP·PP devices of a replica. Differences from the web
 * tool, on purpose: bytes are reported in true GiB (the tool printed GiB labelled "GB"), and
 * parameter counts come from the architecture rather than a typed total.
 *
 * <pre>
 * M_weights  = P · Q_weight                      (MoE: shared + experts, multimodal: base + encoders)
 * M_kv       = B · S · L · 2 · H_kv · D_h · Q_kv  (D_h = H / n_heads; S includes image and audio tokens)
 * M_act      = B · S · H · F_act · Q_act          (MoE: shared + B·S·max(E_active,1)·max(I,H)·F_expert·Q_act)
 * M_overhead = (M_weights + M_kv + M_act) · R_overhead
 * </pre>
 */
public final class ReferenceMemory {
  private ReferenceMemory() {}

  /** Estimates with the tool's default factors; without a workload B = 1 and S = max model length. */
  public static MemoryBreakdown estimate(Deployment d, Optional<Workload> workload) {
    return estimate(d, workload, ReferenceFactors.defaults());
  }

  /** Estimates with {@code f}; without a workload B = 1 and S = max model length. */
  public static MemoryBreakdown estimate(Deployment d, Optional<Workload> workload, ReferenceFactors f) {
    ModelSpec m = d.model();
    Workload w = workload.orElse(Workload.of(Math.max(1, d.maxModelLen() - 1), 1, 1));
    double qWeight = d.quantization().map(q -> q.weightPrecision().bytes()).orElse(d.weightPrecision().bytes());
    double qKv = d.kvCachePrecision().bytes();
    double qAct = d.activationPrecision().bytes();
    double b = w.concurrency();
    double sText = w.inputTokens() + w.outputTokens();
    double sImage = m.vision().map(v -> Math.ceil(Math.pow(v.imageSize() / (double) v.patchSize(), 2))).orElse(0.0)
        * w.imagesPerRequest();
    double sAudio = m.audio().isPresent() ? w.audioSecondsPerRequest() * f.audioTokensPerSecond() : 0;
    double sTotal = sText + sImage * f.visionTokens() + sAudio * f.audioTokens();
    double h = m.hiddenSize();
    double headDim = h / m.numHeads();

    Derivation.Builder why = Derivation.builder();
    double params = m.parameters().total();
    double weights = params * qWeight;
    why.add("M_weights", "P " + Quantities.number(params / 1e9, 3) + "B × Q_weight " + qWeight, gib(weights));
    double kv = b * sTotal * m.numLayers() * 2 * Math.max(m.numKvHeads(), 1) * headDim * qKv;
    why.add("M_kv", "B " + (long) b + " × S " + (long) sTotal + " × L " + m.numLayers() + " × 2 × H_kv "
        + m.numKvHeads() + " × D_h " + Quantities.number(headDim, 2) + " × Q_kv " + qKv, gib(kv));
    double act;
    if (m.moe().isPresent()) {
      MoeSpec moe = m.moe().get();
      double shared = b * sText * h * f.sharedActivation() * qAct;
      double expert = b * sText * Math.max(moe.expertsPerToken(), 1) * Math.max(moe.expertIntermediateSize(), h)
          * f.expertActivation() * qAct;
      act = shared + expert;
      why.add("M_act", "B·S·H·F_shared·Q_act + B·S·max(E_active,1)·max(I,H)·F_expert·Q_act", gib(act));
    } else if (m.isMultimodal()) {
      act = b * sText * h * f.llmActivation() * qAct + b * (sImage + sAudio) * h * f.encoderActivation() * qAct;
      why.add("M_act", "B·S_text·H·F_llm·Q_act + B·(S_image + S_audio)·H·F_enc·Q_act", gib(act));
    } else {
      act = b * sText * h * f.activation() * qAct;
      why.add("M_act", "B·S·H·F_act " + f.activation() + "·Q_act " + qAct, gib(act));
    }
    double overhead = (weights + kv + act) * f.overheadRatio();
    why.add("M_overhead", "(M_weights + M_kv + M_act) × R_overhead " + f.overheadRatio(), gib(overhead));
    double total = weights + kv + act + overhead;
    why.add("M_total", "sum", gib(total));
    int devices = d.parallelism().devicesPerReplica();
    why.add("per device", "M_total / (TP·PP " + devices + ")", gib(total / devices));

    double perDevice = total / devices;
    double usable = d.accelerator().memory().bytes();
    List<String> problems = new ArrayList<>();
    if (perDevice > usable) {
      problems.add("needs " + gib(perDevice) + " per device, more than the " + d.accelerator().memory() + " of " + d.accelerator().id());
    }
    Map<Component, ByteSize> comps = new EnumMap<>(Component.class);
    comps.put(Component.ATTENTION, ByteSize.ofBytes(weights / devices));
    long tokens = (long) (b * sTotal);
    return MemoryBreakdown.builder()
        .deployment(d)
        .method(Method.REFERENCE)
        .weights(ByteSize.ofBytes(weights / devices))
        .weightsByComponent(Map.of())
        .activation(ByteSize.ofBytes(act / devices))
        .nonTorch(ByteSize.ofBytes(overhead / devices))
        .cudaGraph(ByteSize.ZERO)
        .kvCachePool(ByteSize.ofBytes(kv / devices))
        .kvCacheTokens(tokens)
        .kvBytesPerToken(ByteSize.ofBytes(kv / devices / Math.max(1, tokens)))
        .kvCacheRequired(workload.map(x -> ByteSize.ofBytes(kv / devices)))
        .total(ByteSize.ofBytes(perDevice))
        .usable(d.accelerator().memory())
        .fits(problems.isEmpty())
        .problems(problems)
        .explanation(explained(why.build()))
        .addStages(new StageMemory(0, m.numLayers(), ByteSize.ofBytes(weights / devices), ByteSize.ofBytes(act / devices),
            ByteSize.ofBytes(kv / devices), tokens))
        .build();
  }

  private static String gib(double bytes) {
    return Quantities.number(bytes / ByteSize.GIB, 3) + " GiB";
  }

  private static java.util.function.Supplier<Derivation> explained(Derivation d) {
    return () -> d;
  }
}
