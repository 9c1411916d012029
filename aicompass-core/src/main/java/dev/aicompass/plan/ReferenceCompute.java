package dev.aicompass.plan;

import dev.aicompass.explain.Derivation;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.internal.Checks;
import dev.aicompass.internal.Quantities;
import dev.aicompass.model.Component;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.ParameterBreakdown;
import dev.aicompass.model.Precision;
import dev.aicompass.units.FlopRate;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.Optional;

/**
 * The original AICompass compute-demand formulas (seed 000, factor values from
 * {@code shared/reference/seed-tool.md}), in TFLOPS:
 *
 * <pre>
 * S_model   = H·L / 10⁶,   E_attn = n_kv / n_heads,   E_batch = 0.7 + 0.3·log10(max(B,1)) / log10(128)
 * C_prefill = F_base·S_model·L_in·P·(1/E_attn)·B [·F_moe | ·F_mm] / TTFT
 * C_token   = F_base·S_model·(1 + 0.1·log10(L_seq))·P·(1/E_attn)·0.5·B [·F_moe]
 * C_decode  = C_token · T,   T = round(1000 / TPOT_ms)
 * C_modal   = P_vision/10¹²·0.05·B + P_audio/10¹²·0.03·B
 * C         = (max(C_prefill, C_decode) + C_modal) · F_quant · (1 + R_overhead) · E_batch · G_cal
 * N_comp    = ceil(C / (C_gpu · U))
 * </pre>
 * with {@code F_base 12}, {@code F_quant = Q_weight^0.5}, {@code F_moe 1.2}, {@code F_mm 1.3},
 * {@code R_overhead 0.03}, {@code G_cal 0.01} and P the parameters (dense: all; MoE: P_effective =
 * shared + per-expert·E·(k/E), i.e. the active parameters; multimodal: the language model).
 *
 * <p><b>Deliberate difference from the original tool:</b> the tool uses P as a raw parameter count
 * for dense models but in billions for MoE and multimodal models, so their demand comes out 10⁹×
 * too small and their compute card count is always 1 (SEED-NOTES §1.4). This class uses raw
 * parameter counts for every model type, consistently. None of these are physical FLOP counts:
 * {@code G_cal = 0.01} is the tool's fitted scale. The formulas are implemented as written,
 * including {@code 1/E_attn} making GQA models need more compute.
 */
public final class ReferenceCompute {
  public static final double F_BASE = 12;
  public static final double F_MOE = 1.2;
  public static final double F_MM = 1.3;
  public static final double G_CAL = 0.01;
  public static final double R_OVERHEAD = 0.03;
  public static final double VISION_FACTOR = 0.05;
  public static final double AUDIO_FACTOR = 0.03;

  private final double prefill;
  private final double decode;
  private final double modal;
  private final double demand;
  private final Derivation derivation;

  private ReferenceCompute(double prefill, double decode, double modal, double demand, Derivation derivation) {
    this.prefill = prefill;
    this.decode = decode;
    this.modal = modal;
    this.demand = demand;
    this.derivation = derivation;
  }

  /**
   * Returns the demand of serving {@code workload} under {@code slo} (TTFT default 500 ms, TPOT
   * default 50 ms) with weights of {@code weightBytes} bytes per parameter.
   */
  public static ReferenceCompute of(ModelSpec model, Workload workload, ServiceLevel slo, double weightBytes) {
    ParameterBreakdown p = model.parameters();
    double params;
    double factorPrefill = 1;
    double factorDecode = 1;
    if (model.isMoe()) {
      params = p.active();
      factorPrefill = F_MOE;
      factorDecode = F_MOE;
    } else if (model.isMultimodal()) {
      params = p.languageModel();
      factorPrefill = F_MM;
    } else {
      params = p.total();
    }
    double vision = p.get(Component.VISION_ENCODER) + (model.vision().isPresent() ? model.vision().get().projectorParameters() : 0);
    double audio = p.get(Component.AUDIO_ENCODER) + (model.audio().isPresent() ? model.audio().get().projectorParameters() : 0);
    return compute(params, model.hiddenSize(), model.numLayers(), model.numHeads(), model.numKvHeads(),
        workload.inputTokens(), workload.outputTokens(), workload.concurrency(),
        slo.ttft().orElse(TimeSpan.ofMillis(500)), slo.tpot().orElse(TimeSpan.ofMillis(50)), weightBytes,
        factorPrefill, factorDecode, vision, audio);
  }

