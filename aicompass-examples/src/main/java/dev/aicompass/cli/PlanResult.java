package dev.aicompass.cli;

import dev.aicompass.Method;
import dev.aicompass.catalog.AcceleratorEntry;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.OperatorCost;
import dev.aicompass.perf.PhaseCost;
import dev.aicompass.plan.DeploymentPlan;
import dev.aicompass.plan.Limit;
import dev.aicompass.plan.Planner;
import dev.aicompass.plan.PlannerOptions;
import dev.aicompass.units.Money;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code plan} and {@code report} show: the planner's best deployment per accelerator for a
 * model, workload and SLO, and the memory of the plan shown first (the best that meets the SLO, or
 * else the first with a latency estimate).
 */
final class PlanResult {
  final Catalog catalog;
  final ModelSpec model;
  final Workload workload;
  final ServiceLevel slo;
  final PlannerOptions options;
  final int acceleratorsSearched;
  final List<String> skipped;
  /** Best plan per accelerator: those meeting the SLO first (planner order), then the others. */
  final List<DeploymentPlan> plans;
  /** The first plan meeting the SLO, if any. */
  final Optional<DeploymentPlan> best;
  /** The plan the memory, bottleneck and error band describe: the best, else the first with an estimate. */
  final Optional<DeploymentPlan> shown;
  /** The shown plan's memory per device, with the load one replica carries. */
  final Optional<MemoryBreakdown> memory;

  private PlanResult(Catalog catalog, ModelSpec model, Workload workload, ServiceLevel slo, PlannerOptions options,
      int acceleratorsSearched, List<String> skipped, List<DeploymentPlan> plans) {
    this.catalog = catalog;
    this.model = model;
    this.workload = workload;
    this.slo = slo;
    this.options = options;
    this.acceleratorsSearched = acceleratorsSearched;
    this.skipped = skipped;
    this.plans = plans;
    this.best = plans.stream().filter(DeploymentPlan::meetsSlo).findFirst();
    Optional<DeploymentPlan> s = best;
    if (s.isEmpty()) {
      s = plans.stream().filter(p -> p.estimate().isPresent()).findFirst();
    }
    if (s.isEmpty() && !plans.isEmpty()) {
      s = Optional.of(plans.get(0));
    }
    this.shown = s;
    this.memory = s.map(p -> MemoryEstimator.estimate(p.deployment(), Optional.of(replicaLoad(p)), p.method()));
  }

  /** Resolves the options and runs the planner. */
  static PlanResult compute(PlanOptions o) {
    CommonOptions shim = new CommonOptions();
    shim.catalogs = o.catalogs;
    Resolver resolver = new Resolver(shim);
    Catalog catalog = resolver.catalog();
    ModelSpec model = resolver.model(o.model);
    Map<String, Money> prices = prices(o.prices, catalog);
    List<Accelerator> scope = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (o.gpus.isEmpty()) {
      for (AcceleratorEntry e : catalog.accelerators()) {
        if (e.accelerator().peaks().isEmpty()) {
          skipped.add(e.id());
        } else {
          scope.add(priced(e.accelerator(), prices));
        }
      }
    } else {
      for (String g : o.gpus) {
        Accelerator a = catalog.requireAccelerator(g).accelerator();
        if (a.peaks().isEmpty()) {
          throw new IllegalArgumentException("--gpu " + g + " has no published peak compute; add one with --catalog");
        }
        if (scope.stream().noneMatch(x -> x.id().equals(a.id()))) {
          scope.add(priced(a, prices));
        }
      }
    }
    for (String id : prices.keySet()) {
      if (scope.stream().noneMatch(a -> a.id().equals(id))) {
        throw new IllegalArgumentException("--price " + id + ": accelerator '" + id + "' is not among those searched");
      }
    }
    if (o.maxGpus < 1) {
      throw new IllegalArgumentException("--max-gpus (" + o.maxGpus + ") must be at least 1");
    }
    EngineProfile engine = catalog.engineProfile(EngineKind.parse(o.engine), o.engineVersion);
    PlannerOptions.Builder ob = PlannerOptions.builder().accelerators(scope).maxGpus(o.maxGpus).engine(engine)
        .method(Method.parse(o.method)).includeFailures(true).maxPlans(Math.max(1, scope.size()));
    if (o.maxModelLen != null) {
      ob.maxModelLen(o.maxModelLen);
    }
    Resolver.Precisions precisions = Resolver.precisions(catalog, o.quant, o.weightDtype, o.kvDtype);
    precisions.quantization().ifPresent(ob::quantization);
    precisions.weights().ifPresent(ob::weightPrecision);
    precisions.kvCache().ifPresent(ob::kvCachePrecision);
    ServiceLevel s = o.slo.serviceLevel(true);
    Workload w = o.workload.workload(o.load);
    PlannerOptions options = ob.build();
    List<DeploymentPlan> all = Planner.recommend(model, w, s, options).plans();
    return new PlanResult(catalog, model, w, s, options, scope.size(), skipped, RecommendCommand.bestPerAccelerator(all));
  }

