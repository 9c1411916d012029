package dev.aicompass.simulate;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.internal.Checks;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.perf.PerformanceOptions;
import dev.aicompass.perf.ServingMode;
import dev.aicompass.perf.StepTimer;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Simulates serving a number of requests on a deployment, step by step, under continuous batching
 * (stateless, thread-safe). Where {@link PerformanceEstimator} solves for a smooth steady state,
 * the simulator runs the engine's scheduler: every step admits waiting requests while the KV cache
 * (from {@link MemoryEstimator}, in blocks), {@code max_num_seqs} and the token budget
 * ({@code max_num_batched_tokens}) allow, splits prompts into chunks when chunked prefill is on,
 * generates one token for every decoding request, and preempts (and later recomputes) the newest
 * request when on-demand KV allocation runs out, after vLLM's V1 scheduler. A step lasts what
 * {@link StepTimer} charges for its mix of prompt chunks and decoding sequences, the same cost
 * model as {@link PerformanceEstimator}.
 *
 * <p>Load: closed loop when the workload has no request rate ({@code concurrency} clients, each
 * sending its next request when the previous one completes; they start staggered or all at once,
 * see {@link SimulationOptions.Start}), otherwise open loop with Poisson arrivals at
 * the request rate (the first at time 0) drawn from a {@link SplittableRandom} seeded with
 * {@link SimulationOptions#seed()}. A request reaches the scheduler the engine's request overhead
 * after it is sent; with several data-parallel replicas a closed-loop client keeps to one replica
 * (client i to replica i mod DP, as with session affinity) and an open-loop request goes to the
 * replica with the fewest outstanding requests. The result is deterministic for a seed. Work is
 * one event per engine step, so the cost grows with steps and running requests, not with tokens
 * times requests.
 */
public final class ServingSimulator {
  private ServingSimulator() {}

  /** Simulates {@code workload} on {@code deployment} with default options (100 requests, seed 0). */
  public static SimulationResult simulate(Deployment deployment, Workload workload) {
    return simulate(deployment, workload, SimulationOptions.defaults());
  }

  /**
   * Simulates {@code options.requests()} requests shaped like {@code workload} on {@code deployment}.
   *
   * @throws IllegalArgumentException if the workload generates no tokens, if a request is longer
   *     than the deployment's {@code maxModelLen}, or if one request does not fit a replica's KV cache
   */
  public static SimulationResult simulate(Deployment deployment, Workload workload, SimulationOptions options) {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(options, "options");
    Checks.positive("outputTokens", workload.outputTokens());
    long sequence = MemoryEstimator.sequenceTokens(deployment.model(), workload);
    int prompt = Math.toIntExact(sequence - workload.outputTokens());
    if (sequence > deployment.maxModelLen()) {
      throw Checks.invalid("prompt + output tokens", sequence, "not exceed maxModelLen (" + deployment.maxModelLen() + ")");
    }
    EngineProfile engine = deployment.engine();
    PerformanceOptions perf = options.performance();
    StepTimer timer = StepTimer.of(deployment, perf);
    boolean full = perf.kvReservationFor(engine.kind()) == PerformanceOptions.KvReservation.FULL_SEQUENCE;
    int maxSeqs = perf.maxBatchSize().isPresent() ? perf.maxBatchSize().getAsInt() : engine.maxNumSeqs();
    int budget = engine.chunkedPrefill() ? engine.maxNumBatchedTokens()
        : Math.max(engine.maxNumBatchedTokens(), deployment.maxModelLen());
    int replicas = deployment.parallelism().dp();
    ReplicaScheduler[] engines = new ReplicaScheduler[replicas];
    for (int i = 0; i < replicas; i++) {
      engines[i] = new ReplicaScheduler(i, timer, engine.blockSize(), full, maxSeqs, budget, engine.chunkedPrefill());
    }
    long needed = engines[0].blocksFor(sequence);
    if (needed > engines[0].totalBlocks) {
      throw Checks.invalid("prompt + output tokens", sequence, "fit one replica's KV cache ("
          + engines[0].totalBlocks * engine.blockSize() + " tokens in blocks of " + engine.blockSize() + ")");
    }
    // the engine's prefix-cache hit rate: that share of each prompt is served from the cache (at least one token is computed)
    int cached = (int) Math.min(prompt - 1, Math.floor(prompt * engine.prefixCacheHitRate()));
    return new Run(deployment, workload, options, engines, prompt, cached, timer.kvCacheTokens(), budget).run();
  }

  /** One simulation's event loop. */
  private static final class Run {
    final Deployment d;
    final Workload w;
    final SimulationOptions o;
    final ReplicaScheduler[] engines;
    final int prompt;
    final int cached;
    final long kvCacheTokens;
    final double overhead;
    final double images;
    final double audio;
    final boolean open;
    final int n;
    final List<SimRequest> all;
    final int budget;
    int clients;
    final PriorityQueue<SimRequest> arrivals = new PriorityQueue<>((a, b) -> {
      int c = Double.compare(a.visible, b.visible);
      return c != 0 ? c : Integer.compare(a.id, b.id);
    });

    Run(Deployment d, Workload w, SimulationOptions o, ReplicaScheduler[] engines, int prompt, int cached,
        long kvCacheTokens, int budget) {
      this.cached = cached;
      this.d = d;
      this.budget = budget;
      this.w = w;
      this.o = o;
      this.engines = engines;
      this.prompt = prompt;
      this.kvCacheTokens = kvCacheTokens;
      this.overhead = d.engine().requestOverhead().seconds();
      this.images = d.model().vision().isPresent() ? w.imagesPerRequest() : 0;
      this.audio = d.model().audio().isPresent() ? w.audioSecondsPerRequest() : 0;
      this.open = w.requestRate().isPresent();
      this.n = o.requests();
      this.all = new ArrayList<>(n);
    }

    SimRequest issue(int client, double at) {
      SimRequest r = new SimRequest(all.size(), client, at, at + overhead, prompt, cached, w.outputTokens(), images, audio);
      all.add(r);
      arrivals.add(r);
      return r;
    }

    /** Returns client {@code c}'s request in the state after {@code steps} of its steps (not reported). */
    SimRequest warmRequest(int c, long steps, long chunks, int budget) {
      SimRequest r = new SimRequest(-1, c, 0, 0, prompt, cached, w.outputTokens(), images, audio);
      r.encoded = true;
      if (steps < chunks) {
        r.computed = (int) (cached + steps * budget);
      } else {
        r.generated = (int) (steps - chunks + 1);
        r.computed = prompt + r.generated - 1;
      }
      return r;
    }

    SimulationResult run() {
      if (open) {
        SplittableRandom random = new SplittableRandom(o.seed());
        double rate = w.requestRate().getAsDouble();
        double t = 0;
        for (int i = 0; i < n; i++) {
          issue(-1, t);
          t += -Math.log(1 - random.nextDouble()) / rate;
        }
      } else {
        clients = Math.min(n, w.concurrency());
        boolean burst = o.start() == SimulationOptions.Start.BURST;
        int replicas = engines.length;
        // A request's life in engine steps: its prompt chunks, then its decode steps; a closed-loop
        // cycle adds the step it waits out after it is sent. Staggered, replica r's client j of C_r
        // is j/C_r of a cycle from completing its current request when the first step starts: warm
        // (its KV cache filled, not reported) when that request is under way, otherwise sent at time
        // 0 (or just after, to miss the first step).
        long chunks = (prompt - cached + budget - 1) / budget;
        long life = chunks + w.outputTokens() - 1;
        for (int c = 0; c < clients; c++) {
          int r = c % replicas;
          int perReplica = (clients - r + replicas - 1) / replicas;
          // one client per replica finds the engine idle every time: its steady state is a cold start
          long ran = burst || perReplica == 1 ? 0 : life - 1 - (c / replicas) * (life + 1) / perReplica;
          if (ran <= 0 || !engines[r].warm(warmRequest(c, ran, chunks, budget))) {
            issue(c, ran < 0 ? Math.ulp(1.0) : 0);
          }
        }
        // the first step starts when the requests sent at time 0 reach the scheduler
        for (ReplicaScheduler e : engines) {
          if (e.hasWork()) {
            e.start(overhead);
          }
        }
      }
      List<SimRequest> done = new ArrayList<>();
      while (true) {
        double ta = arrivals.isEmpty() ? Double.POSITIVE_INFINITY : arrivals.peek().visible;
        ReplicaScheduler next = null;
        for (ReplicaScheduler e : engines) {
          if (e.busy && (next == null || e.stepEnd < next.stepEnd)) {
            next = e;
          }
        }
        double ts = next == null ? Double.POSITIVE_INFINITY : next.stepEnd;
        if (ta == Double.POSITIVE_INFINITY && ts == Double.POSITIVE_INFINITY) {
          break;
        }
        double now;
        if (ts <= ta) {
          now = ts;
          done.clear();
          next.finish(done);
          if (!open) {
            for (SimRequest r : done) {
              if (all.size() < n) {
                issue(r.client, now);
              }
            }
          }
        } else {
          now = ta;
        }
        while (!arrivals.isEmpty() && arrivals.peek().visible <= now) {
          dispatch(arrivals.poll());
        }
        for (ReplicaScheduler e : engines) {
          if (!e.busy && e.hasWork()) {
            e.start(now);
          }
        }
      }
      return new SimulationResult(d, w, o, open ? ServingMode.OPEN_LOOP : ServingMode.CLOSED_LOOP, all, engines,
          kvCacheTokens);
    }

    /** Sends a closed-loop client's requests to its own replica, an open-loop request to the least busy one. */
    void dispatch(SimRequest r) {
      if (r.client >= 0) {
        engines[r.client % engines.length].enqueue(r);
        return;
      }
      ReplicaScheduler best = engines[0];
      for (ReplicaScheduler e : engines) {
        if (e.outstanding() < best.outstanding()) {
          best = e;
        }
      }
      best.enqueue(r);
    }
  }
}
