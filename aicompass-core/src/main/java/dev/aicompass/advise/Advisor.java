package dev.aicompass.advise;

import dev.aicompass.Presets;
import dev.aicompass.check.CapacityCheck;
import dev.aicompass.check.CheckOptions;
import dev.aicompass.check.CheckResult;
import dev.aicompass.check.Shortfall;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.PerformanceOptions;
import dev.aicompass.perf.SpeculativeDecoding;
import dev.aicompass.plan.DeploymentPlan;
import dev.aicompass.plan.Planner;
import dev.aicompass.plan.PlannerOptions;
import dev.aicompass.units.Money;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What-if advice for a deployment that fails its requirements or uses more than it needs
 * (stateless, thread-safe).
 *
 * <p>Each candidate change is applied to the {@link Deployment} (or the check's
 * {@link PerformanceOptions}) and re-checked with {@link CapacityCheck}: FP8 KV cache; FP8 or AWQ
 * INT4 weights; tensor, pipeline and expert parallelism; more or fewer data-parallel replicas (the
 * fewest that pass); the planner's fewest-device layout on the same accelerator; max-model-len and
 * max-num-seqs; chunked prefill; prefix caching at a stated
 * hit rate; speculative decoding; another catalog accelerator at the same or lower hourly cost
 * where prices exist, else on the same or fewer devices. For a failing deployment it returns the
 * changes that pass or bring it closer to passing; for a passing one, the changes that still pass
 * on fewer devices or at a lower hourly cost. Ranked: passing first (changes on the same accelerator
 * before moves to another one whose price is unknown), then fewer devices, lower cost, and the
 * larger improvement.
 */
public final class Advisor {
  private Advisor() {}

  /**
   * Returns ranked suggestions for {@code deployment} serving {@code workload} within
   * {@code serviceLevel}; empty when no change helps (or, for a passing deployment, none saves devices or cost).
   */
  public static List<Suggestion> advise(Deployment deployment, Workload workload, ServiceLevel serviceLevel,
      AdviceOptions options) {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(serviceLevel, "serviceLevel");
    Objects.requireNonNull(options, "options");
    return new Run(deployment, workload, serviceLevel, options).run();
  }

  /** Returns {@link #advise(Deployment, Workload, ServiceLevel, AdviceOptions)} with default options. */
  public static List<Suggestion> advise(Deployment deployment, Workload workload, ServiceLevel serviceLevel) {
    return advise(deployment, workload, serviceLevel, AdviceOptions.defaults());
  }

  /** One advice run. */
  private static final class Run {
    final Deployment d;
    final Workload w;
    final ServiceLevel slo;
    final AdviceOptions o;
    final CheckOptions co;
    final CheckResult before;
    final EngineKind engine;
    final List<Suggestion> out = new ArrayList<>();

    Run(Deployment d, Workload w, ServiceLevel slo, AdviceOptions o) {
      this.d = d;
      this.w = w;
      this.slo = slo;
      this.o = o;
      this.co = o.checkOptions();
      this.before = CapacityCheck.check(d, w, slo, co);
      this.engine = d.engine().kind();
    }

    List<Suggestion> run() {
      kvCache();
      weights();
      tensorParallel();
      pipelineParallel();
      expertParallel();
      dataParallel();
      relayout();
      maxModelLen();
      maxNumSeqs();
      chunkedPrefill();
      prefixCaching();
      speculative();
      if (o.suggestAccelerators()) {
        accelerators();
      }
      double base = score(before);
      List<Suggestion> keep = new ArrayList<>();
      for (Suggestion s : out) {
        boolean useful = before.passes()
            ? s.passes() && (s.after().devices() < before.devices() || cheaper(s.after(), before))
            : s.passes() || score(s.after()) < base * (1 - 1e-9);
        if (useful) {
          keep.add(s);
        }
      }
      keep.sort(Comparator.comparing((Suggestion s) -> !s.passes())
          .thenComparing(s -> s.passes() && unpricedMove(s))
          .thenComparingInt(s -> s.passes() ? s.after().devices() : 0)
          .thenComparingDouble(s -> s.passes() ? s.after().hourlyCost().map(Money::amount).orElse(0.0) : 0.0)
          .thenComparingDouble(s -> score(s.after()))
          .thenComparingDouble(s -> -s.after().estimate().map(e -> e.outputThroughput().tokensPerSecond()).orElse(0.0))
          .thenComparing(Suggestion::kind));
      return List.copyOf(keep.subList(0, Math.min(keep.size(), o.maxSuggestions())));
    }

