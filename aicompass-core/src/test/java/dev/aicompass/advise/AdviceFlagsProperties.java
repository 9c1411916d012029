package dev.aicompass.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.aicompass.check.CapacityCheck;
import dev.aicompass.check.CheckOptions;
import dev.aicompass.check.CheckResult;
import dev.aicompass.check.ResolvedCommand;
import dev.aicompass.check.ServingCommand;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.testing.PerfFixtures;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A suggestion's flags are the change it claims: appending them to the serving command and
 * checking the edited command gives exactly the deployment and figures the suggestion reports.
 */
class AdviceFlagsProperties {
  private static final List<ModelSpec> MODELS = List.of(Fixtures.llama31_8b(), Fixtures.mixtral8x7b(), PerfFixtures.llama31_70b());
  private static final List<Accelerator> GPUS = List.of(Fixtures.h100(), PerfFixtures.h200());
  private static final double HIT = 0.5;
  private static final java.util.Set<String> KINDS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A vLLM or SGLang command from generated integers. */
  static String command(int[] r) {
    boolean sglang = r[0] % 4 == 0;
    int tp = 1 << (r[1] % 3);
    int dp = 1 + r[2] % 2;
    int len = new int[] {4096, 8192, 32768}[r[3] % 3];
    StringBuilder sb = new StringBuilder(sglang
        ? "python -m sglang.launch_server --model-path m --tp " + tp + " --dp " + dp + " --context-length " + len
        : "vllm serve m -tp " + tp + " --data-parallel-size " + dp + " --max-model-len " + len);
    if (r[4] % 3 == 0) {
      sb.append(sglang ? " --chunked-prefill-size -1" : " --no-enable-chunked-prefill");
    }
    if (r[5] % 3 == 0) {
      sb.append(sglang ? " --disable-radix-cache" : " --no-enable-prefix-caching");
    }
    if (r[6] % 4 == 0) {
      sb.append(sglang ? " --ep-size " + tp * dp : " --enable-expert-parallel");
    }
    if (r[7] % 4 == 0) {
      sb.append(sglang ? " --max-running-requests 16" : " --max-num-seqs 16");
    }
    if (r[8] % 4 == 0) {
      sb.append(" --kv-cache-dtype fp8");
    }
    return sb.toString();
  }

  private static void sameFigures(CheckResult claimed, CheckResult rechecked, String what) {
    assertEquals(claimed.shortfalls(), rechecked.shortfalls(), what);
    assertEquals(claimed.kvCacheTokens(), rechecked.kvCacheTokens(), what);
    assertEquals(claimed.devices(), rechecked.devices(), what);
    assertEquals(claimed.estimate().map(e -> e.ttft()), rechecked.estimate().map(e -> e.ttft()), what);
    assertEquals(claimed.estimate().map(e -> e.tpot()), rechecked.estimate().map(e -> e.tpot()), what);
    assertEquals(claimed.estimate().map(e -> e.outputThroughput()), rechecked.estimate().map(e -> e.outputThroughput()), what);
  }

  @Test
  void appendingASuggestionsFlagsToTheCommandGivesTheClaimedEffect() {
    AtomicInteger checked = new AtomicInteger();
    qt().withFixedSeed(20261123L).withExamples(30).forAll(integers().between(0, 1 << 20)).checkAssert(seed -> {
      int[] r = new Random(seed).ints(12, 0, 1 << 16).toArray();
      ModelSpec model = MODELS.get(r[9] % MODELS.size());
      Accelerator gpu = GPUS.get(r[10] % GPUS.size());
      ServingCommand cmd = ServingCommand.parse(command(r));
      EngineProfile base = EngineProfile.builder().kind(cmd.engine()).prefixCacheHitRate(HIT).build();
      ResolvedCommand rc;
      try {
        rc = cmd.resolve(model, gpu, base, CheckOptions.defaults());
      } catch (IllegalArgumentException e) {
        return; // a layout the model rejects is a bad command, not a property case
      }
      Workload w = Workload.of(new int[] {1024, 4096}[r[11] % 2], 256, 8 + r[11] % 120);
      ServiceLevel slo = ServiceLevel.of(TimeSpan.ofMillis(400), TimeSpan.ofMillis(30));
      List<Suggestion> advice = Advisor.advise(rc.deployment(), w, slo, AdviceOptions.builder().checkOptions(rc.options())
          .accelerators(GPUS).prefixHitRate(HIT).maxDevices(16).maxSuggestions(20).build());
      for (Suggestion s : advice) {
        if (s.flags().isEmpty()) {
          continue;
        }
        String what = cmd + " + " + s.flags() + " (" + s.title() + ")";
        ServingCommand edited = cmd.withFlags(s.flags());
        ResolvedCommand again = edited.resolve(model, s.deployment().accelerator(), base, CheckOptions.defaults());
        assertEquals(s.deployment(), again.deployment(), what);
        assertEquals(s.options(), again.options(), what);
        sameFigures(s.after(), CapacityCheck.check(again, w, slo), what);
        checked.incrementAndGet();
        KINDS.add(s.kind() + " on " + cmd.engine());
      }
    });
    assertFalse(checked.get() == 0, "no suggestion with flags was generated");
    // the 30 seeded commands reach most kinds of change on both engines (24 of 26 when written)
    assertFalse(KINDS.size() < 12, "too few kinds of suggestion exercised: " + KINDS);
  }
}
