package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.perf.ServingMode;
import dev.aicompass.simulate.LatencyStats;
import dev.aicompass.simulate.ServingSimulator;
import dev.aicompass.simulate.SimulatedRequest;
import dev.aicompass.simulate.SimulationOptions;
import dev.aicompass.simulate.SimulationResult;
import dev.aicompass.simulate.SimulationSummary;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.Workload;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicompass simulate}: requests served step by step, with TTFT/TPOT/ITL/E2E percentiles. */
@Command(name = "simulate", mixinStandardHelpOptions = true, resourceBundle = "dev.aicompass.cli.simulate",
    description = "Simulates N requests on a deployment step by step (continuous batching, chunked prefill, KV blocks, "
        + "preemption) and prints TTFT, TPOT, ITL and E2E percentiles and throughput, as vllm bench serve reports them; "
        + "--animate streams the first requests' tokens at simulated speed.",
    footer = {"", "Examples:",
        "  aicompass simulate --model llama-3.1-8b --gpu h100-sxm --input-len 1024 --output-len 256 --concurrency 32",
        "  aicompass simulate --model llama-3.1-70b --gpu h100-sxm --tp 4 --input-len 2048 --output-len 512 --request-rate 4 --json",
        "  aicompass simulate --model llama-3.1-8b --gpu l40s --input-len 512 --output-len 128 --concurrency 8 --animate --speed 0.5"})
