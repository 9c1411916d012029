package dev.aicompass.plan;

import dev.aicompass.Method;
import dev.aicompass.Presets;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.explain.Derivation;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.perf.ServingMode;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.Money;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Recommends how many of which accelerator serve a model at a load within a service level
 * (stateless, thread-safe).
 *
 * <p>{@link Method#ROOFLINE}: for every accelerator in scope, enumerates the layouts of one
 * replica (TP dividing the attention heads and within one node; PP in powers of two up to the
 * layers; for MoE models EP = 1 or EP = TP), keeps those whose memory fits
 * ({@link MemoryEstimator}, max model length = the workload's prompt + output by default), then
 * finds the fewest data-parallel replicas (at most {@code maxGpus} devices in all) whose
 * {@link PerformanceEstimator} estimate meets the TTFT, TPOT and throughput targets without
 * saturating. MoE models also get wide expert parallelism with data-parallel attention, as vLLM's
 * {@code --enable-expert-parallel --data-parallel-size G} runs it: G attention replicas of TP ranks
 * each share one expert-parallel group of EP = TP·G ranks (G a power of two from 2, EP dividing the
 * experts, no PP); such a group of TP·G devices is the unit, replicated whole. Each accelerator contributes its best plan: fewest devices, then lowest cost per
 * million output tokens, then highest output throughput (the most headroom), then lowest TTFT. Plans are ranked the same way across accelerators;
 * accelerators without a plan follow with what limits them. The accelerators are searched in
 * parallel on the common fork-join pool unless {@link PlannerOptions#parallel()} is off; the
 * result does not depend on it.
 *
 * <p>{@link Method#REFERENCE}: the seed's rule {@code N = max(N_mem, N_comp)} with
 * {@code N_mem = ceil(M_total / M_gpu)} (reference memory formulas) and {@code N_comp} from
 * {@link ReferenceCompute}.
 */
public final class Planner {
  private Planner() {}

  /**
   * Returns the plans for serving {@code model} under {@code workload} within {@code slo}.
   *
   * @throws IllegalArgumentException if no accelerator is in scope (none given and no catalog registered)
   */
  public static Recommendation recommend(ModelSpec model, Workload workload, ServiceLevel slo, PlannerOptions options) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(slo, "slo");
    Objects.requireNonNull(options, "options");
    Collection<Accelerator> scope;
    if (options.accelerators().isEmpty()) {
      // Catalog devices without a published peak (FPGAs, some CPUs) support memory estimates only.
      scope = Presets.accelerators().stream().filter(a -> !a.peaks().isEmpty()).collect(java.util.stream.Collectors.toList());
    } else {
      scope = options.accelerators();
      for (Accelerator a : scope) {
        if (a.peaks().isEmpty()) {
          throw new IllegalArgumentException("accelerator '" + a.id() + "' has no peak compute in its datasheet, so no "
              + "latency can be estimated for it; give it peaks (Accelerator.builder().from(a).putPeaks(...))");
        }
      }
    }
    if (scope.isEmpty()) {
      throw new IllegalArgumentException("no accelerators in scope: pass PlannerOptions.accelerators or register a "
          + "preset catalog (dev.aicompass:aicompass-catalog)");
    }
    List<DeploymentPlan> meeting = new ArrayList<>();
    List<DeploymentPlan> failing = new ArrayList<>();
    double weightFloor = weightFloor(model, workload, options, scope.iterator().next());
    Function<Accelerator, DeploymentPlan> search = a -> options.method() == Method.REFERENCE
        ? reference(model, workload, slo, options, a)
        : new Search(model, workload, slo, options, a, weightFloor).run();
    // one independent search per accelerator; the parallel stream keeps the scope's order
    List<DeploymentPlan> plans = (options.parallel() && scope.size() > 1 ? scope.parallelStream() : scope.stream())
        .map(search).collect(Collectors.toList());
    for (DeploymentPlan p : plans) {
      if (p == null) {
        continue;
      }
      (p.meetsSlo() ? meeting : failing).add(p);
    }
    Comparator<DeploymentPlan> order = Comparator.comparingInt(DeploymentPlan::count)
        .thenComparingDouble(p -> p.costPerMillionOutputTokens().map(Money::amount).orElse(Double.MAX_VALUE))
        .thenComparingDouble(p -> -p.estimate().map(e -> e.outputThroughput().tokensPerSecond()).orElse(0.0))
        .thenComparingDouble(p -> p.estimate().map(e -> e.ttft().seconds()).orElse(0.0))
        .thenComparing(DeploymentPlan::gpu);
    meeting.sort(order);
    failing.sort(Comparator.comparingInt((DeploymentPlan p) -> p.limitedBy().contains(Limit.MEMORY) ? 1 : 0)
        .thenComparing(order));
    List<DeploymentPlan> out = new ArrayList<>(meeting.subList(0, Math.min(meeting.size(), options.maxPlans())));
    if (options.includeFailures()) {
      out.addAll(failing);
    }
    return new Recommendation(out);
  }

  /**
   * Returns a lower bound of the model's weight bytes (every parameter at the narrowest storage the
   * deployment uses), computed once per recommendation from the cached parameter count.
   */
  static double weightFloor(ModelSpec model, Workload workload, PlannerOptions o, Accelerator any) {
    Deployment d = base(model, workload, o, any).build();
    double bytes = d.weightPrecision().bytes();
    if (d.quantization().isPresent()) {
      bytes = Math.min(bytes, d.quantization().get().weightPrecision().bytes());
    }
    return model.parameters().total() * Math.min(bytes, 2.0) * 0.98;
  }

  static Deployment.Builder base(ModelSpec model, Workload workload, PlannerOptions o, Accelerator a) {
    Deployment.Builder b = Deployment.builder().model(model).accelerator(a).engine(o.engine());
    o.weightPrecision().ifPresent(b::weightPrecision);
    o.kvCachePrecision().ifPresent(b::kvCachePrecision);
    o.quantization().ifPresent(q -> b.quantization(Optional.of(q)));
    int len = o.maxModelLen().orElse((int) Math.min(Integer.MAX_VALUE, MemoryEstimator.sequenceTokens(model, workload)));
    return b.maxModelLen(len);
  }

  /** The search over the layouts of one accelerator. */
  private static final class Search {
    final ModelSpec model;
    final Workload w;
    final ServiceLevel slo;
    final PlannerOptions o;
    final Accelerator a;
    final ServingMode mode;
    final double weightFloor;

    Search(ModelSpec model, Workload w, ServiceLevel slo, PlannerOptions o, Accelerator a, double weightFloor) {
      this.model = model;
      this.w = w;
      this.slo = slo;
      this.o = o;
      this.a = a;
      this.mode = w.requestRate().isPresent() ? ServingMode.OPEN_LOOP : ServingMode.CLOSED_LOOP;
      this.weightFloor = weightFloor;
    }

    DeploymentPlan run() {
      List<int[]> layouts = layouts();
      Candidate best = null;
      Candidate bestFailure = null;
      MemoryBreakdown smallestMemoryMiss = null;
      int smallestMissDevices = Integer.MAX_VALUE;
      for (int[] l : layouts) {
        int group = attentionReplicas(l);
        int perReplica = l[0] * l[1] * group;
        if (best != null && perReplica > best.count) {
          break;
        }
        if (weightFloor / perReplica > a.usableMemory().bytes()) {
          // cannot fit: even perfectly sharded weights exceed the device (skips the memory estimate)
          if (perReplica < smallestMissDevices) {
            smallestMissDevices = perReplica;
            smallestMemoryMiss = null;
          }
          continue;
        }
        Deployment replica;
        try {
          replica = base(model, w, o, a).parallelism(Parallelism.of(l[0], l[1], l[2], group)).build();
        } catch (IllegalArgumentException e) {
          continue;
        }
        MemoryBreakdown mem = MemoryEstimator.estimate(replica, Optional.empty(), Method.ROOFLINE);
        if (!mem.fits()) {
          if (perReplica < smallestMissDevices) {
            smallestMissDevices = perReplica;
            smallestMemoryMiss = mem;
          }
          continue;
        }
        int maxDp = o.maxGpus() / perReplica;
        if (best != null) {
          // only a plan of at most best.count devices can replace the best (fewest devices first)
          maxDp = Math.min(maxDp, best.count / perReplica);
        }
        Candidate top = evaluate(replica, mem, maxDp * group);
        if (!top.meets()) {
          if (bestFailure == null || top.limits.size() < bestFailure.limits.size()
              || (top.limits.size() == bestFailure.limits.size() && top.count < bestFailure.count)) {
            bestFailure = top;
          }
          continue;
        }
        int lo = 1;
        int hi = maxDp;
        Candidate found = top;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          Candidate c = evaluate(replica, mem, mid * group);
          if (c.meets()) {
            hi = mid;
            found = c;
          } else {
            lo = mid + 1;
          }
        }
        if (found.dp != lo * group) {
          found = evaluate(replica, mem, lo * group);
        }
        if (best == null || better(found, best)) {
          best = found;
        }
      }
      if (best != null) {
        return plan(best, true);
      }
      if (bestFailure != null) {
        return plan(bestFailure, false);
      }
      if (smallestMemoryMiss == null && !layouts.isEmpty()) {
        int[] l = layouts.get(layouts.size() - 1);
        try {
          smallestMemoryMiss = MemoryEstimator.estimate(base(model, w, o, a)
              .parallelism(Parallelism.of(l[0], l[1], l[2], attentionReplicas(l))).build(), Optional.empty(), Method.ROOFLINE);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
      if (smallestMemoryMiss != null) {
        Deployment d = smallestMemoryMiss.deployment();
        MemoryBreakdown miss = smallestMemoryMiss;
        return new DeploymentPlan(d, Method.ROOFLINE, d.parallelism().devices(), Optional.empty(),
            miss.total(), false, List.of(Limit.MEMORY), Optional.empty(),
            () -> Derivation.builder().add("memory", "smallest layout within " + o.maxGpus() + " devices: " + d.parallelism(),
                String.join("; ", miss.problems())).addAll(miss.derivation()).build());
      }
      return null;
    }

    boolean better(Candidate c, Candidate best) {
      if (c.count != best.count) {
        return c.count < best.count;
      }
      double cc = c.costPerMillion();
      double bc = best.costPerMillion();
      if (cc != bc) {
        return cc < bc;
      }
      double ct = c.est.outputThroughput().tokensPerSecond();
      double bt = best.est.outputThroughput().tokensPerSecond();
      if (Math.abs(ct - bt) > 1e-9 * Math.max(ct, bt)) {
        return ct > bt;
      }
      return c.est.ttft().seconds() < best.est.ttft().seconds();
    }

    Candidate evaluate(Deployment replica, MemoryBreakdown mem, int dp) {
      Parallelism p = replica.parallelism();
      Deployment d = Deployment.builder().from(replica).parallelism(Parallelism.of(p.tp(), p.pp(), p.ep(), dp)).build();
      LatencyEstimate e = PerformanceEstimator.estimate(d, w, mode, o.performance(), mem);
      Set<Limit> limits = EnumSet.noneOf(Limit.class);
      if (slo.ttft().isPresent() && e.ttft().isLongerThan(slo.ttft().get())) {
        limits.add(Limit.TTFT);
      }
      if (slo.tpot().isPresent() && e.tpot().isLongerThan(slo.tpot().get())) {
        limits.add(Limit.TPOT);
      }
      if (e.saturated() || (slo.throughput().isPresent()
          && e.outputThroughput().tokensPerSecond() < slo.throughput().get().tokensPerSecond())) {
        limits.add(Limit.THROUGHPUT);
      }
      return new Candidate(d, mem, e, dp, d.parallelism().devices(), limits);
    }

    DeploymentPlan plan(Candidate c, boolean meets) {
      Optional<Money> cost = c.cost();
      return new DeploymentPlan(c.deployment, Method.ROOFLINE, c.count, Optional.of(c.est), c.mem.total(), meets,
          new ArrayList<>(c.limits), cost, () -> {
            Derivation.Builder why = Derivation.builder()
                .add("layout", "fewest devices meeting the targets, then cost", c.deployment.parallelism() + " = " + c.count
                    + " × " + a.id())
                .add("targets", "TTFT " + slo.ttft().map(Object::toString).orElse("-") + ", TPOT "
                    + slo.tpot().map(Object::toString).orElse("-") + ", throughput "
                    + slo.throughput().map(Object::toString).orElse("-"), meets ? "met" : "limited by " + c.limits);
            cost.ifPresent(m -> why.add("cost per 1M output tokens", "hourly " + c.deployment.accelerator().hourlyPrice().get()
                + " × " + c.count + " / (output tok/s × 3600) × 1e6", m));
            return why.addAll(c.mem.derivation()).addAll(c.est.derivation()).build();
          });
    }

    List<int[]> layouts() {
      return Planner.layouts(model, a, o);
    }
  }

  /** Returns the attention (data-parallel) replicas of one unit of layout {@code {tp, pp, ep}}: EP / TP, at least 1. */
  static int attentionReplicas(int[] layout) {
    return Math.max(1, layout[2] / layout[0]);
  }

  /**
   * Returns the layouts the planner tries on {@code a}, as {@code {tp, pp, ep}}: TP dividing the
   * heads within one node, PP in powers of two; for MoE models also EP = TP and wide EP = TP·G
   * (G = 2, 4, … attention replicas, EP dividing the experts, PP 1). Ordered by devices per unit
   * (TP·PP·G), then TP descending, then EP ascending. At most {@code maxGpus} devices per unit.
   */
  static List<int[]> layouts(ModelSpec model, Accelerator a, PlannerOptions o) {
    int perNode = a.interconnect().map(i -> i.devicesPerNode()).orElse(8);
    int experts = model.moe().map(m -> m.numExperts()).orElse(0);
    List<int[]> out = new ArrayList<>();
    for (int tp = 1; tp <= Math.min(perNode, o.maxGpus()); tp++) {
      if (model.numHeads() % tp != 0) {
        continue;
      }
      for (int pp = 1; tp * pp <= o.maxGpus() && pp <= model.numLayers(); pp *= 2) {
        if (pp > 1 && !o.allowPipeline()) {
          break;
        }
        out.add(new int[] {tp, pp, 1});
        if (experts > 0 && tp > 1 && experts % tp == 0) {
          out.add(new int[] {tp, pp, tp});
        }
      }
      for (int g = 2; experts > 0 && (long) tp * g <= o.maxGpus() && tp * g <= experts; g *= 2) {
        if (experts % (tp * g) == 0) {
          out.add(new int[] {tp, 1, tp * g});
        }
      }
    }
    out.sort(Comparator.comparingInt((int[] l) -> l[0] * l[1] * attentionReplicas(l)).thenComparingInt(l -> -l[0])
        .thenComparingInt(l -> l[2]));
    return out;
  }

  private static final class Candidate {
    final Deployment deployment;
    final MemoryBreakdown mem;
    final LatencyEstimate est;
    final int dp;
    final int count;
    final Set<Limit> limits;

    Candidate(Deployment deployment, MemoryBreakdown mem, LatencyEstimate est, int dp, int count, Set<Limit> limits) {
      this.deployment = deployment;
      this.mem = mem;
      this.est = est;
      this.dp = dp;
      this.count = count;
      this.limits = limits;
    }

    boolean meets() {
      return limits.isEmpty();
    }

    Optional<Money> cost() {
      double rate = est.outputThroughput().tokensPerSecond();
      return deployment.accelerator().hourlyPrice().filter(p -> rate > 0)
          .map(p -> p.times(count / (rate * 3600) * 1e6));
    }

    double costPerMillion() {
      return cost().map(Money::amount).orElse(Double.MAX_VALUE);
    }
  }

  /** The seed's rule N = max(N_mem, N_comp) on one accelerator. */
  static DeploymentPlan reference(ModelSpec model, Workload w, ServiceLevel slo, PlannerOptions o, Accelerator a) {
    Deployment single = base(model, w, o, a).parallelism(Parallelism.single()).build();
    MemoryBreakdown mem = MemoryEstimator.estimate(single, Optional.of(w), Method.REFERENCE);
    Precision weights = single.weightPrecision();
    double weightBytes = single.quantization().map(q -> q.bitsPerWeight(model.hiddenSize()) / 8.0).orElse(weights.bytes());
    ReferenceCompute rc = ReferenceCompute.of(model, w, slo, weightBytes);
    Precision column = single.quantization().map(q -> q.weightPrecision()).orElse(weights);
    Optional<Integer> comp = rc.cards(a, column, o.referenceUtilization());
    if (comp.isEmpty()) {
      return null;
    }
    double total = mem.total().bytes();
    int nMem = (int) Math.max(1, Math.ceil(total / a.memory().bytes() - 1e-12));
    int nComp = comp.get();
    int n = Math.max(nMem, nComp);
    int perNode = a.interconnect().map(i -> i.devicesPerNode()).orElse(8);
    int tp = 1;
    for (int t = 1; t <= Math.min(n, perNode); t *= 2) {
      if (model.numHeads() % t == 0) {
        tp = t;
      }
    }
    int pp = Math.min(model.numLayers(), (n + tp - 1) / tp);
    Deployment d = Deployment.builder().from(single).parallelism(Parallelism.of(tp, pp, 1, 1)).build();
    boolean fits = n <= o.maxGpus();
    List<Limit> limits = new ArrayList<>();
    limits.add(nComp > nMem ? Limit.COMPUTE : Limit.MEMORY);
    Derivation why = Derivation.builder()
        .add("N_mem", "ceil(M_total " + mem.total() + " / M_gpu " + a.memory() + ")", nMem)
        .add("N_comp", "ceil(C " + String.format(java.util.Locale.ROOT, "%.6g", rc.demandTflops()) + " TFLOPS / (C_gpu "
            + a.peak(column).get() + " × U " + o.referenceUtilization() + "))", nComp)
        .add("N", "max(N_mem, N_comp); layout TP " + tp + " × PP " + pp + " (the seed names no layout)", n)
        .addAll(rc.derivation()).addAll(mem.derivation()).build();
    return new DeploymentPlan(d, Method.REFERENCE, tp * pp, Optional.empty(),
        ByteSize.ofBytes(total / (tp * pp)), fits, fits ? limits : List.of(Limit.MEMORY), Optional.empty(), () -> why);
  }
}
