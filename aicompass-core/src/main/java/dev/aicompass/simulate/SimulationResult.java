package dev.aicompass.simulate;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.internal.Checks;
import dev.aicompass.perf.ServingMode;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link ServingSimulator} run produced: every request with its token times, and summaries
 * of TTFT, TPOT, ITL, E2E and throughput over all requests or a range of them (to leave out the
 * warm-up and drain of a closed loop).
 */
public final class SimulationResult {
  private final Deployment deployment;
  private final Workload workload;
  private final SimulationOptions options;
  private final ServingMode mode;
  private final List<SimulatedRequest> requests;
  private final long kvCacheTokens;
  private final long steps;
  private final double meanDecodeBatch;
  private final double busySeconds;
  private final long preemptions;
  private volatile SimulationSummary summary;

  SimulationResult(Deployment deployment, Workload workload, SimulationOptions options, ServingMode mode,
      List<SimRequest> all, ReplicaScheduler[] engines, long kvCacheTokens) {
    this.deployment = deployment;
    this.workload = workload;
    this.options = options;
    this.mode = mode;
    this.kvCacheTokens = kvCacheTokens;
    double[][] timelines = new double[engines.length][];
    long s = 0;
    double decoding = 0;
    double busy = 0;
    long pre = 0;
    for (ReplicaScheduler e : engines) {
      timelines[e.index] = e.timeline();
      s += e.steps();
      decoding += e.decodeSequences;
      busy += e.busySeconds;
      pre += e.preemptions;
    }
    List<SimulatedRequest> out = new ArrayList<>(all.size());
    for (SimRequest r : all) {
      out.add(new SimulatedRequest(r, timelines[r.replica]));
    }
    this.requests = Collections.unmodifiableList(out);
    this.steps = s;
    this.meanDecodeBatch = s == 0 ? 0 : decoding / s;
    this.busySeconds = busy;
    this.preemptions = pre;
  }

  public Deployment deployment() {
    return deployment;
  }

  public Workload workload() {
    return workload;
  }

  public SimulationOptions options() {
    return options;
  }

  /** Returns {@link ServingMode#CLOSED_LOOP} or {@link ServingMode#OPEN_LOOP}. */
  public ServingMode mode() {
    return mode;
  }

  /** Returns every request in the order it was sent. */
  public List<SimulatedRequest> requests() {
    return requests;
  }

  /** Returns the summary of every request (what {@code vllm bench serve} prints for the run). */
  public SimulationSummary summary() {
    SimulationSummary s = summary;
    if (s == null) {
      s = new SimulationSummary(requests, requests);
      summary = s;
    }
    return s;
  }

  /**
   * Returns the summary of the requests sent {@code from} (inclusive) to {@code to} (exclusive),
   * e.g. a closed loop's steady state without its first and last {@code concurrency} requests.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ from < to ≤ requests().size()}
   */
  public SimulationSummary summary(int from, int to) {
    if (from < 0 || to <= from || to > requests.size()) {
      throw new IllegalArgumentException(Checks.format("request range [%d, %d) must lie within [0, %d)", from, to,
          requests.size()));
    }
    return new SimulationSummary(requests.subList(from, to), requests);
  }

  /** Returns when the last request completed. */
  public TimeSpan duration() {
    double end = 0;
    for (SimulatedRequest r : requests) {
      end = Math.max(end, r.completionSeconds());
    }
    return TimeSpan.ofSeconds(end);
  }

  /** Returns the KV-cache tokens of one replica (the memory estimate the scheduler allocates blocks from). */
  public long kvCacheTokens() {
    return kvCacheTokens;
  }

  /** Returns the engine steps run (all replicas). */
  public long steps() {
    return steps;
  }

  /** Returns the mean number of decoding sequences per step. */
  public double meanDecodeBatch() {
    return meanDecodeBatch;
  }

  /** Returns the mean step time. */
  public TimeSpan meanStepTime() {
    return TimeSpan.ofSeconds(steps == 0 ? 0 : busySeconds / steps);
  }

  /** Returns how many times a request was preempted for lack of KV blocks. */
  public long preemptions() {
    return preemptions;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s, %d in / %d out: %s; %d steps, mean decode batch %.1f, %d preemptions",
        mode, deployment.parallelism(), workload.inputTokens(), workload.outputTokens(), summary(), steps,
        meanDecodeBatch, preemptions);
  }
}
