package dev.aicompass.testing;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.FfnKind;
import dev.aicompass.model.MlaSpec;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.MoeSpec;
import dev.aicompass.model.NormKind;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopRate;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of random but valid values. Every generated {@link ModelSpec} carries a
 * description of its shape in its name, so a falsified property prints something readable.
 */
public final class Generators {
  private Generators() {}

  private static final List<Integer> HEADS = List.of(1, 2, 4, 6, 8, 12, 16, 24, 28, 32, 40, 48, 64, 96, 128);
  private static final List<Integer> HEAD_DIMS = List.of(32, 64, 80, 96, 128, 256);

  /** Returns the positive divisors of {@code n}, ascending. */
  public static List<Integer> divisors(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      if (n % i == 0) {
        out.add(i);
      }
    }
    return out;
  }

  /** The shape of a random model, before it is built; tests mutate it to make invalid variants. */
  public static final class Shape {
    public int layers;
    public int heads;
    public int kvHeads;
    public int headDim;
    public int hidden;
    public int intermediate;
    public int vocab;
    public boolean tied;
    public boolean plainFfn;
    public boolean layerNorm;
    public boolean attentionBias;
    public boolean qkNorm;
    public int maxPositions;
    public Integer slidingWindow;
    public int slidingLayers;
    public MoeSpec moe;
    public MlaSpec mla;

    public ModelSpec.Builder builder() {
      ModelSpec.Builder b = ModelSpec.builder().name(describe()).numLayers(layers).hiddenSize(hidden).numHeads(heads)
          .numKvHeads(kvHeads).headDim(headDim).intermediateSize(intermediate).vocabSize(vocab).tiedEmbeddings(tied)
          .ffnKind(plainFfn ? FfnKind.PLAIN : FfnKind.GATED).normKind(layerNorm ? NormKind.LAYER : NormKind.RMS)
          .attentionBias(attentionBias).qkNorm(qkNorm).maxPositionEmbeddings(maxPositions);
      if (slidingWindow != null) {
        b.slidingWindow(slidingWindow).slidingWindowLayers(slidingLayers);
      }
      if (moe != null) {
        b.moe(moe);
      }
      if (mla != null) {
        b.mla(mla);
      }
      return b;
    }

    public ModelSpec build() {
      return builder().build();
    }

    String describe() {
      return String.format(Locale.ROOT, "L%d h%d heads%d kv%d d%d I%d V%d%s%s%s%s", layers, hidden, heads, kvHeads, headDim,
          intermediate, vocab, tied ? " tied" : "",
          slidingWindow == null ? "" : " sw" + slidingWindow + "x" + slidingLayers,
          moe == null ? "" : String.format(Locale.ROOT, " moe(E%d k%d I%d shared%d first%d step%d)", moe.numExperts(),
              moe.expertsPerToken(), moe.expertIntermediateSize(), moe.numSharedExperts(), moe.firstDenseLayers(),
              moe.layerStep()),
          mla == null ? "" : String.format(Locale.ROOT, " mla(q%d kv%d rope%d nope%d v%d)", mla.qLoraRank(),
              mla.kvLoraRank(), mla.qkRopeHeadDim(), mla.qkNopeHeadDim(), mla.vHeadDim()));
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * Random valid model shapes: 1–128 layers, heads from a list of real head counts, KV heads dividing
   * the heads, hidden = heads × head_dim, vocabulary 1k–256k, optionally MoE, MLA and sliding windows.
   */
  public static Gen<Shape> shapes() {
    return shapes(false);
  }

  /** Random valid mixture-of-experts shapes; see {@link #shapes()}. */
  public static Gen<Shape> moeShapes() {
    return shapes(true);
  }

  private static Gen<Shape> shapes(boolean forceMoe) {
    Gen<Shape> g = in -> {
      Shape s = new Shape();
      s.layers = integers().between(1, 128).generate(in);
      s.heads = Generate.pick(HEADS).generate(in);
      s.kvHeads = Generate.pick(divisors(s.heads)).generate(in);
      s.headDim = Generate.pick(HEAD_DIMS).generate(in);
      s.hidden = s.heads * s.headDim;
      s.vocab = integers().between(1_000, 256_000).generate(in);
      s.tied = booleans().all().generate(in);
      s.plainFfn = booleans().all().generate(in);
      s.layerNorm = booleans().all().generate(in);
      s.attentionBias = booleans().all().generate(in);
      s.qkNorm = booleans().all().generate(in);
      s.maxPositions = Generate.pick(List.of(2048, 4096, 8192, 32768, 131072)).generate(in);
      boolean sliding = booleans().all().generate(in);
      if (sliding) {
        s.slidingWindow = Generate.pick(List.of(128, 512, 1024, 4096)).generate(in);
        s.slidingLayers = integers().between(0, s.layers).generate(in);
      }
      boolean moe = forceMoe || booleans().all().generate(in);
      if (moe) {
        int experts = Generate.pick(List.of(2, 4, 8, 16, 32, 60, 64, 128, 256)).generate(in);
        int k = integers().between(1, Math.min(experts, 8)).generate(in);
        int expertWidth = integers().between(64, 4 * s.hidden).generate(in);
        int shared = integers().between(0, 2).generate(in);
        int first = integers().between(0, Math.min(3, s.layers)).generate(in);
        int step = integers().between(1, 2).generate(in);
        s.moe = MoeSpec.builder().numExperts(experts).expertsPerToken(k).expertIntermediateSize(expertWidth)
            .numSharedExperts(shared).firstDenseLayers(first).layerStep(step)
            .routerBias(booleans().all().generate(in)).build();
      }
      s.intermediate = integers().between(moe ? 0 : 1, 4 * s.hidden).generate(in);
      if (moe && s.intermediate == 0 && (s.moe.firstDenseLayers() > 0 || s.moe.layerStep() > 1)) {
        s.intermediate = s.hidden;
      }
      boolean mla = booleans().all().generate(in);
      if (mla) {
        s.mla = MlaSpec.builder().qLoraRank(Generate.pick(List.of(0, 768, 1536)).generate(in))
            .kvLoraRank(Generate.pick(List.of(256, 512)).generate(in)).qkRopeHeadDim(64)
            .qkNopeHeadDim(Generate.pick(List.of(64, 128)).generate(in)).vHeadDim(128).build();
      }
      return s;
    };
    return g.describedAs(Shape::describe);
  }

  /** Random valid models; see {@link #shapes()}. */
  public static Gen<ModelSpec> models() {
    return shapes().map(Shape::build).describedAs(ModelSpec::name);
  }

  /** A generated deployment together with the knobs that produced it. */
  public static final class Case {
    public final Deployment deployment;
    public final Workload workload;

    Case(Deployment deployment, Workload workload) {
      this.deployment = deployment;
      this.workload = workload;
    }

    @Override
    public String toString() {
      Deployment d = deployment;
      return d.model().name() + " | " + d.parallelism() + " | " + d.engine() + " util " + d.engine().memoryUtilization()
          + " | w " + d.weightPrecision() + d.quantization().map(q -> "+" + q.id()).orElse("") + " kv "
          + d.kvCachePrecision() + " | " + d.accelerator().usableMemory() + " | maxLen " + d.maxModelLen()
          + " | workload " + workload.inputTokens() + "/" + workload.outputTokens() + " x" + workload.concurrency();
    }
  }

  /** Returns a device with {@code memory} and H100-like rates, with no interconnect (so no node limit on TP). */
  public static Accelerator device(ByteSize memory) {
    return Accelerator.builder().id("gen-" + memory.bytes()).memory(memory)
        .memoryBandwidth(Bandwidth.parse("3.35 TB/s"))
        .peaks(Map.of(Precision.BF16, FlopRate.parse("989 TFLOPS"), Precision.FP8, FlopRate.parse("1979 TFLOPS")))
        .build();
  }

  /**
   * Random valid deployments of {@link #models()}: TP from the divisors of the heads (up to 16), PP up
   * to 4 (and the layers), DP 1–3, EP from the divisors of the experts that divide TP·DP, any engine,
   * utilisation 0.5–0.95, BF16/FP16/FP8 weights or a built-in quantization, BF16/FP8 KV, 16–192 GiB.
   */
  public static Gen<Case> cases() {
    Gen<Case> g = in -> {
      ModelSpec m = models().generate(in);
      return caseFor(m, in);
    };
    return g.describedAs(Case::toString);
  }

  /** Random valid deployments of mixture-of-experts models; see {@link #cases()}. */
  public static Gen<Case> moeCases() {
    Gen<Case> g = in -> caseFor(moeShapes().generate(in).build(), in);
    return g.describedAs(Case::toString);
  }

  static Case caseFor(ModelSpec m, RandomnessSource in) {
    List<Integer> tps = new ArrayList<>();
    for (int t : divisors(m.numHeads())) {
      if (t <= 16) {
        tps.add(t);
      }
    }
    int tp = Generate.pick(tps).generate(in);
    int pp = integers().between(1, Math.min(4, m.numLayers())).generate(in);
    int dp = integers().between(1, 3).generate(in);
    int ep = 1;
    if (m.moe().isPresent()) {
      List<Integer> eps = new ArrayList<>();
      for (int e : divisors(m.moe().get().numExperts())) {
        if ((tp * dp) % e == 0) {
          eps.add(e);
        }
      }
      ep = Generate.pick(eps).generate(in);
    }
    EngineKind kind = Generate.enumValues(EngineKind.class).generate(in);
    double util = doubles().between(0.5, 0.95).generate(in);
    EngineProfile engine = EngineProfile.builder().kind(kind).memoryUtilization(util).build();
    Precision weights = Generate.pick(List.of(Precision.BF16, Precision.FP16, Precision.FP8)).generate(in);
    List<Optional<QuantizationScheme>> schemes = new ArrayList<>();
    schemes.add(Optional.empty());
    QuantizationScheme.builtIns().forEach(q -> schemes.add(Optional.of(q)));
    Optional<QuantizationScheme> quant = Generate.pick(schemes).generate(in);
    Precision kv = Generate.pick(List.of(Precision.BF16, Precision.FP8)).generate(in);
    int gib = integers().between(16, 192).generate(in);
    int maxLen = Generate.pick(List.of(512, 2048, 8192, 32768)).generate(in);
    Deployment d = Deployment.builder().model(m).accelerator(device(ByteSize.ofGibibytes(gib)))
        .parallelism(Parallelism.of(tp, pp, ep, dp)).engine(engine).weightPrecision(weights).quantization(quant)
        .kvCachePrecision(kv).maxModelLen(maxLen).build();
    Workload w = Workload.of(integers().between(1, 32768).generate(in), integers().between(0, 4096).generate(in),
        integers().between(1, 256).generate(in));
    return new Case(d, w);
  }
}
