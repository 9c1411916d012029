package dev.aicompass.cli;

import dev.aicompass.charts.Charts;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.plan.DeploymentPlan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes the charts of {@code --chart DIR}: each as NAME.png and NAME.svg. */
final class ChartFiles {
  private ChartFiles() {}

  static List<Path> write(Path dir, String name, Chart<?, ?> chart) {
    try {
      return Charts.saveAll(chart, dir, name);
    } catch (IOException e) {
      throw new UncheckedIOException("--chart " + dir + ": cannot write " + name + " charts: " + e.getMessage(), e);
    }
  }

  static List<Path> forMemory(MemoryBreakdown m, Path dir) {
    return write(dir, "memory", Charts.memoryBreakdown(m));
  }

  static List<Path> forPerf(LatencyEstimate e, Workload w, Path dir) {
    int c = w.requestRate().isPresent() ? (int) Math.ceil(e.decodeBatch() * e.deployment().parallelism().dp()) : w.concurrency();
    List<Path> out = new ArrayList<>(write(dir, "latency",
        Charts.latencyVsConcurrency(e.deployment(), w, ServiceLevel.none(), sweep(c))));
    out.addAll(forRoofline(e, dir));
    return out;
  }

  static List<Path> forRoofline(LatencyEstimate e, Path dir) {
    return write(dir, "roofline", Charts.roofline(e.prefillCost(), e.decodeCost(), e.deployment().accelerator()));
  }

  static List<Path> forRecommend(List<DeploymentPlan> plans, Path dir) {
    if (plans.isEmpty()) {
      return List.of();
    }
    return write(dir, "recommendation", Charts.recommendation(plans));
  }

  static List<Path> forPlan(PlanResult r, Path dir) {
    List<Path> out = new ArrayList<>();
    r.memory.ifPresent(m -> out.addAll(forMemory(m, dir)));
    out.addAll(forRecommend(r.chartPlans(), dir));
    r.estimate().ifPresent(e -> {
      Deployment d = e.deployment();
      out.addAll(write(dir, "latency", Charts.latencyVsConcurrency(d, r.workload, r.slo, r.sweep())));
      out.addAll(forRoofline(e, dir));
    });
    return out;
  }

  /** Powers of two up to four times {@code c} (at least 64, at most 1024), and {@code c}. */
  static int[] sweep(int c) {
    TreeSet<Integer> s = new TreeSet<>();
    int top = Math.min(1024, Math.max(64, 4 * c));
    for (int k = 1; k <= top; k *= 2) {
      s.add(k);
    }
    s.add(Math.max(1, Math.min(c, 4096)));
    return s.stream().mapToInt(Integer::intValue).toArray();
  }
}
