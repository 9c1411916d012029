package dev.aicompass.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.aicompass.check.CapacityCheck;
import dev.aicompass.check.CheckResult;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.testing.PerfFixtures;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvisorProperties {
  private static final List<ModelSpec> MODELS = List.of(Fixtures.llama31_8b(), Fixtures.qwen25_7b(), Fixtures.mixtral8x7b(),
      PerfFixtures.llama31_70b());
  private static final List<Accelerator> GPUS = List.of(Fixtures.h100(), PerfFixtures.l40s());
  private static final AdviceOptions OPTIONS = AdviceOptions.builder().accelerators(GPUS).prefixHitRate(0.5).maxDevices(16)
      .build();

  /** A deployment from 8 generated integers (model, GPU, TP, PP, DP, max-model-len, chunked prefill, KV dtype). */
  static Deployment deployment(int[] r) {
    ModelSpec m = MODELS.get(r[0] % MODELS.size());
    int tp = 1 << (r[2] % 3);
    int dp = 1 + r[4] % 3;
    int ep = m.moe().isPresent() && r[7] % 3 == 0 && tp * dp > 1 && m.moe().get().numExperts() % (tp * dp) == 0 ? tp * dp : 1;
    EngineProfile e = EngineProfile.builder().from(EngineProfile.vllm()).chunkedPrefill(r[6] % 4 != 0)
        .maxNumBatchedTokens(r[6] % 4 != 0 ? 8192 : 32768).build();
    return Deployment.builder().model(m).accelerator(GPUS.get(r[1] % GPUS.size()))
        .parallelism(Parallelism.of(tp, 1 + r[3] % 2, ep, dp)).maxModelLen(new int[] {4096, 8192, 32768}[r[5] % 3])
        .engine(e).build();
  }

  static Workload workload(int[] r) {
    return Workload.of(new int[] {512, 1024, 2048}[r[8] % 3], new int[] {128, 256, 512}[r[9] % 3], 1 + r[10] % 96);
  }

  static ServiceLevel slo(int[] r) {
    return ServiceLevel.of(TimeSpan.ofMillis(new int[] {200, 500, 2000}[r[11] % 3]),
        TimeSpan.ofMillis(new int[] {20, 40, 80}[r[12] % 3]));
  }

  private static void sameFigures(CheckResult claimed, CheckResult rechecked, String what) {
    assertEquals(claimed.passes(), rechecked.passes(), what);
    assertEquals(claimed.shortfalls(), rechecked.shortfalls(), what);
    assertEquals(claimed.kvCacheTokens(), rechecked.kvCacheTokens(), what);
    assertEquals(claimed.devices(), rechecked.devices(), what);
    assertEquals(claimed.estimate().isPresent(), rechecked.estimate().isPresent(), what);
    if (claimed.estimate().isPresent()) {
      assertEquals(claimed.estimate().get().ttft(), rechecked.estimate().get().ttft(), what);
      assertEquals(claimed.estimate().get().tpot(), rechecked.estimate().get().tpot(), what);
      assertEquals(claimed.estimate().get().outputThroughput(), rechecked.estimate().get().outputThroughput(), what);
    }
  }

  @Test
  void applyingASuggestionAndRecheckingGivesTheClaimedEffect() {
    qt().withExamples(25).forAll(integers().between(0, 1 << 20).describedAs(Integer::toHexString))
        .checkAssert(seed -> {
          int[] r = new java.util.Random(seed).ints(13, 0, 1 << 16).toArray();
          Deployment d;
          try {
            d = deployment(r);
          } catch (IllegalArgumentException e) {
            return;
          }
          Workload w = workload(r);
          ServiceLevel slo = slo(r);
          CheckResult before = CapacityCheck.check(d, w, slo);
          List<Suggestion> advice = Advisor.advise(d, w, slo, OPTIONS);
          boolean seenFailing = false;
          for (Suggestion s : advice) {
            String what = s + "\nfor " + before.report();
            sameFigures(s.before(), before, what);
            sameFigures(s.after(), CapacityCheck.check(s.deployment(), w, slo, s.options()), what);
            // ranked: every passing suggestion before any that does not pass
            if (!s.passes()) {
              seenFailing = true;
            } else {
              assertTrue(!seenFailing, "a passing suggestion ranked after a failing one: " + what);
            }
            if (before.passes()) {
              assertTrue(s.passes() && s.after().devices() < before.devices(), "a passing deployment gets only savings: " + what);
            }
          }
        });
  }
}