  /**
   * Returns the demand from raw inputs: {@code params} parameters (raw count), hidden size,
   * layers, heads, KV heads, prompt and output tokens, batch, targets, weight bytes per parameter,
   * the prefill and decode factors (1, F_moe or F_mm) and the encoder parameters.
   *
   * @throws IllegalArgumentException if a count is not positive
   */
  public static ReferenceCompute compute(double params, int hidden, int layers, int heads, int kvHeads, int inputTokens,
      int outputTokens, int batch, TimeSpan ttft, TimeSpan tpot, double weightBytes, double prefillFactor,
      double decodeFactor, double visionParams, double audioParams) {
    Checks.positive("params", params);
    Checks.positive("heads", heads);
    Checks.positive("kvHeads", kvHeads);
    Checks.positive("batch", batch);
    Checks.positive("ttft (s)", ttft.seconds());
    Checks.positive("tpot (s)", tpot.seconds());
    double sModel = hidden * (double) layers / 1e6;
    double eAttn = Math.max(kvHeads, 1) / (double) heads;
    double eBatch = 0.7 + 0.3 * Math.log10(Math.max(batch, 1)) / Math.log10(128);
    double fQuant = Math.sqrt(weightBytes);
    double lSeq = inputTokens + (double) outputTokens;
    double t = Math.round(1000 / tpot.toMillis());
    double prefillFlops = F_BASE * sModel * inputTokens * params * (1 / eAttn) * batch * prefillFactor / 1e12;
    double prefill = prefillFlops / ttft.seconds();
    double token = F_BASE * sModel * (1 + 0.1 * Math.log10(Math.max(lSeq, 1))) * params * (1 / eAttn) * 0.5 * batch
        * decodeFactor / 1e12;
    double decode = token * t;
    double modal = visionParams / 1e12 * VISION_FACTOR * batch + audioParams / 1e12 * AUDIO_FACTOR * batch;
    double demand = (Math.max(prefill, decode) + modal) * fQuant * (1 + R_OVERHEAD) * eBatch * G_CAL;
    Derivation d = Derivation.builder()
        .add("S_model", "H " + hidden + " · L " + layers + " / 1e6", n(sModel))
        .add("E_attn", "n_kv " + kvHeads + " / n_heads " + heads, n(eAttn))
        .add("E_batch", "0.7 + 0.3·log10(max(B " + batch + ", 1)) / log10(128)", n(eBatch))
        .add("F_quant", "Q_weight " + weightBytes + " ^ 0.5", n(fQuant))
        .add("C_prefill", "12·S_model·L_in " + inputTokens + "·P " + n(params) + "·(1/E_attn)·B·F " + prefillFactor
            + " / 1e12 / TTFT " + ttft, n(prefill) + " TFLOPS")
        .add("C_decode", "12·S_model·(1 + 0.1·log10(L_seq " + n(lSeq) + "))·P·(1/E_attn)·0.5·B·F " + decodeFactor
            + " / 1e12 × T " + n(t), n(decode) + " TFLOPS")
        .add("C_modal", "P_vision/1e12·0.05·B + P_audio/1e12·0.03·B", n(modal) + " TFLOPS")
        .add("C", "(max(C_prefill, C_decode) + C_modal) · F_quant · (1 + R_overhead 0.03) · E_batch · G_cal 0.01",
            n(demand) + " TFLOPS")
        .build();
    return new ReferenceCompute(prefill, decode, modal, demand, d);
  }

  /** Returns C_prefill in TFLOPS (before F_quant, overhead, E_batch and G_cal). */
  public double prefillTflops() {
    return prefill;
  }

  /** Returns C_decode in TFLOPS (before the common factors). */
  public double decodeTflops() {
    return decode;
  }

  /** Returns C_modal in TFLOPS. */
  public double modalTflops() {
    return modal;
  }

  /** Returns C, the compute demand in TFLOPS. */
  public double demandTflops() {
    return demand;
  }

  /** Returns C as a rate (zero demand becomes 1 FLOP/s). */
  public FlopRate demand() {
    return FlopRate.ofFlopsPerSecond(Math.max(1, demand * 1e12));
  }

  /**
   * Returns N_comp = ceil(C / (C_gpu · U)) on {@code accelerator}, C_gpu being its peak for
   * {@code weightPrecision} (the tool's column choice), or empty when it has no such peak.
   */
  public Optional<Integer> cards(Accelerator accelerator, Precision weightPrecision, double utilization) {
    return accelerator.peak(weightPrecision)
        .map(r -> (int) Math.max(1, Math.ceil(demand / (r.toTeraflops() * utilization) - 1e-12)));
  }

  public Derivation derivation() {
    return derivation;
  }

  private static String n(double v) {
    return Quantities.number(v, 6);
  }
}
