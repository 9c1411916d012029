package dev.aicompass.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.perf.PerformanceOptions;
import dev.aicompass.perf.PhaseCost;
import dev.aicompass.perf.ServingMode;
import dev.aicompass.perf.SpeculativeDecoding;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServingSimulatorTest {
  private static Deployment llama8b() {
    return Deployment.builder().model(Fixtures.llama31_8b()).accelerator(Fixtures.h100()).build();
  }

  private static Workload open(int in, int out, double rate) {
    return Workload.builder().inputTokens(in).outputTokens(out).requestRate(rate).build();
  }

  @Test
  void singleRequestTtftIsPrefillPlusRequestOverheadAndTpotIsTheDecodeStep() {
    Deployment d = llama8b();
    SimulationResult r = ServingSimulator.simulate(d, Workload.of(1024, 128, 1), SimulationOptions.of(3, 0));
    // one client: each request finds the engine idle, so TTFT = vLLM's request overhead (45 ms) + the prefill of
    // 1024 tokens, and each decode step runs alone; the attention cost is linear in the KV length, so the mean
    // decode step is the step at the mean length 1024 + 128/2
    double prefill = PhaseCost.prefill(d, 1024, 1).time().seconds();
    double decode = PhaseCost.decode(d, 1, 1024 + 64).time().seconds();
    for (SimulatedRequest q : r.requests()) {
      assertEquals(d.engine().requestOverhead().seconds() + prefill, q.ttft().seconds(), 1e-9, q.toString());
      assertEquals(decode, q.tpot().seconds(), 1e-9 * decode, q.toString());
      assertEquals(q.ttft().seconds() + 127 * q.tpot().seconds(), q.e2e().seconds(), 1e-9);
    }
    assertEquals(3 * (1 + 127), r.steps());
    assertEquals(0, r.preemptions());
  }

  @Test
  void requestsAreSentInOrderAndEachClientWaitsForItsPrevious() {
    SimulationResult r = ServingSimulator.simulate(llama8b(), Workload.of(512, 64, 1), SimulationOptions.of(4, 0));
    List<SimulatedRequest> q = r.requests();
    assertEquals(0, q.get(0).arrival().seconds());
    for (int i = 1; i < q.size(); i++) {
      assertEquals(i, q.get(i).id());
      assertEquals(q.get(i - 1).completion(), q.get(i).arrival());
    }
    assertEquals(q.get(3).completion(), r.duration());
  }

  @Test
  void tokenTimesRunFromTheFirstTokenToTheCompletion() {
    SimulationResult r = ServingSimulator.simulate(llama8b(), Workload.of(256, 32, 8), SimulationOptions.of(20, 0));
    long gaps = 0;
    for (SimulatedRequest q : r.requests()) {
      List<TimeSpan> t = q.tokenTimes();
      assertEquals(32, t.size());
      assertEquals(q.firstToken(), t.get(0));
      assertEquals(q.completion(), t.get(31));
      for (int i = 1; i < t.size(); i++) {
        assertTrue(t.get(i).compareTo(t.get(i - 1)) > 0);
      }
      gaps += t.size() - 1;
    }
    SimulationSummary s = r.summary();
    assertEquals(gaps, s.itl().count());
    // the mean gap between tokens is the mean TPOT when every request generates the same number of tokens
    assertEquals(s.tpot().mean().seconds(), s.itl().mean().seconds(), 1e-12);
    assertEquals(20 * 32 / s.duration().seconds(), s.outputThroughput().tokensPerSecond(), 1e-6);
  }

  @Test
  void moreConcurrencyNeverLowersMeanTpot() {
    double previous = 0;
    for (int c : new int[] {1, 2, 4, 8, 16, 32, 64, 128}) {
      int n = 8 * c;
      SimulationResult r = ServingSimulator.simulate(llama8b(), Workload.of(1024, 256, c), SimulationOptions.of(n, 0));
      double tpot = r.summary(2 * c, n - c > 2 * c ? n - c : n).tpot().mean().seconds();
      assertTrue(tpot >= previous, "concurrency " + c + ": mean TPOT " + tpot + " < " + previous);
      previous = tpot;
    }
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherSeedAnotherArrivalProcess() {
    Workload w = open(1024, 128, 8);
    SimulationResult a = ServingSimulator.simulate(llama8b(), w, SimulationOptions.of(200, 42));
    SimulationResult b = ServingSimulator.simulate(llama8b(), w, SimulationOptions.of(200, 42));
    SimulationResult c = ServingSimulator.simulate(llama8b(), w, SimulationOptions.of(200, 43));
    assertEquals(ServingMode.OPEN_LOOP, a.mode());
    for (int i = 0; i < 200; i++) {
      assertEquals(a.requests().get(i).arrival(), b.requests().get(i).arrival());
      assertEquals(a.requests().get(i).tokenTimes(), b.requests().get(i).tokenTimes());
    }
    assertNotEquals(a.requests().get(10).arrival(), c.requests().get(10).arrival());
    // Poisson arrivals at 8 requests/s: the 199 gaps average 1/8 s within a few standard errors (0.125/√199)
    double meanGap = a.requests().get(199).arrival().seconds() / 199;
    assertEquals(0.125, meanGap, 4 * 0.125 / Math.sqrt(199));
  }

  @Test
  void openLoopArrivalsDoNotWaitForCompletions() {
    SimulationResult r = ServingSimulator.simulate(llama8b(), open(512, 256, 50), SimulationOptions.of(100, 1));
    // 100 arrivals over about 2 s, each taking about 3 s: many requests are in flight at once
    assertTrue(r.meanDecodeBatch() > 20, r.toString());
    assertTrue(r.requests().get(99).arrival().seconds() < r.requests().get(0).completion().seconds() + 1);
  }

  @Test
  void burstStartKeepsEqualClientsInLockstep() {
    Workload w = Workload.of(1024, 256, 8);
    SimulationOptions staggered = SimulationOptions.builder().requests(64).build();
    SimulationOptions burst = SimulationOptions.builder().requests(64).start(SimulationOptions.Start.BURST).build();
    double even = ServingSimulator.simulate(llama8b(), w, staggered).summary(16, 56).ttft().mean().seconds();
    SimulationResult waves = ServingSimulator.simulate(llama8b(), w, burst);
    // all eight prompts of each wave share one 8192-token step, so every request waits for all eight prefills
    double prefill8 = PhaseCost.prefill(llama8b(), 1024, 8).time().seconds();
    assertTrue(waves.summary(16, 56).ttft().mean().seconds() > prefill8, waves.toString());
    assertTrue(even < 0.5 * prefill8, "staggered TTFT " + even);
  }

  @Test
  void dataParallelReplicasShareTheClients() {
    Deployment d = Deployment.builder().from(llama8b()).parallelism(Parallelism.of(1, 1, 1, 2)).build();
    SimulationResult r = ServingSimulator.simulate(d, Workload.of(1024, 128, 16), SimulationOptions.of(160, 0));
    long first = r.requests().stream().filter(q -> q.replica() == 0).count();
    assertEquals(80, first, 8);
    SimulationResult one = ServingSimulator.simulate(llama8b(), Workload.of(1024, 128, 8), SimulationOptions.of(80, 0));
    // two replicas of eight clients each run like one replica of eight
    assertEquals(one.summary(16, 72).tpot().mean().seconds(), r.summary(32, 144).tpot().mean().seconds(),
        0.05 * one.summary(16, 72).tpot().mean().seconds());
  }

  @Test
  void aShortKvCacheIsSharedByPreemptingAndRecomputing() {
    // 0.25 memory utilisation leaves about 40k KV tokens: 32 requests of 2048 + 2048 tokens need 131k at their longest
    Deployment d = Deployment.builder().from(llama8b())
        .engine(EngineProfile.builder().kind(EngineKind.VLLM).memoryUtilization(0.3).build()).build();
    SimulationResult r = ServingSimulator.simulate(d, Workload.of(2048, 2048, 32), SimulationOptions.of(64, 0));
    assertTrue(r.kvCacheTokens() < 32L * 4096, r.kvCacheTokens() + " tokens");
    assertTrue(r.preemptions() > 0, r.toString());
    for (SimulatedRequest q : r.requests()) {
      assertEquals(2048, q.tokenTimes().size());
      assertTrue(q.completion().compareTo(q.firstToken()) > 0);
    }
    // TensorRT-LLM reserves the whole sequence at admission and never preempts
    Deployment trt = Deployment.builder().from(d).engine(EngineProfile.builder().kind(EngineKind.TRTLLM)
        .memoryUtilization(0.3).build()).build();
    SimulationResult g = ServingSimulator.simulate(trt, Workload.of(2048, 2048, 32), SimulationOptions.of(64, 0));
    assertEquals(0, g.preemptions());
    assertTrue(g.meanDecodeBatch() <= g.kvCacheTokens() / 4096.0 + 1e-9, g.toString());
  }

  @Test
  void withoutChunkedPrefillAPromptRunsWholeInOneStep() {
    Deployment d = Deployment.builder().from(llama8b()).maxModelLen(16384)
        .engine(EngineProfile.builder().kind(EngineKind.VLLM).chunkedPrefill(false).build()).build();
    SimulationResult r = ServingSimulator.simulate(d, Workload.of(12000, 8, 1), SimulationOptions.of(1, 0));
    // one 12000-token step (more than the 8192-token budget), then 7 decode steps
    assertEquals(8, r.steps());
    Deployment chunked = Deployment.builder().from(d).engine(EngineProfile.vllm()).build();
    assertEquals(9, ServingSimulator.simulate(chunked, Workload.of(12000, 8, 1), SimulationOptions.of(1, 0)).steps());
  }

  @Test
  void aSingleRequestAgreesWithTheEstimator() {
    LatencyEstimate e = PerformanceEstimator.estimate(llama8b(), Workload.of(2048, 512, 1));
    SimulationSummary s = ServingSimulator.simulate(llama8b(), Workload.of(2048, 512, 1), SimulationOptions.of(2, 0))
        .summary();
    assertEquals(e.ttft().seconds(), s.ttft().mean().seconds(), 0.01 * e.ttft().seconds());
    assertEquals(e.tpot().seconds(), s.tpot().mean().seconds(), 0.01 * e.tpot().seconds());
  }

  @Test
  void simulatesAThousandRequestsOf512TokensEach() {
    // its speed is SimulateBenchmark's (aicompass-bench, JMH), not a unit test's
    SimulationResult r = ServingSimulator.simulate(llama8b(), Workload.of(512, 512, 64), SimulationOptions.of(1000, 0));
    assertEquals(1000, r.requests().size());
    // 512 000 output tokens with at most 64 decoding per step take at least 8 000 steps; keeping the 64 clients in
    // flight (no KV shortage on an H100 for 64 × 1024 tokens) takes fewer than twice that
    assertTrue(r.steps() >= 1000 * 512 / 64 && r.steps() < 2 * 1000 * 512 / 64, r.steps() + " steps");
    assertEquals(0, r.preemptions());
  }

  @Test
  void rejectsWorkloadsItCannotServe() {
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> ServingSimulator.simulate(llama8b(), Workload.of(8000, 500, 1)));
    assertEquals("prompt + output tokens (8500) must not exceed maxModelLen (8192)", tooLong.getMessage());
    Deployment tiny = Deployment.builder().from(llama8b()).maxModelLen(131072)
        .engine(EngineProfile.builder().kind(EngineKind.VLLM).memoryUtilization(0.25).build()).build();
    IllegalArgumentException kv = assertThrows(IllegalArgumentException.class,
        () -> ServingSimulator.simulate(tiny, Workload.of(100000, 1000, 1)));
    assertTrue(kv.getMessage().startsWith("prompt + output tokens (101000) must fit one replica's KV cache"), kv.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ServingSimulator.simulate(llama8b(), Workload.of(100, 0, 1)));
    assertEquals("outputTokens (0) must be positive", none.getMessage());
    IllegalArgumentException spec = assertThrows(IllegalArgumentException.class,
        () -> SimulationOptions.builder().performance(PerformanceOptions.builder()
            .speculative(SpeculativeDecoding.mtp(3, 0.8)).build()).build());
    assertTrue(spec.getMessage().contains("speculative decoding is not simulated"), spec.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SimulationOptions.of(0, 1));
  }

  @Test
  void theFluentQuerySimulatesItsDeployment() {
    SimulationResult r = dev.aicompass.AICompass.model(Fixtures.llama31_8b()).on(Fixtures.h100())
        .simulate(Workload.of(512, 64, 4));
    assertEquals(100, r.requests().size());
    assertEquals(llama8b(), r.deployment());
    SimulationResult o = dev.aicompass.AICompass.model(Fixtures.llama31_8b()).on(Fixtures.h100())
        .simulate(open(512, 64, 2), SimulationOptions.of(10, 7));
    assertEquals(ServingMode.OPEN_LOOP, o.mode());
    assertEquals(10, o.requests().size());
  }

  @Test
  void percentilesInterpolateBetweenRanksAsNumpyDoes() {
    LatencyStats s = LatencyStats.of(new double[] {0.004, 0.001, 0.003, 0.002}, 4);
    // numpy.percentile([1, 2, 3, 4], [50, 90, 99]) = 2.5, 3.7, 3.97
    assertEquals(0.0025, s.p50().seconds(), 1e-15);
    assertEquals(0.0037, s.p90().seconds(), 1e-15);
    assertEquals(0.00397, s.p99().seconds(), 1e-15);
    assertEquals(0.0025, s.mean().seconds(), 1e-15);
    assertEquals(TimeSpan.ZERO, LatencyStats.of(new double[0], 0).p99());
  }
}
