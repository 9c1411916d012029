package dev.aicompass.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.AICompass;
import dev.aicompass.Method;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.hardware.Interconnect;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.testing.PerfFixtures;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopRate;
import dev.aicompass.units.Money;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final ServiceLevel SEED_SLO = ServiceLevel.of(TimeSpan.ofMillis(500), TimeSpan.ofMillis(50));

  /**
   * Seed 000's SLO test device: "FP16 1123 TFLOPS, 96 GB". The seed gives no bandwidth or links; we assume an
   * HBM2e-class 1.6 TB/s, 8 devices per node linked at 200 GB/s per direction, 25 GB/s (200 Gb/s) between nodes.
   */
  static Accelerator seedDevice() {
    return Accelerator.builder().id("domestic-1123").memory(ByteSize.ofGibibytes(96))
        .memoryBandwidth(Bandwidth.parse("1.6 TB/s")).peaks(Map.of(Precision.FP16, FlopRate.parse("1123 TFLOPS")))
        .interconnect(Interconnect.builder().intraNode(Bandwidth.parse("200 GB/s")).interNode(Bandwidth.parse("25 GB/s"))
            .devicesPerNode(8).build())
        .source("seed 000 SLO test: 1123 TFLOPS FP16, 96 GB; bandwidth and links assumed").build();
  }

  private static PlannerOptions on(Accelerator a) {
    return PlannerOptions.builder().accelerators(List.of(a)).build();
  }

  @Test
  void deepseekR1OnTheSeedsDeviceAt1024In1024Out() {
    // DeepSeek-R1 (DeepSeek-V3 architecture, block-FP8 checkpoint: 671 GB of weights, math at the device's FP16 rate).
    // Decode is memory-bound on the experts the batch touches (E·(1−(1−8/256)^B) of 256 per layer): 8 experts per layer
    // at batch 1, ~160 at batch 32, so TPOT grows with concurrency. vLLM defaults (4 ms step overhead, 0.9 utilisation).
    //
    // concurrency 8: one node, TP8 (weights 84 GB/device, KV pool for ~20 requests of 1024+1024): TPOT ≈ 39 ms.
    DeploymentPlan c8 = Planner.recommend(Fixtures.deepseekV3(), Workload.of(1024, 1024, 8), SEED_SLO, on(seedDevice()))
        .best().orElseThrow();
    assertEquals(8, c8.count());
    assertEquals(8, c8.tp());
    // concurrency 16: one TP8 node's KV pool (1.1 GiB per device after the fused-MoE workspace) holds 11 of the 16
    // requests, so two TP8 replicas (or TP8 PP2), 16 devices.
    DeploymentPlan c16 = Planner.recommend(Fixtures.deepseekV3(), Workload.of(1024, 1024, 16), SEED_SLO, on(seedDevice()))
        .best().orElseThrow();
    assertEquals(16, c16.count());
    // concurrency 32: the seed measured 16 cards meeting both targets (TPOT 45 ms). At the assumed 1.6 TB/s
    // AICompass recommends 16 as well; a faster device (2.4 TB/s) needs no more (asserted below).
    DeploymentPlan c32 = Planner.recommend(Fixtures.deepseekV3(), Workload.of(1024, 1024, 32), SEED_SLO, on(seedDevice()))
        .best().orElseThrow();
    System.out.println(c32 + "\n" + c32.derivation());
    assertEquals(16, c32.count());
    assertTrue(c32.estimate().orElseThrow().tpot().toMillis() <= 50);
    Accelerator faster = Accelerator.builder().from(seedDevice()).id("domestic-1123-2.4tb")
        .memoryBandwidth(Bandwidth.parse("2.4 TB/s")).build();
    DeploymentPlan fast32 = Planner.recommend(Fixtures.deepseekV3(), Workload.of(1024, 1024, 32), SEED_SLO, on(faster))
        .best().orElseThrow();
    assertEquals(16, fast32.count(), fast32.toString());
  }

  @Test
  void referenceMethodReproducesTheSeedsSixteenCards() {
    // The seed tool's 16 cards come from its memory rule with FP16 weights (SEED-NOTES D4: 1502 GiB for B=32 on 96 GB,
    // with the tool's preset of 14.4B shared + 256 × 2.62B experts = 685B). From the architecture (671B) the reference
    // memory is 1.4 TiB, N_mem = 15, N_comp = 1 (C ≈ 206 TFLOPS with raw parameter counts), so N = 15; the plan lays
    // it out as TP8 × PP2 = 16 devices (the seed names no layout; TP stays within a node).
    ModelSpec r1Fp16 = ModelSpec.builder().from(Fixtures.deepseekV3()).nativeQuantization(Optional.empty())
        .nativePrecision(Precision.FP16).build();
    Recommendation r = Planner.recommend(r1Fp16, Workload.of(1024, 1024, 32), SEED_SLO,
        PlannerOptions.builder().accelerators(List.of(seedDevice())).method(Method.REFERENCE).build());
    DeploymentPlan p = r.plans().get(0);
    System.out.println(p + "\n" + p.derivation());
    assertEquals(Method.REFERENCE, p.method());
    assertEquals(List.of(Limit.MEMORY), p.limitedBy());
    assertEquals("15", p.derivation().find("N").orElseThrow().result());
    assertEquals(16, p.count());
  }

  @Test
  void ranksByDevicesThenCostAndExplainsFailures() {
    Accelerator cheap = Accelerator.builder().from(Fixtures.h100()).id("h100-cheap").hourlyPrice(Money.of(2, "USD")).build();
    Accelerator dear = Accelerator.builder().from(Fixtures.h100()).id("h100-dear").hourlyPrice(Money.of(4, "USD")).build();
    Accelerator tiny = Accelerator.builder().from(PerfFixtures.l40s()).id("l40s-tiny").memory(ByteSize.ofGigabytes(8))
        .usableMemory(ByteSize.ofGigabytes(7.9)).build();
    Recommendation r = Planner.recommend(Fixtures.llama31_8b(), Workload.of(1024, 256, 16),
        ServiceLevel.of(TimeSpan.ofMillis(500), TimeSpan.ofMillis(50)),
        PlannerOptions.builder().accelerators(List.of(dear, tiny, cheap)).maxGpus(4).build());
    System.out.println(r);
    assertEquals("h100-cheap", r.plans().get(0).gpu());
    assertEquals("h100-dear", r.plans().get(1).gpu());
    assertTrue(r.plans().get(0).costPerMillionOutputTokens().isPresent());
    DeploymentPlan last = r.plans().get(2);
    assertFalse(last.meetsSlo());
    assertEquals(List.of(Limit.MEMORY), last.limitedBy());
  }

  @Test
  void tightTpotIsNamedAsTheLimit() {
    Recommendation r = Planner.recommend(PerfFixtures.llama31_70b(), Workload.of(1024, 256, 8),
        ServiceLevel.of(TimeSpan.ofMillis(2000), TimeSpan.ofMillis(2)), on(Fixtures.h100()));
    DeploymentPlan p = r.plans().get(0);
    assertFalse(p.meetsSlo());
    assertTrue(p.limitedBy().contains(Limit.TPOT), p.toString());
  }

  @Test
  void fluentRecommendMatchesThePlanner() {
    Recommendation r = AICompass.model(Fixtures.llama31_8b()).recommend(Workload.of(512, 128, 4),
        ServiceLevel.of(TimeSpan.ofMillis(300), TimeSpan.ofMillis(30)), on(Fixtures.h100()));
    assertEquals(1, r.best().orElseThrow().count());
  }

  @Test
  void moeLayoutsIncludeWideExpertParallelismWithDataParallelAttention() {
    PlannerOptions o = on(Fixtures.h100());
    List<int[]> moe = Planner.layouts(Fixtures.deepseekV3(), Fixtures.h100(), o);
    assertTrue(moe.stream().anyMatch(l -> l[0] == 1 && l[1] == 1 && l[2] == 8), "TP1 EP8 (DP8 attention)");
    assertTrue(moe.stream().anyMatch(l -> l[0] == 8 && l[1] == 1 && l[2] == 64), "TP8 EP64 (DP8 attention)");
    for (int[] l : moe) {
      int unit = l[0] * l[1] * Planner.attentionReplicas(l);
      assertTrue(unit <= o.maxGpus() && 256 % l[2] == 0 && l[2] % l[0] == 0 || l[2] == 1, java.util.Arrays.toString(l));
      assertTrue(l[2] <= l[0] || l[1] == 1, "wide EP without PP: " + java.util.Arrays.toString(l));
    }
    // bounded: 4 TP sizes × (7 PP sizes × 2 + up to 6 wide-EP groups)
    assertTrue(moe.size() <= 60, moe.size() + " layouts");
    // Mixtral has 8 experts: EP never exceeds 8
    assertTrue(Planner.layouts(Fixtures.mixtral8x7b(), Fixtures.h100(), o).stream().allMatch(l -> l[2] <= 8));
    assertTrue(Planner.layouts(Fixtures.llama31_8b(), Fixtures.h100(), o).stream().allMatch(l -> l[2] == 1));
  }

  @Test
  void wideExpertParallelismServesDeepSeekOnFewerH200s() {
    // DeepSeek-V3 (block FP8, 671B) at 256 concurrent 2048 + 512 requests, TTFT ≤ 2 s, TPOT ≤ 50 ms. With TP8 every
    // rank holds the whole MLA latent cache, so a TP8 replica's KV pool holds few requests: three TP8 replicas (24
    // H200s) are needed. Attention data-parallel over 8 ranks with the experts spread 8 ways (vLLM
    // --enable-expert-parallel --data-parallel-size 8) holds 8 latent caches per group: two groups, 16 H200s.
    Workload w = Workload.of(2048, 512, 256);
    ServiceLevel slo = ServiceLevel.of(TimeSpan.ofSeconds(2), TimeSpan.ofMillis(50));
    DeploymentPlan p = Planner.recommend(Fixtures.deepseekV3(), w, slo, on(PerfFixtures.h200())).best().orElseThrow();
    System.out.println(p);
    assertEquals(16, p.count());
    assertTrue(p.ep() > p.tp() && p.dp() % (p.ep() / p.tp()) == 0, p.toString());
    // the plan's own estimate holds when re-estimated from its deployment alone
    LatencyEstimate e = PerformanceEstimator.estimate(p.deployment(), w);
    assertTrue(!e.ttft().isLongerThan(slo.ttft().get()) && !e.tpot().isLongerThan(slo.tpot().get()) && !e.saturated(),
        e.toString());
    assertEquals(p.estimate().orElseThrow().tpot().toMillis(), e.tpot().toMillis(), 1e-6);
  }

  @Test
  void parallelAndSequentialSearchesGiveTheSamePlans() {
    List<Accelerator> gpus = List.of(Fixtures.h100(), PerfFixtures.h200(), PerfFixtures.a100Sxm80(), PerfFixtures.l40s());
    Workload w = Workload.of(2048, 512, 64);
    Recommendation par = Planner.recommend(Fixtures.mixtral8x7b(), w, SEED_SLO,
        PlannerOptions.builder().accelerators(gpus).build());
    Recommendation seq = Planner.recommend(Fixtures.mixtral8x7b(), w, SEED_SLO,
        PlannerOptions.builder().accelerators(gpus).parallel(false).build());
    assertEquals(seq.plans().toString(), par.plans().toString());
    assertEquals(seq.plans().get(0).derivation().toString(), par.plans().get(0).derivation().toString());
  }

  @Test
  void wholeCatalogRecommendationFindsPlansForDenseAndMoeModels() {
    // 45 accelerators (variations of the calibration devices), every layout up to 64 devices. Its speed is
    // measured by the JMH benchmarks in aicompass-bench (RecommendBenchmark), not here.
    List<Accelerator> catalog = new ArrayList<>();
    Accelerator[] bases = {Fixtures.h100(), PerfFixtures.h200(), PerfFixtures.a100Sxm80(), PerfFixtures.l40s(), PerfFixtures.gh200()};
    for (int i = 0; i < 45; i++) {
      Accelerator b = bases[i % bases.length];
      catalog.add(Accelerator.builder().from(b).id(b.id() + "-v" + i)
          .memoryBandwidth(b.memoryBandwidth().times(0.8 + 0.01 * i)).build());
    }
    PlannerOptions o = PlannerOptions.builder().accelerators(catalog).build();
    Workload w = Workload.of(2048, 512, 64);
    Recommendation dense = Planner.recommend(PerfFixtures.llama31_70b(), w, SEED_SLO, o);
    Recommendation moe = Planner.recommend(Fixtures.deepseekV3(), w, SEED_SLO, o);
    assertTrue(dense.best().isPresent());
    assertTrue(moe.best().isPresent());
    assertTrue(dense.best().orElseThrow().count() < moe.best().orElseThrow().count(), dense + "\n" + moe);
  }

}
