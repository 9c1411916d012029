package dev.aicompass.bench.jmh;

import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.simulate.ServingSimulator;
import dev.aicompass.simulate.SimulationOptions;
import dev.aicompass.simulate.SimulationResult;
import dev.aicompass.workload.Workload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One {@link ServingSimulator} run of 1000 requests of 512 prompt and 512 output tokens on
 * Llama-3.1-8B, one H100-SXM: with 64 clients (about 8 000 engine steps) and with one (512 000
 * steps, each timed by the cost model).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimulateBenchmark {
  @Param({"64", "1"})
  public int concurrency;

  Deployment deployment;
  Workload workload;

  @Setup
  public void setup() {
    Catalog catalog = Catalog.builtIn();
    deployment = Deployment.builder()
        .model(catalog.requireModel("llama-3.1-8b").spec())
        .accelerator(catalog.requireAccelerator("h100-sxm").accelerator())
        .build();
    workload = Workload.of(512, 512, concurrency);
  }

  @Benchmark
  public SimulationResult thousandRequests() {
    return ServingSimulator.simulate(deployment, workload, SimulationOptions.of(1000, 0));
  }
}