  /** Parses {@code ID=AMOUNT [CURRENCY]} entries (a bare amount is USD per device-hour). */
  static Map<String, Money> prices(List<String> entries, Catalog catalog) {
    Map<String, Money> out = new LinkedHashMap<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq <= 0 || eq == e.length() - 1) {
        throw new IllegalArgumentException("--price (" + e + ") must be ID=USD per device-hour, e.g. h100-sxm=2.49");
      }
      String id = catalog.requireAccelerator(e.substring(0, eq).trim()).id();
      String amount = e.substring(eq + 1).trim();
      Money m;
      try {
        m = amount.matches("[0-9]+(\\.[0-9]+)?") ? Money.of(Double.parseDouble(amount), "USD") : Money.parse(amount);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("--price (" + e + ") must be ID=USD per device-hour, e.g. h100-sxm=2.49", ex);
      }
      if (!(m.amount() > 0)) {
        throw new IllegalArgumentException("--price (" + e + ") must be a positive hourly price");
      }
      out.put(id, m);
    }
    return out;
  }

  private static Accelerator priced(Accelerator a, Map<String, Money> prices) {
    Money m = prices.get(a.id());
    return m == null ? a : Accelerator.builder().from(a).hourlyPrice(m).build();
  }

  /** Returns the load one replica of {@code p} carries: its share of the closed-loop requests, or its mean decode batch. */
  Workload replicaLoad(DeploymentPlan p) {
    int perReplica;
    if (workload.requestRate().isPresent()) {
      perReplica = p.estimate().map(e -> (int) Math.ceil(e.decodeBatch())).orElse(1);
    } else {
      perReplica = (workload.concurrency() + p.dp() - 1) / p.dp();
    }
    return dev.aicompass.charts.Charts.closedLoop(workload, Math.max(1, perReplica));
  }

  List<DeploymentPlan> meeting() {
    return plans.stream().filter(DeploymentPlan::meetsSlo).collect(java.util.stream.Collectors.toList());
  }

  /** Plans worth a bar in the recommendation chart ({@link RecommendCommand#chartPlans}). */
  List<DeploymentPlan> chartPlans() {
    return RecommendCommand.chartPlans(plans);
  }

  /** Returns concurrencies for a latency sweep around the load ({@link ChartFiles#sweep}). */
  int[] sweep() {
    int c = workload.requestRate().isPresent()
        ? estimate().map(e -> (int) Math.ceil(e.decodeBatch() * e.deployment().parallelism().dp())).orElse(1)
        : workload.concurrency();
    return ChartFiles.sweep(c);
  }

  String method() {
    return options.method().name().toLowerCase(Locale.ROOT);
  }

  String loadText() {
    return workload.requestRate().isPresent()
        ? String.format(Locale.ROOT, "%s requests/s (open loop)", trim(workload.requestRate().getAsDouble()))
        : workload.concurrency() + " in flight";
  }

  String sloText() {
    List<String> parts = new ArrayList<>();
    slo.ttft().ifPresent(t -> parts.add("TTFT ≤ " + t));
    slo.tpot().ifPresent(t -> parts.add("TPOT ≤ " + t));
    slo.throughput().ifPresent(t -> parts.add("throughput ≥ " + trim(t.tokensPerSecond()) + " tok/s"));
    return parts.isEmpty() ? "none (fit and do not saturate)" : String.join(", ", parts);
  }

  /** Counts, by limit, the plans from index {@code from} on that miss the SLO. */
  Map<String, Integer> limitsFrom(int from) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = from; i < plans.size(); i++) {
      DeploymentPlan p = plans.get(i);
      if (!p.meetsSlo()) {
        String key = p.limitedBy().isEmpty() ? "other" : p.limitedBy().get(0).id();
        out.merge(key, 1, Integer::sum);
      }
    }
    return out;
  }

  /** The operator taking the most time in a phase, and its share of the phase time. */
  static Optional<String> topOperator(PhaseCost phase) {
    double total = phase.time().seconds();
    return phase.operators().stream().max(Comparator.comparingDouble(o -> o.time().seconds()))
        .map(o -> String.format(Locale.ROOT, "%s %.0f%%", o.name(), 100 * o.time().seconds() / total));
  }

  /** One line on what bounds the shown plan. */
  Optional<String> bottleneck() {
    return shown.flatMap(DeploymentPlan::estimate).map(e -> {
      PhaseCost pre = e.prefillCost();
      PhaseCost dec = e.decodeCost();
      return String.format(Locale.ROOT, "prefill %s-bound (%s of %s), decode %s-bound (%s of a %s step)",
          e.prefillBound().id(), topOperator(pre).orElse("-"), pre.time(), e.decodeBound().id(),
          topOperator(dec).orElse("-"), dec.time());
    });
  }

  /** Limits of a plan as text: "meets" or "ttft, tpot". */
  static String limits(DeploymentPlan p) {
    if (p.meetsSlo()) {
      return p.limitedBy().isEmpty() ? "meets SLO" : "meets (" + join(p.limitedBy()) + ")";
    }
    return join(p.limitedBy());
  }

  private static String join(List<Limit> l) {
    StringBuilder sb = new StringBuilder();
    for (Limit x : l) {
      sb.append(sb.length() == 0 ? "" : ", ").append(x.id());
    }
    return sb.toString();
  }

  static String trim(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
  }

  static double shareOf(OperatorCost o, PhaseCost p) {
    return o.time().seconds() / p.time().seconds();
  }

  Optional<LatencyEstimate> estimate() {
    return shown.flatMap(DeploymentPlan::estimate);
  }
}