    /** Whether s moves to another accelerator with no prices to compare: devices of different kinds are not comparable. */
    private boolean unpricedMove(Suggestion s) {
      return !s.deployment().accelerator().id().equals(d.accelerator().id())
          && (s.after().hourlyCost().isEmpty() || before.hourlyCost().isEmpty());
    }

    private static boolean cheaper(CheckResult a, CheckResult b) {
      return a.hourlyCost().isPresent() && b.hourlyCost().isPresent()
          && a.hourlyCost().get().amount() < b.hourlyCost().get().amount() * (1 - 1e-9);
    }

    /**
     * How far a result is from passing (0 when it passes): memory and context shortfalls dominate,
     * then the relative excess of each latency and the relative lack of throughput.
     */
    double score(CheckResult r) {
      double s = 0;
      if (r.shortfalls().contains(Shortfall.MEMORY)) {
        MemoryBreakdown m = r.memory();
        double budget = r.deployment().engine().memoryUtilization() * m.usable().bytes();
        double fixed = m.weights().bytes() + m.activation().bytes() + m.nonTorch().bytes();
        double need = r.deployment().maxModelLen();
        s += 1000 * (1 + Math.max(0, fixed / budget - 1) + Math.max(0, 1 - m.kvCacheTokens() / need));
      }
      if (r.shortfalls().contains(Shortfall.CONTEXT_LENGTH)) {
        s += 100 * (MemoryEstimator.sequenceTokens(r.deployment().model(), w) / (double) r.deployment().maxModelLen());
      }
      if (r.estimate().isPresent()) {
        LatencyEstimate e = r.estimate().get();
        double hi = co.pessimistic() ? e.errorBand().high() : 1;
        double lo = 1 / hi;
        double ttftHi = co.pessimistic() ? e.ttftErrorBand().high() : 1;
        if (slo.ttft().isPresent()) {
          s += Math.max(0, e.ttft().seconds() * ttftHi / slo.ttft().get().seconds() - 1);
        }
        if (slo.tpot().isPresent()) {
          s += Math.max(0, e.tpot().seconds() * hi / slo.tpot().get().seconds() - 1);
        }
        if (slo.throughput().isPresent()) {
          s += Math.max(0, slo.throughput().get().tokensPerSecond() / Math.max(1e-9, e.outputThroughput().tokensPerSecond() * lo) - 1);
        }
        if (e.saturated()) {
          s += 1 + w.requestRate().orElse(0) / Math.max(1e-9, e.requestRate());
        }
      }
      return s;
    }

    private void add(Suggestion.Kind kind, String title, List<String> flags, Deployment changed, CheckOptions options,
        String caveat) {
      CheckResult after = CapacityCheck.check(changed, w, slo, options);
      out.add(new Suggestion(kind, title, flags, changed, options, before, after, Optional.ofNullable(caveat)));
    }

    private void add(Suggestion.Kind kind, String title, List<String> flags, Deployment.Builder changed, String caveat) {
      Deployment built;
      try {
        built = changed.build();
      } catch (IllegalArgumentException e) {
        return;
      }
      add(kind, title, flags, built, co, caveat);
    }

    private List<String> flags(String vllm, String sglang, Object value) {
      if (engine == EngineKind.VLLM && vllm != null) {
        return value == null ? List.of(vllm) : List.of(vllm, String.valueOf(value));
      }
      if (engine == EngineKind.SGLANG && sglang != null) {
        return value == null ? List.of(sglang) : List.of(sglang, String.valueOf(value));
      }
      return List.of();
    }

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> l = new ArrayList<>(a);
      l.addAll(b);
      return l;
    }

    // ---- generators ---------------------------------------------------------------------------

    void kvCache() {
      if (d.kvCachePrecision().bits() > 8) {
        add(Suggestion.Kind.KV_CACHE_FP8, "FP8 KV cache (" + d.kvCachePrecision().id() + " → fp8)",
            flags("--kv-cache-dtype", "--kv-cache-dtype", engine == EngineKind.SGLANG ? "fp8_e4m3" : "fp8"),
            Deployment.builder().from(d).kvCachePrecision(Precision.FP8), "halves KV bytes per token; a small accuracy cost, check your evaluation");
      }
    }

