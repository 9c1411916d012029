package dev.aicompass.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.aicompass.Method;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Generators;
import dev.aicompass.units.ByteSize;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Properties of {@link MemoryEstimator} over random valid deployments ({@link Generators#cases()}). */
class MemoryEstimatorProperties {

  private static long kvRequired(Deployment d, Workload w) {
    return MemoryEstimator.estimate(d, w).kvCacheRequired().orElseThrow().bytes();
  }

  /** The largest per-device weight bytes over the pipeline stages. */
  private static double maxStageWeights(Deployment d) {
    double max = 0;
    for (int s = 0; s < d.parallelism().pp(); s++) {
      max = Math.max(max, Sharding.stageWeightBytes(d, s).values().stream().mapToDouble(Double::doubleValue).sum());
    }
    return max;
  }

  private static Deployment with(Deployment d, Parallelism p) {
    return Deployment.builder().from(d).parallelism(p).build();
  }

  @Test
  void componentsSumToTheTotal() {
    qt().forAll(Generators.cases()).checkAssert(c -> {
      for (Method method : Method.values()) {
        MemoryBreakdown b = MemoryEstimator.estimate(c.deployment, Optional.of(c.workload), method);
        long parts = b.weights().bytes() + b.activation().bytes() + b.nonTorch().bytes() + b.cudaGraph().bytes()
            + b.kvCachePool().bytes();
        // Each term is rounded up to a whole byte on its own.
        assertEquals((double) b.total().bytes(), (double) parts, 5, () -> method + " " + b);
      }
      MemoryBreakdown b = MemoryEstimator.estimate(c.deployment, c.workload);
      long components = b.weightsByComponent().values().stream().mapToLong(ByteSize::bytes).sum();
      double rotary = Sharding.rotaryCacheBytes(c.deployment);
      assertEquals(rotary, b.weights().bytes() - components, 1 + b.weightsByComponent().size());
    });
  }

  @Test
  void noFigureIsNegativeNanOrInfinite() {
    qt().forAll(Generators.cases()).checkAssert(c -> {
      for (Method method : Method.values()) {
        MemoryBreakdown b = MemoryEstimator.estimate(c.deployment, Optional.of(c.workload), method);
        assertTrue(b.kvCacheTokens() >= 0);
        assertTrue(Double.isFinite(b.maxConcurrency()) && b.maxConcurrency() >= 0);
        for (ByteSize s : List.of(b.weights(), b.activation(), b.nonTorch(), b.cudaGraph(), b.kvCachePool(),
            b.kvBytesPerToken(), b.total(), b.kvCacheRequired().orElseThrow())) {
          assertTrue(s.bytes() >= 0);
        }
        assertTrue(b.weights().bytes() > 0, () -> method + " weights");
        assertTrue(b.fits() == b.problems().isEmpty());
      }
    });
  }

  @Test
  void kvCacheRequiredIsLinearInConcurrency() {
    qt().forAll(Generators.cases(), integers().between(2, 16)).checkAssert((c, k) -> {
      Workload w = c.workload;
      long one = kvRequired(c.deployment, w);
      long many = kvRequired(c.deployment, Workload.of(w.inputTokens(), w.outputTokens(), w.concurrency() * k));
      assertEquals(one * (double) k, many, k + 1.0);
    });
  }

  @Test
  void kvCacheRequiredIsLinearInSequenceLengthUpToTheWindow() {
    qt().forAll(Generators.cases(), integers().between(2, 8)).checkAssert((c, k) -> {
      ModelSpec m = c.deployment.model();
      Workload w = c.workload;
      long tokens = (long) w.inputTokens() + w.outputTokens();
      int window = m.slidingWindow().orElse(Integer.MAX_VALUE);
      if (m.slidingWindowLayers() > 0 && tokens * k > window) {
        return; // sliding layers stop growing at the window; checked by KvCacheTest
      }
      long one = kvRequired(c.deployment, w);
      long longer = kvRequired(c.deployment, Workload.of(w.inputTokens() * k, w.outputTokens() * k, w.concurrency()));
      assertEquals(one * (double) k, longer, k + 1.0);
    });
  }

  @Test
  void moreTensorParallelismNeverAddsWeightsPerDevice() {
    qt().forAll(Generators.cases()).checkAssert(c -> {
      Deployment d = c.deployment;
      Parallelism p = d.parallelism();
      for (int k = 2; p.tp() * k <= 16; k++) {
        if (d.model().numHeads() % (p.tp() * k) == 0) {
          Deployment more = with(d, Parallelism.of(p.tp() * k, p.pp(), p.ep(), p.dp()));
          for (int s = 0; s < p.pp(); s++) {
            int stage = s;
            double before = Sharding.stageWeightBytes(d, s).values().stream().mapToDouble(Double::doubleValue).sum();
            double after = Sharding.stageWeightBytes(more, s).values().stream().mapToDouble(Double::doubleValue).sum();
            assertTrue(after <= before, () -> "stage " + stage + ": " + p + " -> " + more.parallelism() + ": " + before + " -> " + after);
          }
        }
      }
    });
  }

  @Test
  void morePipelineParallelismNeverAddsWeightsPerDevice() {
    qt().forAll(Generators.cases()).checkAssert(c -> {
      Deployment d = c.deployment;
      Parallelism p = d.parallelism();
      if (p.pp() < d.model().numLayers()) {
        Deployment more = with(d, Parallelism.of(p.tp(), p.pp() + 1, p.ep(), p.dp()));
        assertTrue(maxStageWeights(more) <= maxStageWeights(d), () -> p + " -> " + more.parallelism());
      }
    });
  }

  @Test
  void moreExpertParallelismNeverAddsWeightsPerDevice() {
    qt().forAll(Generators.moeCases()).checkAssert(c -> {
      Deployment d = c.deployment;
      Parallelism p = d.parallelism();
      int experts = d.model().moe().orElseThrow().numExperts();
      List<Integer> valid = new ArrayList<>();
      for (int e : Generators.divisors(experts)) {
        if ((p.tp() * p.dp()) % e == 0) {
          valid.add(e);
        }
      }
      for (int lower : valid) {
        for (int higher : valid) {
          if (higher > lower && higher % lower == 0) {
            Deployment a = with(d, Parallelism.of(p.tp(), p.pp(), lower, p.dp()));
            Deployment b = with(d, Parallelism.of(p.tp(), p.pp(), higher, p.dp()));
            assertTrue(maxStageWeights(b) <= maxStageWeights(a), () -> a.parallelism() + " -> " + b.parallelism());
          }
        }
      }
    });
  }

  @Test
  void kvCacheTokensNeverDecreaseWithMoreMemoryUtilization() {
    qt().forAll(Generators.cases(), doubles().between(0.05, 1.0), doubles().between(0.05, 1.0)).checkAssert((c, u1, u2) -> {
      Deployment d = c.deployment;
      Deployment low = Deployment.builder().from(d)
          .engine(EngineProfile.builder().from(d.engine()).memoryUtilization(Math.min(u1, u2)).build()).build();
      Deployment high = Deployment.builder().from(d)
          .engine(EngineProfile.builder().from(d.engine()).memoryUtilization(Math.max(u1, u2)).build()).build();
      assertTrue(MemoryEstimator.estimate(low).kvCacheTokens() <= MemoryEstimator.estimate(high).kvCacheTokens());
    });
  }
}
