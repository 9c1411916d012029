package dev.aicompass.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.check.CapacityCheck;
import dev.aicompass.check.CheckResult;
import dev.aicompass.check.Shortfall;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.Precision;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.testing.PerfFixtures;
import dev.aicompass.units.Money;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdvisorTest {
  static final List<Accelerator> GPUS = List.of(Fixtures.h100(), PerfFixtures.h200(), PerfFixtures.a100Sxm80(),
      PerfFixtures.l40s());
  static final AdviceOptions OPTIONS = AdviceOptions.builder().accelerators(GPUS).build();
  static final ServiceLevel SLO = ServiceLevel.of(TimeSpan.ofMillis(500), TimeSpan.ofMillis(50));

  private static String show(List<Suggestion> s) {
    return s.stream().map(Suggestion::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void aModelTooLargeForItsDevicesGetsLayoutAndQuantizationFixes() {
    Deployment d = Deployment.builder().model(PerfFixtures.llama31_70b()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.tensor(1)).maxModelLen(8192).build();
    Workload w = Workload.of(2048, 512, 16);
    List<Suggestion> s = Advisor.advise(d, w, SLO, OPTIONS);
    System.out.println(show(s));
    assertFalse(s.isEmpty());
    // Llama-3.1-70B needs 131 GiB of BF16 weights: AWQ INT4 weights fit one H100 and meet the targets (TPOT ≈ 47 ms),
    // and four H100s (TP4) are the fewest that fit and meet them in BF16
    assertEquals(Suggestion.Kind.WEIGHT_QUANTIZATION, s.get(0).kind(), show(s));
    assertTrue(s.get(0).passes(), show(s));
    assertEquals(1, s.get(0).after().devices(), show(s));
    Suggestion layout = s.stream().filter(x -> x.kind() == Suggestion.Kind.LAYOUT).findFirst().orElseThrow();
    assertTrue(layout.passes(), show(s));
    assertEquals(Parallelism.tensor(4), layout.deployment().parallelism());
    assertEquals(List.of("--tensor-parallel-size", "4", "--pipeline-parallel-size", "1", "--data-parallel-size", "1"),
        layout.flags());
    for (Suggestion x : s) {
      assertTrue(x.before().shortfalls().contains(Shortfall.MEMORY));
    }
  }

  @Test
  void aLatencyFailureGetsMoreReplicasAtTheFewestThatPass() {
    Deployment d = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100()).maxModelLen(8192).build();
    Workload w = Workload.of(2048, 256, 256);
    ServiceLevel slo = ServiceLevel.of(TimeSpan.ofMillis(300), TimeSpan.ofMillis(25));
    CheckResult before = CapacityCheck.check(d, w, slo);
    assertFalse(before.passes(), before.report());
    List<Suggestion> s = Advisor.advise(d, w, slo, OPTIONS);
    System.out.println(before.report() + show(s));
    Suggestion dp = s.stream().filter(x -> x.kind() == Suggestion.Kind.DATA_PARALLEL).findFirst().orElseThrow();
    assertTrue(dp.passes(), dp.toString());
    int replicas = dp.deployment().parallelism().dp();
    Deployment fewer = Deployment.builder().from(d).parallelism(Parallelism.of(1, 1, 1, replicas - 1)).build();
    assertFalse(CapacityCheck.check(fewer, w, slo).passes(), "one replica fewer should fail");
    assertEquals(List.of("--data-parallel-size", String.valueOf(replicas)), dp.flags());
  }

  @Test
  void aWastefulDeploymentGetsFewerDevices() {
    Deployment d = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100())
        .parallelism(Parallelism.of(2, 1, 1, 4)).maxModelLen(8192).build();
    Workload w = Workload.of(1024, 256, 8);
    List<Suggestion> s = Advisor.advise(d, w, SLO, OPTIONS);
    System.out.println(show(s));
    assertFalse(s.isEmpty());
    for (Suggestion x : s) {
      assertTrue(x.passes());
      assertTrue(x.after().devices() < 8, x.toString());
    }
    assertEquals(1, s.get(0).after().devices(), show(s));
    assertTrue(s.stream().anyMatch(x -> x.kind() == Suggestion.Kind.LAYOUT && x.after().devices() == 1), show(s));
  }

  @Test
  void fp8KvCacheDoublesKvCapacity() {
    Deployment d = Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100()).maxModelLen(131072)
        .engine(EngineProfile.builder().from(EngineProfile.vllm()).memoryUtilization(0.3).build()).build();
    Workload w = Workload.of(1024, 256, 1);
    CheckResult before = CapacityCheck.check(d, w, SLO);
    assertEquals(List.of(Shortfall.MEMORY), before.shortfalls(), before.report());
    List<Suggestion> s = Advisor.advise(d, w, SLO, OPTIONS);
    System.out.println(show(s));
    Suggestion kv = s.stream().filter(x -> x.kind() == Suggestion.Kind.KV_CACHE_FP8).findFirst().orElseThrow();
    assertEquals(Precision.FP8, kv.deployment().kvCachePrecision());
    assertEquals(2.0, kv.after().kvCacheTokens() / (double) kv.before().kvCacheTokens(), 0.01);
    assertTrue(s.stream().anyMatch(x -> x.kind() == Suggestion.Kind.MAX_MODEL_LEN && x.passes()), show(s));
  }

  @Test
  void pricesLimitAcceleratorSuggestionsToTheSameHourlyCost() {
    Accelerator h100 = Accelerator.builder().from(Fixtures.h100()).hourlyPrice(Money.parse("2.00 USD")).build();
    Accelerator h200 = Accelerator.builder().from(PerfFixtures.h200()).hourlyPrice(Money.parse("3.00 USD")).build();
    Accelerator a100 = Accelerator.builder().from(PerfFixtures.a100Sxm80()).hourlyPrice(Money.parse("1.00 USD")).build();
    Deployment d = Deployment.builder().model(PerfFixtures.llama31_70b()).accelerator(h100)
        .parallelism(Parallelism.tensor(2)).maxModelLen(8192).build();
    Workload w = Workload.of(2048, 512, 32);
    List<Suggestion> s = Advisor.advise(d, w, SLO, AdviceOptions.builder().accelerators(List.of(h100, h200, a100)).build());
    System.out.println(CapacityCheck.check(d, w, SLO).report() + show(s));
    for (Suggestion x : s) {
      if (x.kind() == Suggestion.Kind.ACCELERATOR) {
        assertTrue(x.after().hourlyCost().get().amount() <= 4.0 + 1e-9, x.toString());
      }
    }
  }
}