    void weights() {
      double bits = d.quantization().map(q -> (double) q.weightPrecision().bits()).orElse((double) d.weightPrecision().bits());
      if (d.quantization().isEmpty() && bits >= 16) {
        add(Suggestion.Kind.WEIGHT_QUANTIZATION, "FP8 weights (" + d.weightPrecision().id() + " → fp8)",
            flags("--quantization", "--quantization", "fp8"),
            Deployment.builder().from(d).quantization(Optional.of(QuantizationScheme.FP8_DYNAMIC)),
            "online FP8 quantization of the checkpoint (or serve an FP8 checkpoint); usually within 1 % on benchmarks");
      }
      if (bits > 4 && d.quantization().map(q -> q.scope() == QuantizationScheme.Scope.ALL_LINEAR).orElse(true)) {
        add(Suggestion.Kind.WEIGHT_QUANTIZATION, "AWQ INT4 weights (" + d.quantization().map(QuantizationScheme::id)
                .orElse(d.weightPrecision().id()) + " → awq-int4)",
            flags("--quantization", "--quantization", "awq_marlin"),
            Deployment.builder().from(d).quantization(Optional.of(QuantizationScheme.AWQ_INT4)),
            "needs an AWQ INT4 checkpoint of " + d.model().name() + "; 4-bit weights can cost accuracy");
      }
    }

