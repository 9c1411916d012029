package dev.aicompass.bench.jmh;

import dev.aicompass.catalog.AcceleratorEntry;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.plan.Planner;
import dev.aicompass.plan.PlannerOptions;
import dev.aicompass.plan.Recommendation;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full-catalog {@link Planner#recommend}: every catalog accelerator with a published peak,
 * 64 requests of 2048 prompt and 512 output tokens, TTFT 500 ms and TPOT 50 ms (the CLI's
 * {@code recommend} example).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RecommendBenchmark {
  @Param({"llama-3.1-70b", "deepseek-v3"})
  String modelId;

  ModelSpec model;
  Workload workload;
  ServiceLevel slo;
  PlannerOptions options;

  @Setup
  public void setup() {
    Catalog catalog = Catalog.builtIn();
    model = catalog.requireModel(modelId).spec();
    workload = Workload.of(2048, 512, 64);
    slo = ServiceLevel.of(TimeSpan.ofMillis(500), TimeSpan.ofMillis(50));
    List<Accelerator> accelerators = catalog.accelerators().stream()
        .map(AcceleratorEntry::accelerator)
        .filter(a -> !a.peaks().isEmpty())
        .collect(Collectors.toList());
    options = PlannerOptions.builder().accelerators(accelerators).build();
  }

  @Benchmark
  public Recommendation recommend() {
    return Planner.recommend(model, workload, slo, options);
  }
}
