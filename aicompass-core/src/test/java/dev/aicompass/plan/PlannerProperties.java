package dev.aicompass.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.aicompass.hardware.Accelerator;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.testing.PerfFixtures;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerProperties {
  private static final List<Accelerator> GPUS = List.of(Fixtures.h100(), PerfFixtures.l40s(), PerfFixtures.a100Sxm80());

  @Test
  void aRecommendedPlanMeetsItsOwnTargetsWhenReEstimated() {
    qt().withExamples(30).forAll(arrays().ofIntegers(integers().between(0, Integer.MAX_VALUE - 1)).withLength(6))
        .checkAssert(r -> {
          int gpu = r[0] % 3;
          int in = 64 + r[1] % 4000;
          int out = 16 + r[2] % 1000;
          int c = 1 + r[3] % 128;
          int ttftMs = 100 + r[4] % 2900;
          int tpotMs = 10 + r[5] % 90;
          Workload w = Workload.of(in, out, c);
          ServiceLevel slo = ServiceLevel.of(TimeSpan.ofMillis(ttftMs), TimeSpan.ofMillis(tpotMs));
          Recommendation rec = Planner.recommend(PerfFixtures.llama31_70b(), w, slo,
              PlannerOptions.builder().accelerators(List.of(GPUS.get(gpu))).maxGpus(32).build());
          rec.best().ifPresent(p -> {
            LatencyEstimate e = PerformanceEstimator.estimate(p.deployment(), w);
            assertTrue(!e.ttft().isLongerThan(slo.ttft().get()), p + " re-estimated " + e);
            assertTrue(!e.tpot().isLongerThan(slo.tpot().get()), p + " re-estimated " + e);
            assertTrue(!e.saturated(), p + " re-estimated " + e);
          });
        });
  }
}
