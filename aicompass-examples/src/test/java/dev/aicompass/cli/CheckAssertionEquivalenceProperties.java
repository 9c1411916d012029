package dev.aicompass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.aicompass.assertions.CapacityAssert;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code aicompass check} and {@link CapacityAssert} share one decision: for the same serving
 * command, accelerator, workload and targets, the command exits 0 exactly when the assertion passes,
 * 1 exactly when it throws {@link AssertionError}, and 2 exactly when the assertion rejects the input.
 */
class CheckAssertionEquivalenceProperties {
  private static final String[] MODELS = {"meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen2.5-7B-Instruct",
      "mistralai/Mixtral-8x7B-Instruct-v0.1", "meta-llama/Llama-3.1-70B-Instruct"};
  private static final String[] GPUS = {"h100-sxm", "a100-sxm-80gb", "l40s", "h200"};

  @Test
  void checkPassesExactlyWhenTheAssertionPasses() {
    AtomicInteger[] outcomes = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    qt().withFixedSeed(7L).withExamples(40).forAll(integers().between(0, 1 << 20)).checkAssert(seed -> {
      int[] r = new Random(seed).ints(12, 0, 1 << 16).toArray();
      String serve = "vllm serve " + MODELS[r[0] % MODELS.length] + " -tp " + (1 << (r[1] % 4)) + " --max-model-len "
          + new int[] {2048, 4096, 8192, 32768}[r[2] % 4] + (r[3] % 3 == 0 ? " --kv-cache-dtype fp8" : "")
          + (r[4] % 4 == 0 ? " --gpu-memory-utilization 0.95" : "") + (r[5] % 5 == 0 ? " -dp 2" : "");
      String gpu = GPUS[r[6] % GPUS.length];
      int in = new int[] {512, 2048, 4096}[r[7] % 3];
      int out = new int[] {128, 512}[r[8] % 2];
      int concurrency = 1 + r[9] % 64;
      Integer ttft = r[10] % 3 == 0 ? null : new int[] {200, 1000}[r[10] % 2];
      Integer tpot = r[11] % 3 == 0 ? null : new int[] {20, 60}[r[11] % 2];
      List<String> args = new ArrayList<>(List.of("check", "--gpu", gpu, "--serve", serve, "--input-len", String.valueOf(in),
          "--output-len", String.valueOf(out), "--concurrency", String.valueOf(concurrency), "--no-advice"));
      ServiceLevel.Builder slo = ServiceLevel.builder();
      if (ttft != null) {
        args.addAll(List.of("--ttft", ttft + "ms"));
        slo.ttft(TimeSpan.ofMillis(ttft));
      }
      if (tpot != null) {
        args.addAll(List.of("--tpot", tpot + "ms"));
        slo.tpot(TimeSpan.ofMillis(tpot));
      }
      CheckCommandTest.Run cli = CheckCommandTest.run(args.toArray(new String[0]));
      int asserted;
      try {
        CapacityAssert.assertThatServeCommand(serve).on(gpu).serving(Workload.of(in, out, concurrency)).withoutAdvice()
            .meets(slo.build());
        asserted = 0;
      } catch (AssertionError e) {
        asserted = 1;
      } catch (IllegalArgumentException e) {
        asserted = 2;
      }
      assertEquals(asserted, cli.code, String.join(" ", args) + "\n" + cli);
      outcomes[asserted].incrementAndGet();
    });
    // all three outcomes occur among the generated cases (TP 8 of Qwen2.5-7B's 28 heads is bad input)
    assertTrue(outcomes[0].get() > 0 && outcomes[1].get() > 0 && outcomes[2].get() > 0,
        outcomes[0] + " passed, " + outcomes[1] + " failed, " + outcomes[2] + " rejected");
  }
}
