package dev.aicompass.bench.jmh;

import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.parallel.Parallelism;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One {@link MemoryEstimator#estimate(Deployment)} of Llama-3.1-70B on H100-SXM under TP4. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryEstimateBenchmark {
  Deployment deployment;

  @Setup
  public void setup() {
    Catalog catalog = Catalog.builtIn();
    deployment = Deployment.builder()
        .model(catalog.requireModel("llama-3.1-70b").spec())
        .accelerator(catalog.requireAccelerator("h100-sxm").accelerator())
        .parallelism(Parallelism.tensor(4))
        .build();
  }

  @Benchmark
  public MemoryBreakdown estimate() {
    return MemoryEstimator.estimate(deployment);
  }
}
