package dev.aicompass;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.perf.PerformanceOptions;
import dev.aicompass.plan.Planner;
import dev.aicompass.plan.PlannerOptions;
import dev.aicompass.plan.Recommendation;
import dev.aicompass.simulate.ServingSimulator;
import dev.aicompass.simulate.SimulationOptions;
import dev.aicompass.simulate.SimulationResult;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.Objects;
import java.util.Optional;

/**
 * The fluent entry point:
 *
 * <pre>{@code
 * MemoryBreakdown m = AICompass.model("llama-3.1-70b").on("h100-sxm")
 *     .tensorParallel(2).engine(EngineProfile.vllm()).memory();
 * System.out.println(m.derivation());
 * }</pre>
 *
 * Ids resolve through {@link Presets} (the catalog module on the class path); every value can also
 * be built by hand and passed in.
 */
public final class AICompass {
  private AICompass() {}

  /**
   * Starts from the model preset {@code id}.
   *
   * @throws IllegalArgumentException for an unknown id, naming the closest ones
   */
  public static ModelQuery model(String id) {
    return new ModelQuery(Presets.model(id));
  }

  /** Starts from a model built by hand or imported from a {@code config.json}. */
  public static ModelQuery model(ModelSpec model) {
    return new ModelQuery(Objects.requireNonNull(model, "model"));
  }

  /** A model awaiting an accelerator. */
  public static final class ModelQuery {
    private final ModelSpec model;

    ModelQuery(ModelSpec model) {
      this.model = model;
    }

    public ModelSpec spec() {
      return model;
    }

    /**
     * Places the model on the accelerator preset {@code id}.
     *
     * @throws IllegalArgumentException for an unknown id, naming the closest ones
     */
    public DeploymentQuery on(String acceleratorId) {
      return new DeploymentQuery(Deployment.builder().model(model).accelerator(Presets.accelerator(acceleratorId)));
    }

    /** Places the model on {@code accelerator} (custom accelerators are first-class). */
    public DeploymentQuery on(Accelerator accelerator) {
      return new DeploymentQuery(Deployment.builder().model(model).accelerator(accelerator));
    }

    /**
     * Recommends deployments over every registered accelerator that serve {@code workload} within
     * {@code slo}, with default {@link PlannerOptions}.
     *
     * @throws IllegalArgumentException if no accelerator catalog is registered
     */
    public Recommendation recommend(Workload workload, ServiceLevel slo) {
      return Planner.recommend(model, workload, slo, PlannerOptions.defaults());
    }

    /** Recommends deployments that serve {@code workload} within {@code slo}, with {@code options}. */
    public Recommendation recommend(Workload workload, ServiceLevel slo, PlannerOptions options) {
      return Planner.recommend(model, workload, slo, options);
    }
  }

  /** A deployment being described; each call returns this query, terminal calls estimate. */
  public static final class DeploymentQuery {
    private final Deployment.Builder builder;
    private int tp = 1;
    private int pp = 1;
    private int ep = 1;
    private int dp = 1;
    private Method method = Method.ROOFLINE;

    DeploymentQuery(Deployment.Builder builder) {
      this.builder = builder;
    }

    /** Sets tensor parallelism (default 1). */
    public DeploymentQuery tensorParallel(int tp) {
      this.tp = tp;
      return this;
    }

    /** Sets pipeline parallelism (default 1). */
    public DeploymentQuery pipelineParallel(int pp) {
      this.pp = pp;
      return this;
    }

    /** Sets expert parallelism (default 1). */
    public DeploymentQuery expertParallel(int ep) {
      this.ep = ep;
      return this;
    }

    /** Sets data-parallel replicas (default 1). */
    public DeploymentQuery dataParallel(int dp) {
      this.dp = dp;
      return this;
    }

    /** Sets the serving engine (default {@link EngineProfile#vllm()}). */
    public DeploymentQuery engine(EngineProfile engine) {
      builder.engine(engine);
      return this;
    }

    /** Sets the dtype of unquantized weights (default: the checkpoint's). */
    public DeploymentQuery weights(Precision precision) {
      builder.weightPrecision(precision);
      return this;
    }

    /** Sets the weight quantization scheme (default: the checkpoint's own, if any). */
    public DeploymentQuery quantization(QuantizationScheme scheme) {
      builder.quantization(Optional.of(scheme));
      return this;
    }

    /** Sets the weight quantization scheme by id, e.g. {@code "awq-int4"}. */
    public DeploymentQuery quantization(String schemeId) {
      return quantization(Presets.quantization(schemeId));
    }

    /** Sets the KV-cache dtype (default: the activation dtype). */
    public DeploymentQuery kvCache(Precision precision) {
      builder.kvCachePrecision(precision);
      return this;
    }

    /** Sets the longest request in tokens (default 8192). */
    public DeploymentQuery maxModelLen(int tokens) {
      builder.maxModelLen(tokens);
      return this;
    }

    /** Selects the estimation method (default {@link Method#ROOFLINE}). */
    public DeploymentQuery method(Method method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * Returns the described deployment.
     *
     * @throws IllegalArgumentException when the layout does not suit the model (e.g. TP not dividing the heads)
     */
    public Deployment deployment() {
      return builder.parallelism(Parallelism.of(tp, pp, ep, dp)).build();
    }

    /** Estimates memory per device without a workload. */
    public MemoryBreakdown memory() {
      return MemoryEstimator.estimate(deployment(), Optional.empty(), method);
    }

    /** Estimates memory per device serving {@code workload}. */
    public MemoryBreakdown memory(Workload workload) {
      return MemoryEstimator.estimate(deployment(), Optional.of(workload), method);
    }

    public Method method() {
      return method;
    }

    /**
     * Estimates TTFT, TPOT and throughput under {@code workload}: open loop when it has a request
     * rate, else closed loop at its concurrency.
     */
    public LatencyEstimate performance(Workload workload) {
      return PerformanceEstimator.estimate(deployment(), workload);
    }

    /** Estimates under {@code workload} with {@code options} (speculative decoding, disaggregation, efficiency). */
    public LatencyEstimate performance(Workload workload, PerformanceOptions options) {
      return PerformanceEstimator.estimate(deployment(), workload, options);
    }

    /** Estimates the saturation throughput for requests shaped like {@code workload} (all queued at once). */
    public LatencyEstimate maxThroughput(Workload workload) {
      return PerformanceEstimator.maxThroughput(deployment(), workload);
    }

    /**
     * Simulates 100 requests shaped like {@code workload} step by step (closed loop at its
     * concurrency, or open loop at its request rate; seed 0).
     *
     * @throws IllegalArgumentException if a request does not fit {@code maxModelLen} or the KV cache
     */
    public SimulationResult simulate(Workload workload) {
      return ServingSimulator.simulate(deployment(), workload);
    }

    /** Simulates {@code workload} with {@code options} (number of requests, seed, start, cost options). */
    public SimulationResult simulate(Workload workload, SimulationOptions options) {
      return ServingSimulator.simulate(deployment(), workload, options);
    }
  }
}