    /** Returns d with the layout tp, pp, dp (EP follows TP·DP when it was TP·DP), or null when the model rejects it. */
    Deployment layout(int tp, int pp, int dp) {
      Parallelism p = d.parallelism();
      int ep = p.ep() > 1 && p.ep() == p.tp() * p.dp() ? tp * dp : p.ep();
      try {
        return Deployment.builder().from(d).parallelism(Parallelism.of(tp, pp, ep, dp)).build();
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    /** The SGLang flags that keep an explicit EP size in step with a layout change. */
    private List<String> epFlags(Deployment changed) {
      if (engine == EngineKind.SGLANG && changed.parallelism().ep() != d.parallelism().ep()) {
        return List.of("--ep-size", String.valueOf(changed.parallelism().ep()));
      }
      return List.of();
    }

    void tensorParallel() {
      Parallelism p = d.parallelism();
      for (int tp : new int[] {p.tp() * 2, p.tp() / 2}) {
        if (tp < 1 || tp == p.tp() || tp * p.pp() * p.dp() > o.maxDevices()) {
          continue;
        }
        Deployment c = layout(tp, p.pp(), p.dp());
        if (c != null) {
          add(Suggestion.Kind.TENSOR_PARALLEL, "tensor parallel " + p.tp() + " → " + tp,
              concat(flags("--tensor-parallel-size", "--tp", tp), epFlags(c)), c, co, null);
        }
      }
    }

    void pipelineParallel() {
      Parallelism p = d.parallelism();
      for (int pp : new int[] {p.pp() * 2, p.pp() / 2}) {
        if (pp < 1 || pp == p.pp() || p.tp() * pp * p.dp() > o.maxDevices()) {
          continue;
        }
        Deployment c = layout(p.tp(), pp, p.dp());
        if (c != null) {
          add(Suggestion.Kind.PIPELINE_PARALLEL, "pipeline parallel " + p.pp() + " → " + pp,
              flags("--pipeline-parallel-size", "--pp-size", pp), c, co,
              pp > p.pp() ? "pipeline stages add a step of latency per stage boundary" : null);
        }
      }
    }

    void expertParallel() {
      Parallelism p = d.parallelism();
      if (d.model().moe().isEmpty() || p.ep() > 1 || p.tp() * p.dp() < 2) {
        return;
      }
      int ep = p.tp() * p.dp();
      Deployment.Builder c = Deployment.builder().from(d).parallelism(Parallelism.of(p.tp(), p.pp(), ep, p.dp()));
      add(Suggestion.Kind.EXPERT_PARALLEL, "expert parallel 1 → " + ep,
          flags(engine == EngineKind.VLLM ? "--enable-expert-parallel" : null, "--ep-size",
              engine == EngineKind.VLLM ? null : ep), c, "experts spread over the " + ep + " devices instead of sliced");
    }

    void dataParallel() {
      Parallelism p = d.parallelism();
      int per = p.tp() * p.pp();
      int maxDp = o.maxDevices() / per;
      boolean latencyOnly = !before.shortfalls().contains(Shortfall.MEMORY)
          && !before.shortfalls().contains(Shortfall.CONTEXT_LENGTH);
      if (!before.passes() && latencyOnly && p.dp() < maxDp) {
        int found = smallestPassing(p.dp() + 1, maxDp);
        int dp = found > 0 ? found : Math.min(maxDp, p.dp() * 2);
        replicas(dp);
      }
      if (before.passes() && p.dp() > 1) {
        int found = smallestPassing(1, p.dp() - 1);
        if (found > 0) {
          replicas(found);
        }
      }
    }

    private void replicas(int dp) {
      Parallelism p = d.parallelism();
      Deployment c = layout(p.tp(), p.pp(), dp);
      if (c != null) {
        add(Suggestion.Kind.DATA_PARALLEL, "replicas (data parallel) " + p.dp() + " → " + dp,
            concat(flags("--data-parallel-size", "--dp", dp), epFlags(c)), c, co, null);
      }
    }

    /** Returns the smallest dp in [lo, hi] that passes (latency falls as replicas rise), or 0. */
    private int smallestPassing(int lo, int hi) {
      Parallelism p = d.parallelism();
      if (lo > hi) {
        return 0;
      }
      Deployment top = layout(p.tp(), p.pp(), hi);
      if (top == null || !CapacityCheck.check(top, w, slo, co).passes()) {
        return 0;
      }
      int a = lo;
      int b = hi;
      while (a < b) {
        int mid = (a + b) >>> 1;
        Deployment m = layout(p.tp(), p.pp(), mid);
        if (m != null && CapacityCheck.check(m, w, slo, co).passes()) {
          b = mid;
        } else {
          a = mid + 1;
        }
      }
      return layout(p.tp(), p.pp(), a) == null ? hi : a;
    }

    void maxModelLen() {
      long seq = MemoryEstimator.sequenceTokens(d.model(), w);
      int want = (int) Math.min(Integer.MAX_VALUE, ((seq + 1023) / 1024) * 1024);
      boolean tooShort = before.shortfalls().contains(Shortfall.CONTEXT_LENGTH);
      boolean memory = before.shortfalls().contains(Shortfall.MEMORY) && want < d.maxModelLen();
      if (!tooShort && !memory) {
        return;
      }
      Deployment.Builder c = Deployment.builder().from(d).maxModelLen(want);
      List<String> f = flags("--max-model-len", "--context-length", want);
      if (!d.engine().chunkedPrefill() && engine == EngineKind.VLLM) {
        int budget = Math.max(d.engine().maxNumBatchedTokens(), want);
        c.engine(EngineProfile.builder().from(d.engine()).maxNumBatchedTokens(budget).build());
        f = concat(f, List.of("--max-num-batched-tokens", String.valueOf(budget)));
      }
      add(Suggestion.Kind.MAX_MODEL_LEN, "max-model-len " + d.maxModelLen() + " → " + want, f, c,
          tooShort ? null : "requests longer than " + want + " tokens are refused");
    }

    void maxNumSeqs() {
      EngineProfile e = d.engine();
      int perReplica = (int) Math.ceil(w.concurrency() / (double) d.parallelism().dp());
      int pow = perReplica <= 1 ? 1 : Integer.highestOneBit(perReplica - 1) * 2;
      boolean latency = !before.passes() && !before.shortfalls().contains(Shortfall.MEMORY);
      if (latency && e.maxNumSeqs() < perReplica) {
        seqs(pow, null);
      }
      if (before.shortfalls().contains(Shortfall.MEMORY) && engine == EngineKind.VLLM && e.maxNumSeqs() > Math.max(pow, 16)) {
        seqs(Math.max(pow, 16), "a smaller sampler reserve at start-up; at most " + Math.max(pow, 16) + " requests run at once");
      }
    }

    private void seqs(int n, String caveat) {
      EngineProfile e = d.engine();
      EngineProfile.Builder b = EngineProfile.builder().from(e).maxNumSeqs(n);
      List<String> f = flags("--max-num-seqs", "--max-running-requests", n);
      if (engine == EngineKind.VLLM && n > e.maxNumBatchedTokens()) {
        b.maxNumBatchedTokens(n);
        f = concat(f, List.of("--max-num-batched-tokens", String.valueOf(n)));
      }
      add(Suggestion.Kind.MAX_NUM_SEQS, "max-num-seqs " + e.maxNumSeqs() + " → " + n, f,
          Deployment.builder().from(d).engine(b.build()), caveat);
    }

    void chunkedPrefill() {
      EngineProfile e = d.engine();
      if (e.chunkedPrefill() || e.kind() == EngineKind.HF) {
        return;
      }
      List<String> f = engine == EngineKind.VLLM
          ? List.of("--enable-chunked-prefill", "--max-num-batched-tokens", String.valueOf(e.maxNumBatchedTokens()))
          : flags(null, "--chunked-prefill-size", e.maxNumBatchedTokens());
      add(Suggestion.Kind.CHUNKED_PREFILL, "chunked prefill on (chunks of " + e.maxNumBatchedTokens() + " tokens)", f,
          Deployment.builder().from(d).engine(EngineProfile.builder().from(e).chunkedPrefill(true).build()), null);
    }

    void prefixCaching() {
      EngineProfile e = d.engine();
      if (o.prefixHitRate() <= 0 || e.prefixCacheHitRate() >= o.prefixHitRate() || e.kind() == EngineKind.HF) {
        return;
      }
      String rate = String.format(Locale.ROOT, "%.0f %%", o.prefixHitRate() * 100);
      add(Suggestion.Kind.PREFIX_CACHING, "prefix caching at a " + rate + " hit rate",
          engine == EngineKind.VLLM ? List.of("--enable-prefix-caching") : List.of(),
          Deployment.builder().from(d).engine(EngineProfile.builder().from(e).prefixCacheHitRate(o.prefixHitRate()).build()),
          engine == EngineKind.SGLANG ? "remove --disable-radix-cache" : "the hit rate is the one stated for the workload");
    }

    void speculative() {
      if (co.performance().speculative().isPresent() || w.outputTokens() < 2 || before.shortfalls().isEmpty()
          || before.shortfalls().contains(Shortfall.MEMORY) || !(before.shortfalls().contains(Shortfall.TPOT)
              || before.shortfalls().contains(Shortfall.THROUGHPUT) || before.shortfalls().contains(Shortfall.TTFT))) {
        return;
      }
      int k = o.speculativeTokens();
      SpeculativeDecoding sd = SpeculativeDecoding.builder().draftTokens(k).acceptanceRate(co.speculativeAcceptance()).build();
      CheckOptions changed = CheckOptions.builder().from(co)
          .performance(PerformanceOptions.builder().from(co.performance()).speculative(sd).build()).build();
      List<String> f;
      if (engine == EngineKind.VLLM) {
        f = List.of("--speculative-config", "{\"method\": \"eagle3\", \"model\": \"<eagle3-draft>\", "
            + "\"num_speculative_tokens\": " + k + "}");
      } else if (engine == EngineKind.SGLANG) {
        f = List.of("--speculative-algorithm", "EAGLE3", "--speculative-draft-model-path", "<eagle3-draft>",
            "--speculative-num-steps", String.valueOf(k), "--speculative-eagle-topk", "1",
            "--speculative-num-draft-tokens", String.valueOf(k + 1));
      } else {
        f = List.of();
      }
      add(Suggestion.Kind.SPECULATIVE_DECODING, "speculative decoding (EAGLE-3, " + k + " draft tokens)", f, d, changed,
          "needs an EAGLE-3 draft head trained for " + d.model().name() + " in place of <eagle3-draft>; acceptance rate "
              + co.speculativeAcceptance() + " assumed; draft weights not counted in memory");
    }

    /** The planner's fewest-device layout on the same accelerator, when it differs from the current one. */
    void relayout() {
      int max = before.passes() ? before.devices() - 1 : o.maxDevices();
      if (max < 1) {
        return;
      }
      Optional<DeploymentPlan> p = plan(List.of(d.accelerator()), max);
      if (p.isEmpty()) {
        return;
      }
      Deployment c = expressible(p.get());
      if (c == null || c.parallelism().equals(d.parallelism())
          || out.stream().anyMatch(s -> s.deployment().equals(c) && s.options().equals(co))) {
        return;
      }
      add(Suggestion.Kind.LAYOUT, "layout " + d.parallelism() + " → " + c.parallelism() + " (" + c.parallelism().devices()
          + " × " + d.accelerator().id() + ")", layoutFlags(c), c, co, null);
    }

    /**
     * Returns the plan's layout applied to d, with vLLM's expert parallelism (EP = TP·DP when on)
     * when the plan's EP is not expressible by vLLM's flags; null when the model rejects it.
     */
    private Deployment expressible(DeploymentPlan plan) {
      Parallelism l = plan.parallelism();
      int ep = l.ep();
      if (engine == EngineKind.VLLM && ep > 1 && ep != l.tp() * l.dp()) {
        ep = l.tp() * l.dp();
      }
      try {
        return Deployment.builder().from(d).accelerator(plan.accelerator())
            .parallelism(Parallelism.of(l.tp(), l.pp(), ep, l.dp())).build();
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    /** The flags that set c's whole layout. */
    private List<String> layoutFlags(Deployment c) {
      Parallelism l = c.parallelism();
      List<String> f = concat(concat(flags("--tensor-parallel-size", "--tp", l.tp()),
          flags("--pipeline-parallel-size", "--pp-size", l.pp())), flags("--data-parallel-size", "--dp", l.dp()));
      if (engine == EngineKind.VLLM && l.ep() > 1) {
        f = concat(f, List.of("--enable-expert-parallel"));
      } else if (engine == EngineKind.VLLM && d.parallelism().ep() > 1) {
        f = concat(f, List.of("--no-enable-expert-parallel"));
      }
      return concat(f, epFlags(c));
    }

    void accelerators() {
      Collection<Accelerator> scope = o.accelerators().isEmpty() ? Presets.accelerators() : o.accelerators();
      Accelerator current = d.accelerator();
      Optional<Money> budget = before.hourlyCost();
      List<DeploymentPlan> plans = new ArrayList<>();
      List<Accelerator> unpriced = new ArrayList<>();
      for (Accelerator a : scope) {
        if (a.id().equals(current.id()) || a.peaks().isEmpty()) {
          continue;
        }
        if (budget.isPresent() && a.hourlyPrice().isPresent() && a.hourlyPrice().get().currency().equals(budget.get().currency())) {
          int n = (int) Math.floor(budget.get().amount() / a.hourlyPrice().get().amount() + 1e-9);
          if (n >= 1) {
            plan(List.of(a), Math.min(n, o.maxDevices())).ifPresent(plans::add);
          }
        } else {
          unpriced.add(a);
        }
      }
      if (!unpriced.isEmpty()) {
        plans.addAll(plans(unpriced, Math.min(before.devices(), o.maxDevices())));
      }
      List<Suggestion> found = new ArrayList<>();
      for (DeploymentPlan p : plans) {
        Deployment c = expressible(p);
        if (c == null) {
          continue;
        }
        CheckResult after = CapacityCheck.check(c, w, slo, co);
        if (!after.passes()) {
          continue;
        }
        found.add(new Suggestion(Suggestion.Kind.ACCELERATOR, p.gpu() + " × " + c.parallelism().devices() + " ("
            + c.parallelism() + ")", layoutFlags(c), c, co, before, after,
            Optional.of(budget.isPresent() && c.accelerator().hourlyPrice().isPresent()
                ? "at " + after.hourlyCost().get() + " per hour against " + budget.get()
                : "no hourly prices to compare; same or fewer devices")));
      }
      found.sort(Comparator.comparingInt((Suggestion s) -> s.after().devices())
          .thenComparingDouble(s -> s.after().hourlyCost().map(Money::amount).orElse(0.0))
          .thenComparingDouble(s -> -s.after().estimate().map(e -> e.outputThroughput().tokensPerSecond()).orElse(0.0)));
      out.addAll(found.subList(0, Math.min(2, found.size())));
    }

    private Optional<DeploymentPlan> plan(List<Accelerator> scope, int maxGpus) {
      List<DeploymentPlan> p = plans(scope, maxGpus);
      return p.isEmpty() ? Optional.empty() : Optional.of(p.get(0));
    }

    private List<DeploymentPlan> plans(List<Accelerator> scope, int maxGpus) {
      PlannerOptions.Builder b = PlannerOptions.builder().accelerators(scope).maxGpus(Math.max(1, maxGpus))
          .engine(d.engine()).weightPrecision(d.weightPrecision()).kvCachePrecision(d.kvCachePrecision())
          .maxModelLen(d.maxModelLen()).performance(co.performance()).includeFailures(false).maxPlans(3);
      d.quantization().ifPresent(b::quantization);
      ModelSpec m = d.model();
      try {
        return Planner.recommend(m, w, slo, b.build()).plans().stream().filter(DeploymentPlan::meetsSlo)
            .collect(Collectors.toList());
      } catch (IllegalArgumentException e) {
        return List.of();
      }
    }
  }
}
