package dev.aicompass.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.Method;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.testing.PerfFixtures;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.units.TokenRate;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapacityCheckTest {
  private static Deployment llama8b(int tp, int len) {
    return Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.tensor(tp)).maxModelLen(len).build();
  }

  private static final ServiceLevel SLO = ServiceLevel.of(TimeSpan.ofMillis(500), TimeSpan.ofMillis(50));

  @Test
  void passesAndReportsTheSameFiguresAsTheEstimators() {
    Deployment d = llama8b(1, 8192);
    Workload w = Workload.of(1024, 256, 16);
    CheckResult r = CapacityCheck.check(d, w, SLO);
    assertTrue(r.passes(), r.report());
    assertEquals(MemoryEstimator.estimate(d, Optional.empty(), Method.ROOFLINE).kvCacheTokens(), r.kvCacheTokens());
    assertEquals(PerformanceEstimator.estimate(d, w).ttft(), r.estimate().get().ttft());
    assertEquals(PerformanceEstimator.estimate(d, w).tpot(), r.estimate().get().tpot());
    assertEquals(Optional.empty(), r.limitedBy());
    assertEquals("PASS", r.summary());
    System.out.println(r.report());
  }

  @Test
  void aModelThatDoesNotFitFailsOnMemoryWithoutALatencyEstimate() {
    Deployment d = Deployment.builder().model(PerfFixtures.llama31_70b()).accelerator(Fixtures.h100()).build();
    CheckResult r = CapacityCheck.check(d, Workload.of(1024, 256, 1), SLO);
    assertEquals(List.of(Shortfall.MEMORY), r.shortfalls());
    assertTrue(r.estimate().isEmpty());
    assertEquals(Optional.of("device memory"), r.limitedBy());
    assertTrue(r.report().contains("not estimated: the deployment does not fit"), r.report());
  }

  @Test
  void requestsLongerThanMaxModelLenFailOnContextLength() {
    CheckResult r = CapacityCheck.check(llama8b(1, 2048), Workload.of(2048, 512, 1), SLO);
    assertEquals(List.of(Shortfall.CONTEXT_LENGTH), r.shortfalls());
    assertEquals("a request of 2560 tokens (prompt + output) exceeds max-model-len 2048", r.reasons().get(0));
  }

  @Test
  void latencyTargetsAreJudgedAtTheEstimateOrAtTheBandEdge() {
    Deployment d = llama8b(1, 8192);
    Workload w = Workload.of(1024, 256, 16);
    double tpot = CapacityCheck.check(d, w, ServiceLevel.none()).estimate().get().tpot().toMillis();
    ServiceLevel justAbove = ServiceLevel.builder().tpot(TimeSpan.ofMillis(tpot * 1.05)).build();
    assertTrue(CapacityCheck.check(d, w, justAbove).passes());
    CheckResult strict = CapacityCheck.check(d, w, justAbove, CheckOptions.builder().pessimistic(true).build());
    assertEquals(List.of(Shortfall.TPOT), strict.shortfalls());
    assertTrue(strict.reasons().get(0).contains("at the band's edge"), strict.reasons().toString());
    assertEquals(Optional.of("decode memory bandwidth"), strict.limitedBy());
  }

  @Test
  void throughputBelowTargetAndSaturatedOpenLoopFailOnThroughput() {
    Deployment d = llama8b(1, 8192);
    CheckResult low = CapacityCheck.check(d, Workload.of(1024, 256, 1),
        ServiceLevel.builder().throughput(TokenRate.ofTokensPerSecond(1e6)).build());
    assertEquals(List.of(Shortfall.THROUGHPUT), low.shortfalls());
    CheckResult flood = CapacityCheck.check(d, Workload.builder().inputTokens(2048).outputTokens(256).requestRate(1000).build(),
        ServiceLevel.none());
    assertEquals(List.of(Shortfall.THROUGHPUT), flood.shortfalls());
    assertTrue(flood.reasons().get(0).startsWith("1000 requests/s arrive but the deployment serves at most"), flood.reasons().get(0));
  }

  @Test
  void reportColumnsAreAligned() {
    String report = CapacityCheck.check(llama8b(2, 8192), Workload.of(1024, 256, 16), SLO).report();
    List<String> rows = report.lines().filter(l -> l.startsWith("  ") && !l.startsWith("  - ") && !l.startsWith("  limited"))
        .collect(java.util.stream.Collectors.toList());
    int col = rows.get(1).indexOf(rows.get(1).trim().substring(20).trim());
    assertTrue(rows.size() >= 6, report);
    for (String row : rows.subList(1, rows.size())) {
      assertFalse(row.substring(2, 22).isBlank() && !row.startsWith("  TTFT"), row);
      assertEquals(' ', row.charAt(22), "column 1 ends at 22: '" + row + "'");
    }
    assertTrue(col > 0);
  }
}
