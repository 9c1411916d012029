package dev.aicompass.bench.jmh;

import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.workload.Workload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One closed-loop {@link PerformanceEstimator#estimate(Deployment, Workload)}: Llama-3.1-70B on
 * H100-SXM under TP4, 32 requests of 2048 prompt and 512 output tokens in flight.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PerformanceEstimateBenchmark {
  Deployment deployment;
  Workload workload;

  @Setup
  public void setup() {
    Catalog catalog = Catalog.builtIn();
    deployment = Deployment.builder()
        .model(catalog.requireModel("llama-3.1-70b").spec())
        .accelerator(catalog.requireAccelerator("h100-sxm").accelerator())
        .parallelism(Parallelism.tensor(4))
        .build();
    workload = Workload.of(2048, 512, 32);
  }

  @Benchmark
  public LatencyEstimate estimate() {
    return PerformanceEstimator.estimate(deployment, workload);
  }
}