final class SimulateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  WorkloadOptions workload;

  // described in simulate's words (clients, Poisson arrivals) by dev/aicompass/cli/simulate.properties
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  LoadOptions load = new LoadOptions();

  @Option(names = "--requests", paramLabel = "N", defaultValue = "100", description = "Requests to send (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the open-loop arrivals (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--burst", description = "Closed loop: all clients start at time 0 (vllm bench serve --max-concurrency) instead of at the steady state.")
  boolean burst;

  @Mixin
  EngineOptions engine;

  @Option(names = "--token-times", description = "With --json, also list each request's token times (ms).")
  boolean tokenTimes;

  @Option(names = "--animate", description = "Stream the first requests' tokens in the terminal at simulated speed.")
  boolean animate;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1.0", description = "Animation speed: simulated seconds per real second (default: ${DEFAULT-VALUE}).")
  double speed;

  @Override
  public Integer call() throws InterruptedException {
    CommonOptions o = common;
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("--speed (" + speed + ") must be a positive number");
    }
    Deployment d = engine.deployment(o, workload);
    Workload w = workload.workload(load);
    SimulationOptions options = SimulationOptions.builder().requests(requests).seed(seed)
        .start(burst ? SimulationOptions.Start.BURST : SimulationOptions.Start.STAGGERED).build();
    SimulationResult result = ServingSimulator.simulate(d, w, options);
    LatencyEstimate estimate = PerformanceEstimator.estimate(d, w);
    PrintWriter out = spec.commandLine().getOut();
    if (animate && !o.json) {
      TokenAnimation.play(result, speed, out, TokenAnimation.interactive());
    }
    if (o.json) {
      out.println(Json.write(toJson(result, estimate, tokenTimes)));
    } else {
      out.print(human(result, estimate));
    }
    out.flush();
    return 0;
  }

  static ObjectNode toJson(SimulationResult r, LatencyEstimate e, boolean tokenTimes) {
    Deployment d = r.deployment();
    ObjectNode n = Json.object();
    n.put("model", d.model().name());
    n.put("gpu", d.accelerator().id());
    n.put("tp", d.parallelism().tp());
    n.put("pp", d.parallelism().pp());
    n.put("ep", d.parallelism().ep());
    n.put("dp", d.parallelism().dp());
    n.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
    n.put("inputLen", r.workload().inputTokens());
    n.put("outputLen", r.workload().outputTokens());
    if (r.mode() == ServingMode.OPEN_LOOP) {
      n.put("requestRate", r.workload().requestRate().getAsDouble());
    } else {
      n.put("concurrency", r.workload().concurrency());
    }
    n.put("seed", r.options().seed());
    SimulationSummary s = r.summary();
    ObjectNode sum = n.putObject("summary");
    sum.put("requests", s.requests());
    stats(sum.putObject("ttftMs"), s.ttft());
    stats(sum.putObject("tpotMs"), s.tpot());
    stats(sum.putObject("itlMs"), s.itl());
    stats(sum.putObject("e2eMs"), s.e2e());
    sum.put("durationS", Json.round(s.duration().seconds(), 4));
    sum.put("outputTokensPerSecond", Json.round(s.outputThroughput().tokensPerSecond(), 2));
    sum.put("totalTokensPerSecond", Json.round(s.totalThroughput().tokensPerSecond(), 2));
    sum.put("requestsPerSecond", Json.round(s.requestRate(), 4));
    sum.put("steps", r.steps());
    sum.put("meanDecodeBatch", Json.round(r.meanDecodeBatch(), 2));
    sum.put("preemptions", r.preemptions());
    sum.put("kvCacheTokens", r.kvCacheTokens());
    int[] window = steadyWindow(r);
    if (window != null) {
      SimulationSummary st = r.summary(window[0], window[1]);
      ObjectNode ss = n.putObject("steadyState");
      ss.put("fromRequest", window[0]);
      ss.put("toRequest", window[1] - 1);
      stats(ss.putObject("ttftMs"), st.ttft());
      stats(ss.putObject("tpotMs"), st.tpot());
      ss.put("outputTokensPerSecond", Json.round(st.outputThroughput().tokensPerSecond(), 2));
    }
    ObjectNode est = n.putObject("estimate");
    est.put("ttftMs", Json.round(e.ttft().toMillis(), 3));
    est.put("tpotMs", Json.round(e.tpot().toMillis(), 3));
    est.put("outputTokensPerSecond", Json.round(e.outputThroughput().tokensPerSecond(), 2));
    ArrayNode list = n.putArray("requests");
    for (SimulatedRequest q : r.requests()) {
      ObjectNode j = list.addObject();
      j.put("id", q.id());
      j.put("replica", q.replica());
      j.put("arrivalMs", Json.round(q.arrival().toMillis(), 3));
      j.put("ttftMs", Json.round(q.ttft().toMillis(), 3));
      j.put("tpotMs", Json.round(q.tpot().toMillis(), 3));
      j.put("e2eMs", Json.round(q.e2e().toMillis(), 3));
      j.put("outputTokens", q.outputTokens());
      j.put("preemptions", q.preemptions());
      if (tokenTimes) {
        ArrayNode t = j.putArray("tokenTimesMs");
        for (TimeSpan time : q.tokenTimes()) {
          t.add(Json.round(time.toMillis(), 3));
        }
      }
    }
    return n;
  }

  private static void stats(ObjectNode n, LatencyStats s) {
    n.put("mean", Json.round(s.mean().toMillis(), 3));
    n.put("p50", Json.round(s.p50().toMillis(), 3));
    n.put("p90", Json.round(s.p90().toMillis(), 3));
    n.put("p99", Json.round(s.p99().toMillis(), 3));
    n.put("max", Json.round(s.max().toMillis(), 3));
  }

  static String human(SimulationResult r, LatencyEstimate e) {
    Deployment d = r.deployment();
    Workload w = r.workload();
    SimulationSummary s = r.summary();
    StringBuilder sb = new StringBuilder();
    String load = r.mode() == ServingMode.OPEN_LOOP
        ? String.format(Locale.ROOT, "open loop at %s requests/s (seed %d)", num(w.requestRate().getAsDouble()), r.options().seed())
        : String.format(Locale.ROOT, "closed loop of %d client%s%s", w.concurrency(), w.concurrency() == 1 ? "" : "s",
            r.options().start() == SimulationOptions.Start.BURST ? ", burst start" : "");
    sb.append(String.format(Locale.ROOT, "%s on %s × %d (%s, %s), %d in / %d out, %s, %d requests%n", d.model().name(),
        d.accelerator().id(), d.parallelism().devices(), d.parallelism(), d.engine(), w.inputTokens(), w.outputTokens(), load,
        s.requests()));
    sb.append(String.format(Locale.ROOT, "  %-10s %10s %10s %10s %10s %10s%n", "ms", "mean", "p50", "p90", "p99", "estimate"));
    row(sb, "TTFT", s.ttft(), e.ttft().toMillis());
    row(sb, "TPOT", s.tpot(), e.tpot().toMillis());
    row(sb, "ITL", s.itl(), Double.NaN);
    row(sb, "E2E", s.e2e(), e.ttft().toMillis() + (w.outputTokens() - 1) * e.tpot().toMillis());
    sb.append(String.format(Locale.ROOT, "  output throughput %.0f tok/s (estimate %.0f), total %.0f tok/s, %.2f requests/s%n",
        s.outputThroughput().tokensPerSecond(), e.outputThroughput().tokensPerSecond(), s.totalThroughput().tokensPerSecond(),
        s.requestRate()));
    int[] window = steadyWindow(r);
    if (window != null) {
      SimulationSummary st = r.summary(window[0], window[1]);
      sb.append(String.format(Locale.ROOT, "  steady state (requests %d-%d): TTFT %.2f ms, TPOT %.2f ms, "
          + "%.0f tok/s%n", window[0], window[1] - 1, st.ttft().mean().toMillis(), st.tpot().mean().toMillis(),
          st.outputThroughput().tokensPerSecond()));
    }
    sb.append(String.format(Locale.ROOT, "  %s simulated: %d steps of %.2f ms on average, mean decode batch %.1f, %d preemptions "
        + "(KV holds %d tokens per replica)%n", duration(s.duration()), r.steps(), r.meanStepTime().toMillis(),
        r.meanDecodeBatch(), r.preemptions(), r.kvCacheTokens()));
    return sb.toString();
  }

  /**
   * Returns the closed loop's steady-state request range: without the first round of clients
   * (whose requests overlap the ones under way at the start, which are not reported) or, after a
   * burst start, the first two, and without the last round (the drain); null when too few remain.
   */
  static int[] steadyWindow(SimulationResult r) {
    if (r.mode() != ServingMode.CLOSED_LOOP || r.workload().concurrency() < 2) {
      return null;
    }
    int c = r.workload().concurrency();
    int n = r.requests().size();
    int from = r.options().start() == SimulationOptions.Start.BURST ? 2 * c : c;
    int to = n - c;
    return to - from >= Math.max(2, c / 2) ? new int[] {from, to} : null;
  }

  private static void row(StringBuilder sb, String name, LatencyStats s, double estimate) {
    sb.append(String.format(Locale.ROOT, "  %-10s %10.2f %10.2f %10.2f %10.2f %10s%n", name, s.mean().toMillis(),
        s.p50().toMillis(), s.p90().toMillis(), s.p99().toMillis(),
        Double.isNaN(estimate) ? "" : String.format(Locale.ROOT, "%.2f", estimate)));
  }

  static String duration(TimeSpan t) {
    return t.seconds() >= 1 ? String.format(Locale.ROOT, "%.2f s", t.seconds()) : String.format(Locale.ROOT, "%.1f ms", t.toMillis());
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
