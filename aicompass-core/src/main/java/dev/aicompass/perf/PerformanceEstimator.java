package dev.aicompass.perf;

import dev.aicompass.Method;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.explain.Derivation;
import dev.aicompass.hardware.EfficiencyProfile;
import dev.aicompass.internal.Quantities;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.workload.Workload;
import java.util.Objects;
import java.util.Optional;

/**
 * Estimates serving latency and throughput of a deployment (stateless, thread-safe).
 *
 * <p>The engine is modelled as continuous batching: every step runs the decoding sequences plus
 * chunks of prompts, up to the engine's token budget ({@code max_num_batched_tokens}); a step costs
 * {@link PhaseCost}'s operator times plus the engine's step overhead. Per replica (DP replicas
 * share the load evenly):
 *
 * <ul>
 *   <li>decode batch from Little's law, {@code B = λ · (OSL−1) · TPOT}, capped by the KV capacity of
 *       {@link MemoryEstimator} (a request reserves prompt + output under TensorRT-LLM, prompt +
 *       output/2 on average with paged allocation) and by {@code max_num_seqs};
 *   <li>TPOT = the mean step time a decoding request sees, the steps also carrying the prompts of
 *       the other arriving requests ({@code λ·ISL} tokens per second, chunked prefill): as the
 *       engine takes a waiting prompt whole (up to its token budget), steps carry whole chunks, so
 *       the mean mixes steps with and without them (Replica.meanStep) rather than timing
 *       one step with the mean prefill spread over all (a step's time is convex in its prompt
 *       tokens: a memory-bound decode step hides only a few); with the engine's chunked prefill off
 *       ({@link dev.aicompass.deploy.EngineProfile#chunkedPrefill()}) whole prompts run in steps of
 *       their own (prefills first), which pass without a token for the decoding requests;
 *   <li>with a prefix-cache hit rate h ({@link dev.aicompass.deploy.EngineProfile#prefixCacheHitRate()})
 *       only {@code ISL·(1−h)} prompt tokens are computed, attending over the cached prefix; the
 *       KV cache still holds the whole prompt;
 *   <li>TTFT = request overhead + the wait for the running step + the request's own prefill chunks
 *       + in an open loop M/D/1 queueing for the prefill capacity ({@code ρ·s / (2(1−ρ))}); in a
 *       closed loop the wait is for the step that began when the client's previous request
 *       completed, and clients queue only beyond the prefill, KV or {@code max_num_seqs} capacity
 *       (Little's law);
 *   <li>closed loop: λ solves {@code λ · (TTFT + (OSL−1)·TPOT) = C}; open loop: λ is given.
 * </ul>
 * {@code dev.aicompass.simulate.ServingSimulator} runs the same cost model step by step; in a
 * closed loop the two agree within 10 % on mean TTFT and TPOT (ServingSimulatorProperties).
 * Max-throughput mode runs the largest batch that KV capacity, {@code max_num_seqs} and the token
 * budget allow, with each request's prefill amortised over its output tokens. Speculative decoding
 * and prefill–decode disaggregation are options ({@link PerformanceOptions}).
 */
public final class PerformanceEstimator {
  /**
   * Error band of saturation throughput: 10th-90th percentile of measured/predicted over the 267
   * offline rows of calibration/latency.csv (LatencyValidationTest, 2025-11-23).
   */
  static final ErrorBand THROUGHPUT_BAND = ErrorBand.of(0.92, 1.09);
  /**
   * Error band of TTFT and TPOT: the union of the 10th-90th percentile bands of measured/predicted
   * TTFT (×0.95-×1.36) and TPOT (×0.83-×1.13) over the 36 online rows of calibration/latency.csv
   * (LatencyValidationTest, 2026-11-23, steps mixing whole prompt chunks).
   */
  static final ErrorBand LATENCY_BAND = ErrorBand.of(0.83, 1.36);

  /*
   * Engines other than TensorRT-LLM (vLLM, SGLang; no calibration rows): bands from the rows of
   * docs/validation/latency-extra.csv (vLLM and SGLang on H100/H200/A100/MI300X and others, measured
   * by their users; 10th-90th percentile of measured/predicted, DeepSeek rows on engines of its first
   * weeks left out), each joined with the calibrated band.
   */
  /** Served engines' saturation throughput: ×0.29-×1.02 over 73 offline rows (long prompts run slower than modelled). */
  static final ErrorBand SERVED_THROUGHPUT_BAND = ErrorBand.of(0.29, 1.09);
  /** Served engines' TPOT and step latency: ×0.72-×1.16 over 24 online rows, joined with the calibrated band. */
  static final ErrorBand SERVED_LATENCY_BAND = ErrorBand.of(0.72, 1.36);
  /**
   * Served engines' TTFT: ×0.86-×4.65 over 29 online rows (with their 45 ms request overhead). TTFT
   * through vLLM's and SGLang's HTTP servers still ran up to several times the modelled time
   * (queueing behind other prompts and server work the model does not see), so the band is wide on
   * the high side.
   */
  static final ErrorBand SERVED_TTFT_BAND = ErrorBand.of(0.86, 4.65);

  /** Returns {@code calibrated} for TensorRT-LLM and {@code served} for the engines without calibration rows. */
  static ErrorBand band(Deployment d, ErrorBand calibrated, ErrorBand served) {
    return d.engine().kind() == dev.aicompass.deploy.EngineKind.TRTLLM ? calibrated : served;
  }

  /** Returns the TTFT band of an estimate whose other band is {@code band}. */
  static ErrorBand ttftBand(Deployment d, ErrorBand band) {
    return d.engine().kind() == dev.aicompass.deploy.EngineKind.TRTLLM ? band : SERVED_TTFT_BAND;
  }

  /** Mean decode batches below this are timed as a mix of the whole batches around them. */
  static final double SMALL_BATCH = 16;

  private PerformanceEstimator() {}

  /** Estimates {@code deployment} under {@code workload}: open loop when it has a request rate, else closed loop. */
  public static LatencyEstimate estimate(Deployment deployment, Workload workload) {
    return estimate(deployment, workload, PerformanceOptions.defaults());
  }

  /** Estimates {@code deployment} under {@code workload} with {@code options}: open loop when it has a request rate, else closed loop. */
  public static LatencyEstimate estimate(Deployment deployment, Workload workload, PerformanceOptions options) {
    ServingMode mode = workload.requestRate().isPresent() ? ServingMode.OPEN_LOOP : ServingMode.CLOSED_LOOP;
    return estimate(deployment, workload, mode, options, null);
  }

  /** Estimates the saturation throughput: requests always queued, the engine's best batch. */
  public static LatencyEstimate maxThroughput(Deployment deployment, Workload workload) {
    return estimate(deployment, workload, ServingMode.MAX_THROUGHPUT, PerformanceOptions.defaults(), null);
  }

  /** Estimates the saturation throughput with {@code options}. */
  public static LatencyEstimate maxThroughput(Deployment deployment, Workload workload, PerformanceOptions options) {
    return estimate(deployment, workload, ServingMode.MAX_THROUGHPUT, options, null);
  }

  /**
   * Estimates {@code deployment} in {@code mode}. {@code memory}, when given, must be the
   * {@link MemoryEstimator} result of one replica of {@code deployment} (the planner passes the one
   * it already has); otherwise it is computed. For {@link ServingMode#STATIC_BATCH} and
   * {@link ServingMode#BURST} the workload's concurrency is the batch (number of requests).
   *
   * @throws IllegalArgumentException if a disaggregated layout does not suit the model
   */
  public static LatencyEstimate estimate(Deployment deployment, Workload workload, ServingMode mode,
      PerformanceOptions options, MemoryBreakdown memory) {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(options, "options");
    if (options.disaggregation().isPresent()) {
      return new Disaggregated(deployment, workload, mode, options).run();
    }
    Replica r = new Replica(deployment, deployment.parallelism(), workload, options, memory);
    int replicas = deployment.parallelism().dp();
    switch (mode) {
      case OPEN_LOOP:
        return r.openLoop(workload.requestRate().orElse(1.0) / replicas, replicas);
      case MAX_THROUGHPUT:
        return r.maxThroughput(replicas);
      case STATIC_BATCH:
        return r.staticBatch(workload.concurrency(), replicas);
      case BURST:
        return r.burst(workload.concurrency() / (double) replicas, replicas);
      default:
        return r.closedLoop(workload.concurrency(), replicas);
    }
  }

  static String ms(double seconds) {
    return Quantities.number(seconds * 1e3, 3) + " ms";
  }

  static String num(double v) {
    return Quantities.number(v, v >= 100 ? 0 : 2);
  }

  /** One model replica serving its share of the load. */
  static final class Replica {
    final Deployment d;
    final Parallelism layout;
    final Workload w;
    final PerformanceOptions o;
    final EngineProfile e;
    final StepModel sm;
    /** Prompt tokens the replica computes per request: the prompt less its prefix-cache hits (at least 1). */
    final double isl;
    /** Prompt tokens per request held in the KV cache (text plus image and audio tokens). */
    final double prompt;
    final boolean chunked;
    /** Tokens one step may process: max_num_batched_tokens, or with chunked prefill off at least a whole max-model-len prompt. */
    final double budget;
    final double osl;
    final double images;
    final double audio;
    final double keys;
    final double kvMean;
    final double q;
    final double perStep;
    final double draftRatio;
    final double draftTokens;
    final double maxTok;
    final double reqOverhead;
    final long capacity;
    final double reservation;
    final double bmax;
    /** The step of at most one decoding sequence, the fixed-point iteration's start (computed once). */
    private double idleStep = -1;
    final boolean nonLinearInBatch;
    /** The step times of the last operating point, the next one's first guess (not thread-safe; a Replica is per call). */
    double lastTau;
    double lastDecodeStep;

    Replica(Deployment d, Parallelism layout, Workload w, PerformanceOptions o, MemoryBreakdown memory) {
      this.d = d;
      this.layout = layout;
      this.w = w;
      this.o = o;
      this.e = d.engine();
      EfficiencyProfile eff = o.efficiency().orElseGet(() -> EfficiencyProfile.of(d.accelerator()));
      this.sm = new StepModel(d, layout, eff, o.cost());
      ModelSpec m = d.model();
      double mm = MemoryEstimator.sequenceTokens(m, w) - w.inputTokens() - w.outputTokens();
      this.prompt = w.inputTokens() + mm;
      double hit = e.prefixCacheHitRate();
      this.isl = hit > 0 ? Math.max(1.0, prompt * (1 - hit)) : prompt;
      this.chunked = e.chunkedPrefill();
      this.osl = w.outputTokens();
      this.images = m.vision().isPresent() ? w.imagesPerRequest() : 0;
      this.audio = m.audio().isPresent() ? w.audioSecondsPerRequest() : 0;
      // a computed token attends over the cached prefix too: the mean position of the uncached tail
      this.keys = isl < prompt && o.cost().attention() == CostOptions.AttentionConvention.CAUSAL
          ? (prompt - isl + prompt + 1) / 2.0 : PhaseCost.meanPrefillKeys(prompt, o.cost());
      this.kvMean = prompt + osl / 2.0;
      if (o.speculative().isPresent()) {
        SpeculativeDecoding s = o.speculative().get();
        this.q = s.draftTokens() + 1;
        this.perStep = s.expectedTokensPerStep();
        this.draftRatio = s.draftCostRatio();
        this.draftTokens = s.draftTokens();
      } else {
        this.q = 1;
        this.perStep = 1;
        this.draftRatio = 0;
        this.draftTokens = 0;
      }
      this.maxTok = e.maxNumBatchedTokens();
      this.budget = chunked ? maxTok : Math.max(maxTok, d.maxModelLen());
      this.reqOverhead = e.requestOverhead().seconds();
      MemoryBreakdown mem = memory != null ? memory
          : MemoryEstimator.estimate(Deployment.builder().from(d).parallelism(replicaLayout(layout)).build(),
              Optional.empty(), Method.ROOFLINE);
      this.capacity = mem.kvCacheTokens();
      this.reservation = o.kvReservationFor(e.kind()) == PerformanceOptions.KvReservation.FULL_SEQUENCE
          ? prompt + osl : prompt + osl / 2.0;
      double seqs = o.maxBatchSize().isPresent() ? o.maxBatchSize().getAsInt() : e.maxNumSeqs();
      this.bmax = Math.max(1.0, Math.min(seqs, Math.floor(capacity / Math.max(1.0, reservation))));
      this.nonLinearInBatch = layout.pp() > 1 || m.moe().isPresent();
    }

    static Parallelism replicaLayout(Parallelism p) {
      return Parallelism.of(p.tp(), p.pp(), p.ep(), Math.max(1, p.ep() / p.tp()));
    }

    /**
     * One engine step: b decoding sequences (with speculative verify and draft), plus prefill
     * tokens. With pipeline stages or experts, a mean batch of a few sequences is a mix of the
     * whole batches around it (the step time is not linear in a small batch there: micro-batches,
     * experts touched).
     */
    double step(double b, double prefill, double prefillSeqs) {
      if (nonLinearInBatch && b > 0 && b < SMALL_BATCH && b != Math.floor(b)) {
        double lo = Math.floor(b);
        double f = b - lo;
        return (1 - f) * wholeStep(lo, prefill, prefillSeqs) + f * wholeStep(lo + 1, prefill, prefillSeqs);
      }
      return wholeStep(b, prefill, prefillSeqs);
    }

    double wholeStep(double b, double prefill, double prefillSeqs) {
      double t = sm.step(b, q, kvMean, prefill, keys, prefillSeqs, prefillSeqs * images, prefillSeqs * audio, null);
      if (draftTokens > 0 && b > 0) {
        t += draftTokens * draftRatio * sm.step(b, 1, kvMean, 0, 0, 0, 0, 0, null);
      }
      return t;
    }

    double idleStep() {
      if (idleStep < 0) {
        idleStep = step(Math.min(bmax, 1), 0, 0);
      }
      return idleStep;
    }

    /**
     * Returns the mean step time when {@code prefill} prompt tokens per step arrive as whole
     * prompts: the engine takes a waiting prompt (up to the token budget {@code cap}) into the
     * next step at once rather than spreading it over many steps, so steps carry k or k+1 chunks
     * around the mean, mixed so that the mean prefill per step is {@code prefill}. A step's time is
     * convex in its prompt tokens (a memory-bound decode step hides few of them), so this is at
     * least {@code step(b, prefill)}.
     */
    double meanStep(double b, double prefill, double cap) {
      double chunk = chunkOf(cap);
      if (!(prefill > 0) || !(chunk > 0)) {
        return step(b, 0, 0);
      }
      double lo = Math.min(cap, Math.floor(prefill / chunk) * chunk);
      double hi = Math.min(cap, lo + chunk);
      if (!(hi > lo)) {
        return mixed(b, prefill);
      }
      double f = Math.min(1, (prefill - lo) / (hi - lo));
      return (1 - f) * mixed(b, lo) + f * mixed(b, hi);
    }

    /**
     * Returns the prompt-only steps of one decode round without chunked prefill when {@code x}
     * prompts arrive per round: a step with the one prompt a share x of the rounds (x ≤ 1), else one
     * step carrying x prompts (mixing the whole numbers around x).
     */
    double promptRound(double x) {
      if (!(x > 0)) {
        return 0;
      }
      if (x <= 1) {
        return x * step(0, isl, 1);
      }
      double lo = Math.floor(x);
      double f = x - lo;
      return (1 - f) * step(0, lo * isl, lo) + f * step(0, (lo + 1) * isl, lo + 1);
    }

    /**
     * Returns a step of {@code b} decoding sequences and {@code prompts} prompt tokens; without
     * chunked prefill a step with prompts runs them alone (vLLM's V0 scheduler: prefills first,
     * the decodes wait the step out).
     */
    double mixed(double b, double prompts) {
      return chunked || !(prompts > 0) ? step(b, prompts, prompts / isl) : step(0, prompts, prompts / isl);
    }

    /**
     * Returns the mean wait of a closed-loop request for its first step: it is sent when the
     * client's previous request completes, at the end of a step, reaches the scheduler the request
     * overhead later, and waits for the end of the step that began at that instant (see
     * {@link #residual}); averaged over the steps of {@link #meanStep}.
     */
    double meanWait(double others, double prefill, double cap) {
      // the caller weighs the chance that the engine is busy; a busy step decodes at least one
      double b = Math.max(1, others);
      double o = reqOverhead;
      double chunk = chunkOf(cap);
      if (!(prefill > 0) || !(chunk > 0)) {
        return residual(step(b, 0, 0), o);
      }
      double lo = Math.min(cap, Math.floor(prefill / chunk) * chunk);
      double hi = Math.min(cap, lo + chunk);
      if (!(hi > lo)) {
        return residual(mixed(b, prefill), o);
      }
      double f = Math.min(1, (prefill - lo) / (hi - lo));
      return (1 - f) * residual(mixed(b, lo), o) + f * residual(mixed(b, hi), o);
    }

    /**
     * Returns the share of prompts that do not fit the step they are first scheduled in and finish
     * a step later: with {@code x} chunks per step arriving evenly, steps take ⌊x⌋ or ⌈x⌉ of them
     * (⌈x⌉ with probability x − ⌊x⌋), and those beyond the {@code fit} whole chunks a step's token
     * budget holds are cut.
     */
    static double spill(double x, double fit) {
      if (!(x > fit)) {
        return 0;
      }
      double lo = Math.floor(x);
      double f = x - lo;
      return (f * Math.max(0, lo + 1 - fit) + (1 - f) * Math.max(0, lo - fit)) / x;
    }

    /**
     * Returns the prompt tokens of the step a closed-loop request waits out: the step after its
     * client's previous request completed carries the prompts sent one step earlier. With
     * {@code x = prefill/chunk} prompts per step arriving evenly (clients at their places in the
     * cycle of steps, {@code 1/x} steps apart), the previous one was sent exactly one step earlier
     * with probability {@code 2 − 1/x} when they are one to two steps apart, never when they are
     * two or more apart, and every step carries {@code x} chunks when several arrive per step.
     */
    static double precedingPrefill(double prefill, double chunk) {
      double x = chunk > 0 ? prefill / chunk : 0;
      if (x <= 0.5) {
        return 0;
      }
      return x < 1 ? (2 - 1 / x) * chunk : prefill;
    }

    /**
     * Returns the wait from {@code overhead} after a step of length {@code tau} began to the end of
     * the step then running: {@code tau − overhead}, or, when the overhead outlasts the step, the
     * rest of the step it falls in ({@code tau·⌈overhead/tau⌉ − overhead}).
     */
    static double residual(double tau, double overhead) {
      if (!(tau > 0)) {
        return 0;
      }
      return Math.max(0, tau * Math.ceil(overhead / tau - 1e-9) - overhead);
    }

    /** Returns the prompt tokens a step takes of one prompt: up to {@code cap} with chunked prefill, else the whole prompt. */
    double chunkOf(double cap) {
      return chunked ? Math.min(isl, cap) : isl;
    }

    double decodeSteps() {
      return osl > 1 ? (osl - 1) / perStep : 0;
    }

    /**
     * The steady state at arrival rate lambda (requests/s per replica). {@code others} is the share
     * of the arrivals that are other requests than a given one ((c−1)/c in a closed loop of c
     * clients, 1 in an open loop): a request's decode steps carry only the others' prompts.
     */
    Point at(double lambda, double others, boolean closed) {
      Point p = new Point();
      p.lambda = lambda;
      double steps = decodeSteps();
      // start from the last operating point (bisections call this at nearby rates)
      double tau = lastTau > 0 ? lastTau : idleStep();
      double decodeStep = lastDecodeStep > 0 ? lastDecodeStep : tau;
      double bDec = 0;
      double pStep = 0;
      boolean capped = false;
      double relax = 1;
      double lastDelta = 0;
      for (int i = 0; i < 60; i++) {
        // decoding sequences: over time (Little's law) and per step (λ·τ arrivals per step, each
        // decoding for OSL−1 steps), which differ when steps carrying prompts are long
        bDec = Math.min(bmax, lambda * steps * decodeStep);
        double bStep = Math.min(bmax, lambda * steps * tau);
        double cap = Math.max(1, budget - bStep * q);
        pStep = lambda * isl * tau;
        double next;
        double nextDecode;
        if (chunked) {
          capped = pStep > cap;
          if (capped) {
            pStep = cap;
          }
          next = meanStep(bStep, pStep, cap);
          // a decoding request's steps decode it and, on average, the others decoding
          nextDecode = meanStep(Math.min(bmax, 1 + bStep * others), pStep * others, cap);
        } else {
          // Prefills first: the prompts sent during a decode step run together in a step of their
          // own before the next decode step. Per decode round x = λ·round prompts arrive: a round
          // is a decode step plus min(1, x) prompt steps carrying max(1, x) prompts.
          double x = lambda * decodeStep;
          capped = lambda * promptRound(1) >= 0.95;
          if (capped) {
            x = Math.min(x, 0.95 / lambda / promptRound(1) * x);
          }
          next = (step(bStep, 0, 0) + promptRound(x)) / (1 + Math.min(1, x));
          nextDecode = step(Math.min(bmax, 1 + bStep * others), 0, 0) + promptRound(x * others);
          pStep = Math.min(1, x) / (1 + Math.min(1, x)) * Math.max(1, x) * isl;
        }
        if (Math.abs(next - tau) <= 1e-6 * tau && Math.abs(nextDecode - decodeStep) <= 1e-6 * decodeStep) {
          tau = next;
          decodeStep = nextDecode;
          break;
        }
        // full steps while the iteration closes in from one side, halved (down to a quarter) when it overshoots
        double delta = next - tau;
        if (delta * lastDelta < 0) {
          relax = Math.max(0.25, 0.5 * relax);
        }
        lastDelta = delta;
        tau += relax * delta;
        decodeStep += relax * (nextDecode - decodeStep);
      }
      lastTau = tau;
      lastDecodeStep = decodeStep;
      p.decodeLimited = lambda * steps * decodeStep > bmax * (1 + 1e-9);
      p.tau = tau;
      p.decodeStep = decodeStep;
      p.bDec = bDec;
      p.pStep = pStep;
      p.tpot = osl > 1 ? decodeStep / perStep : 0;
      double bStep = Math.min(bmax, lambda * steps * tau);
      double cap = Math.max(1, budget - bStep * q);
      double chunk = chunkOf(cap);
      double chunks = Math.ceil(isl / chunk - 1e-9);
      double carry = Math.max(pStep, chunk);
      // the step carrying a request's prompt decodes the other requests only
      double tauChunk = mixed(bStep * others, carry);
      p.service = chunks * tauChunk + spill(pStep / chunk, Math.floor(cap / chunk)) * tau;
      double full = mixed(bStep, cap);
      double prefillRate = cap / full;
      p.rho = lambda * isl / prefillRate;
      p.capped = capped;
      p.saturated = p.rho >= 1 || capped || p.decodeLimited;
      if (closed) {
        // A closed-loop request is sent when the client's previous one completes, at the end of a
        // step, and reaches the scheduler the request overhead later: it waits out the step that
        // began at that instant (or the next ones, when a step is shorter than the overhead). A
        // finite loop of clients does not queue for prefill below saturation (no M/D/1 term); at
        // saturation the surplus clients wait by Little's law (closedLoop).
        p.wait = Math.min(1, bStep * others) * meanWait(bStep * others, precedingPrefill(pStep, chunk), cap);
        p.queue = 0;
      } else {
        p.wait = 0.5 * tau * Math.min(1, bDec);
        p.queue = p.rho >= 1 ? Double.POSITIVE_INFINITY : p.rho * p.service / (2 * (1 - p.rho));
      }
      p.ttft = reqOverhead + p.wait + p.service + p.queue;
      return p;
    }

    /**
     * Returns the closed loop of {@code clients} over {@code replicas}: whole clients, so some
     * replicas may serve one client more than the others; latencies are averaged over requests.
     */
    LatencyEstimate closedLoop(int clients, int replicas) {
      int low = clients / replicas;
      int busier = clients - low * replicas;
      Point p = closedPoint(busier > 0 ? low + 1 : low);
      if (busier > 0) {
        Point q = low > 0 ? closedPoint(low) : null;
        double wp = busier * p.lambda;
        double wq = q == null ? 0 : (replicas - busier) * q.lambda;
        double total = wp + wq;
        if (q != null && total > 0) {
          p.ttft = (wp * p.ttft + wq * q.ttft) / total;
          p.tpot = (wp * p.tpot + wq * q.tpot) / total;
          p.wait = (wp * p.wait + wq * q.wait) / total;
          p.service = (wp * p.service + wq * q.service) / total;
          p.queue = (wp * p.queue + wq * q.queue) / total;
        }
        p.bDec = (busier * p.bDec + (q == null ? 0 : (replicas - busier) * q.bDec)) / replicas;
        p.lambda = total / replicas;
      }
      return build(ServingMode.CLOSED_LOOP, p, replicas);
    }

    /** Returns the steady state of one replica serving {@code c} clients in a closed loop. */
    Point closedPoint(double c) {
      double admitted = Math.min(c, bmax);
      double others = c > 1 ? (c - 1) / c : 0;
      Point zero = at(0, others, true);
      double e2e0 = zero.ttft + decodeSteps() * zero.decodeStep;
      double lo = 0;
      double hi = admitted / Math.max(e2e0, 1e-9);
      Point best = null;
      for (int i = 0; i < 60; i++) {
        double mid = 0.5 * (lo + hi);
        Point p = at(mid, others, true);
        double e2e = p.ttft + decodeSteps() * p.decodeStep;
        if (p.capped || p.decodeLimited || mid * e2e > admitted) {
          hi = mid;
        } else {
          lo = mid;
          best = p;
        }
        if (hi - lo <= 1e-5 * hi) {
          break;
        }
      }
      if (best == null) {
        best = at(lo, others, true);
      }
      Point p = best;
      // clients beyond what the engine holds (KV capacity, max_num_seqs, prefill saturation) queue
      double inFlight = p.lambda * (p.ttft + decodeSteps() * p.decodeStep);
      if (c > inFlight * (1 + 1e-4) && p.lambda > 0) {
        p.queue += (c - inFlight) / p.lambda;
        p.ttft += (c - inFlight) / p.lambda;
      }
      p.saturated = false;
      return p;
    }

    LatencyEstimate openLoop(double lambda, int replicas) {
      Point p = at(lambda, 1, false);
      if (p.saturated) {
        Point sat = at(capacity(), 1, false);
        sat.saturated = true;
        return build(ServingMode.OPEN_LOOP, sat, replicas);
      }
      return build(ServingMode.OPEN_LOOP, p, replicas);
    }

    /**
     * Returns the largest arrival rate (requests/s) the replica serves without saturating, with
     * the prefill queue at 95 % load at most.
     */
    double capacity() {
      double lo = 0;
      double hi = Math.max(1e-6, maxPoint().lambda * 2);
      for (int i = 0; i < 50 && hi - lo > 1e-5 * hi; i++) {
        double mid = 0.5 * (lo + hi);
        Point p = at(mid, 1, false);
        if (p.saturated || p.rho > 0.95) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      return lo;
    }

    /** The engine's best batch with prefill amortised over output tokens. */
    Point maxPoint() {
      double outPerSeqStep = perStep;
      double tokenCap = osl > 0 ? maxTok / (q + isl * perStep / Math.max(1.0, osl)) : 0;
      double b = Math.max(1e-9, Math.min(bmax, osl > 0 ? tokenCap : bmax));
      double prefill = osl > 0 ? b * isl * outPerSeqStep / osl : Math.min(maxTok, bmax * isl);
      double seqs = prefill / isl;
      double tau = step(osl > 0 ? b : 0, prefill, seqs);
      Point p = new Point();
      p.tau = tau;
      p.bDec = osl > 0 ? b : 0;
      p.pStep = prefill;
      p.tpot = osl > 1 ? tau / perStep : 0;
      p.lambda = seqs / tau;
      // TTFT of a request in a queue that is always full: the prefill of an admitted wave of prompts.
      double full = step(0, Math.min(maxTok, bmax * isl), Math.min(maxTok, bmax * isl) / isl);
      double wave = Math.ceil(bmax * isl / maxTok) * full;
      p.service = Math.ceil(isl / Math.min(isl, maxTok)) * full;
      p.wait = 0.5 * wave;
      p.ttft = reqOverhead + p.wait + p.service;
      p.rho = 1;
      return p;
    }

    LatencyEstimate maxThroughput(int replicas) {
      return build(ServingMode.MAX_THROUGHPUT, maxPoint(), replicas);
    }

    LatencyEstimate staticBatch(int batch, int replicas) {
      Point p = new Point();
      double b = batch / (double) replicas;
      p.service = step(0, b * isl, b);
      p.ttft = reqOverhead + p.service;
      p.tau = step(b, 0, 0);
      p.tpot = osl > 1 ? p.tau / perStep : 0;
      p.bDec = b;
      double total = p.ttft + decodeSteps() * p.tau;
      p.lambda = b / total;
      p.saturated = b > bmax;
      return build(ServingMode.STATIC_BATCH, p, replicas);
    }

    LatencyEstimate burst(double n, int replicas) {
      Point max = maxPoint();
      double b = Math.min(n, bmax);
      double chunk = Math.min(maxTok, Math.max(1, b * isl));
      double full = step(0, chunk, chunk / isl);
      double prefillRate = chunk / full;
      double firstWave = b * isl / prefillRate;
      double tau = step(b, 0, 0);
      Point p = new Point();
      p.bDec = b;
      p.tau = tau;
      p.service = Math.ceil(isl / Math.min(isl, maxTok)) * full;
      p.wait = 0.5 * (firstWave - p.service > 0 ? firstWave - p.service : 0);
      double later = 0;
      if (n > b && max.lambda > 0) {
        later = (n - b) / n * ((n - b) / 2.0) / max.lambda;
      }
      p.queue = later;
      p.ttft = reqOverhead + p.wait + p.service + later;
      p.tpot = osl > 1 ? (0.5 * firstWave / decodeSteps() + tau) / perStep : 0;
      double waves = Math.ceil(n / b);
      double makespan = n * isl / prefillRate + waves * decodeSteps() * tau;
      p.lambda = n / makespan;
      return build(ServingMode.BURST, p, replicas);
    }

    /** Returns the estimate at {@code p}; its band is the engine's, of throughput in MAX_THROUGHPUT mode, else of latency. */
    LatencyEstimate build(ServingMode mode, Point p, int replicas) {
      double lambda = p.lambda * replicas;
      double out = lambda * osl;
      double total = lambda * (w.inputTokens() + osl);
      int devices = Math.multiplyExact(layout.devicesPerReplica(), replicas);
      double decodeB = Math.max(1, p.bDec);
      double promptTokens = isl;
      EfficiencyProfile eff = sm.eff;
      CostOptions cost = o.cost();
      Deployment dd = d;
      Parallelism lay = layout;
      ErrorBand engineBand = mode == ServingMode.MAX_THROUGHPUT ? band(d, THROUGHPUT_BAND, SERVED_THROUGHPUT_BAND)
          : band(d, LATENCY_BAND, SERVED_LATENCY_BAND);
      return new LatencyEstimate(d, w, mode, p.ttft, p.tpot, out, total, lambda, p.bDec, bmax, capacity, devices,
          p.saturated, engineBand, ttftBand(d, engineBand),
          () -> PhaseCost.record(PhaseCost.Phase.PREFILL, new StepModel(dd, lay, eff, cost),
              s -> new StepModel(dd, lay, eff, cost).step(0, 1, 0, promptTokens, keys, 1, images, audio, s)),
          () -> PhaseCost.record(PhaseCost.Phase.DECODE, new StepModel(dd, lay, eff, cost),
              s -> new StepModel(dd, lay, eff, cost).step(decodeB, q, kvMean, 0, 0, 0, 0, 0, s)),
          () -> explain(mode, p, replicas, devices, out, total));
    }

    Derivation explain(ServingMode mode, Point p, int replicas, int devices, double out, double total) {
      Derivation.Builder b = Derivation.builder();
      b.add("mode", "", mode + ", " + replicas + " replica(s) of " + layout + ", " + devices + " device(s)");
      b.add("efficiency", sm.eff.source(), "GEMM peak " + num(sm.eff.peakGemmEfficiency(sm.math)) + " (" + sm.math
          + "), M_half " + num(sm.eff.gemmHalfTokens()) + ", MBU " + num(sm.eff.memoryEfficiency()));
      b.add("prompt tokens", "input " + w.inputTokens() + (prompt > w.inputTokens() ? " + image/audio tokens" : ""), num(prompt));
      if (isl < prompt) {
        b.add("computed prompt tokens", "prompt × (1 − prefix-cache hit rate " + num(e.prefixCacheHitRate()) + ")", num(isl));
      }
      if (!chunked) {
        b.add("chunked prefill", "off: whole prompts run in steps of their own, the decodes waiting them out",
            "off");
      }
      b.add("kvCacheTokens", "MemoryEstimator, one replica", capacity);
      b.add("maxBatch", "min(max_num_seqs, floor(kvCacheTokens / reserved tokens " + num(reservation) + "))", num(bmax));
      if (q > 1) {
        b.add("speculative tokens/step", "(1 − α^(k+1)) / (1 − α)", num(perStep));
      }
      b.add("decodeBatch", mode == ServingMode.MAX_THROUGHPUT
          ? "min(maxBatch, max_num_batched_tokens " + num(maxTok) + " / (1 + ISL/OSL))"
          : "λ · (OSL−1) · step (Little's law)", num(p.bDec));
      b.add("prefill tokens/step", "λ · ISL · step (chunked prefill, ≤ token budget)", num(p.pStep));
      b.add("step", "Σ operators(decode batch, prefill tokens) + overhead " + e.stepOverhead()
          + (p.pStep > 0 ? ", mean of steps with and without whole prompt chunks" : ""), ms(p.tau));
      if (p.decodeStep > 0 && Math.abs(p.decodeStep - p.tau) > 1e-12) {
        b.add("decode step", "mean step a decoding request sees (itself and the others decoding, the others' prompts)",
            ms(p.decodeStep));
      }
      b.add("TPOT", (q > 1 ? "decode step / tokens per step" : "decode step"), ms(p.tpot));
      b.add("prefill service", "chunks × step carrying the chunk", ms(p.service));
      if (p.rho > 0) {
        b.add("prefill load ρ", "λ · ISL / prefill token rate", num(p.rho));
      }
      b.add("TTFT", "request overhead " + e.requestOverhead() + " + step wait " + ms(p.wait) + " + prefill "
          + ms(p.service) + " + queue " + ms(p.queue), ms(p.ttft));
      b.add("outputThroughput", "requests/s " + num(p.lambda * replicas) + " × OSL " + num(osl), num(out) + " tok/s");
      b.add("outputThroughputPerGpu", "/ " + devices + " devices", num(out / devices) + " tok/s");
      b.add("totalThroughput", "requests/s × (ISL + OSL)", num(total) + " tok/s");
      if (p.saturated) {
        b.add("saturated", "", "the offered load exceeds the deployment's capacity; figures are at capacity");
      }
      double decodeB = Math.max(1, p.bDec);
      b.addAll(PhaseCost.record(PhaseCost.Phase.PREFILL, sm,
          s -> sm.step(0, 1, 0, isl, keys, 1, images, audio, s)).derivation());
      b.addAll(PhaseCost.record(PhaseCost.Phase.DECODE, sm,
          s -> sm.step(decodeB, q, kvMean, 0, 0, 0, 0, 0, s)).derivation());
      return b.build();
    }
  }

  /** Mutable scratch of one operating point. */
  static final class Point {
    double lambda;
    double tau;
    double decodeStep;
    double tpot;
    double ttft;
    double bDec;
    double pStep;
    double rho;
    double service;
    double wait;
    double queue;
    boolean saturated;
    boolean capped;
    boolean decodeLimited;
  }

  /** Prefill and decode on separate pools. */
  static final class Disaggregated {
    final Deployment d;
    final Workload w;
    final ServingMode mode;
    final PerformanceOptions o;
    final Disaggregation dis;

    Disaggregated(Deployment d, Workload w, ServingMode mode, PerformanceOptions o) {
      this.d = d;
      this.w = w;
      this.mode = mode;
      this.o = o;
      this.dis = o.disaggregation().get();
      Deployment.builder().from(d).parallelism(Replica.replicaLayout(dis.prefill())).build();
      Deployment.builder().from(d).parallelism(Replica.replicaLayout(dis.decode())).build();
    }

    LatencyEstimate run() {
      PerformanceOptions plain = PerformanceOptions.builder().from(o).disaggregation(Optional.empty()).build();
      Replica pre = new Replica(d, dis.prefill(), w, plain, null);
      Replica dec = new Replica(d, dis.decode(), w, plain, null);
      int rp = dis.prefill().dp();
      int rd = dis.decode().dp();
      double bw = dis.kvTransferBandwidth().map(b -> b.bytesPerSecond())
          .orElse(d.accelerator().interconnect().flatMap(i -> i.interNode()).map(b -> b.bytesPerSecond())
              .orElse(StepModel.DEFAULT_INTER_NODE_BYTES_PER_SECOND)) * pre.sm.eff.collectiveEfficiency();
      double transfer = pre.prompt * pre.sm.kvBytesPerTokenWholeModel() / Math.max(1, dis.prefill().tp()) / bw;
      double chunk = Math.min(pre.isl, pre.maxTok);
      double service = Math.ceil(pre.isl / chunk - 1e-9) * pre.step(0, chunk, chunk / pre.isl);
      double maxPrefillLambda = rp / service;
      Point maxDec = dec.maxPoint();
      double maxDecodeLambda = rd * dec.bmax / Math.max(1e-12, dec.decodeSteps() * maxDec.tau + 1e-12);
      double[] out = new double[6];
      java.util.function.DoubleFunction<double[]> at = lambda -> {
        double lp = lambda / rp;
        double rho = lp * service;
        double wq = rho >= 1 ? Double.POSITIVE_INFINITY : rho * service / (2 * (1 - rho));
        double ld = lambda / rd;
        double tau = dec.step(1, 0, 0);
        double b = 0;
        for (int i = 0; i < 60; i++) {
          b = Math.min(dec.bmax, ld * dec.decodeSteps() * tau);
          double next = dec.step(b, 0, 0);
          if (Math.abs(next - tau) <= 1e-7 * tau) {
            tau = next;
            break;
          }
          tau = 0.5 * (tau + next);
        }
        double ttft = pre.reqOverhead + service + wq + transfer;
        return new double[] {ttft, dec.osl > 1 ? tau / dec.perStep : 0, b, tau, wq, rho};
      };
      double lambda;
      boolean saturated = false;
      double cap = Math.min(maxPrefillLambda, maxDecodeLambda);
      if (mode == ServingMode.OPEN_LOOP) {
        lambda = w.requestRate().orElse(1.0);
        if (lambda >= cap) {
          saturated = true;
          lambda = cap * 0.999;
        }
      } else if (mode == ServingMode.MAX_THROUGHPUT) {
        lambda = cap * 0.999;
      } else {
        double c = w.concurrency();
        double lo = 0;
        double hi = cap * 0.999;
        for (int i = 0; i < 60; i++) {
          double mid = 0.5 * (lo + hi);
          double[] r = at.apply(mid);
          double e2e = r[0] + dec.decodeSteps() * r[3];
          if (mid * e2e > c) {
            hi = mid;
          } else {
            lo = mid;
          }
        }
        lambda = lo;
      }
      double[] r = at.apply(lambda);
      if (Double.isInfinite(r[0])) {
        r[0] = pre.reqOverhead + service + transfer;
      }
      System.arraycopy(r, 0, out, 0, r.length);
      double outRate = lambda * w.outputTokens();
      double total = lambda * (w.inputTokens() + w.outputTokens());
      int devices = dis.prefill().devices() + dis.decode().devices();
      double decodeB = Math.max(1, out[2]);
      Deployment pd = Deployment.builder().from(d).parallelism(dis.prefill()).build();
      Deployment dd = Deployment.builder().from(d).parallelism(dis.decode()).build();
      EfficiencyProfile eff = pre.sm.eff;
      CostOptions cost = o.cost();
      double lam = lambda;
      double transferTime = transfer;
      double svc = service;
      return new LatencyEstimate(d, w, mode, out[0], out[1], outRate, total, lambda, out[2], dec.bmax, dec.capacity,
          devices, saturated, band(d, LATENCY_BAND, SERVED_LATENCY_BAND), ttftBand(d, band(d, LATENCY_BAND,
              SERVED_LATENCY_BAND)),
          () -> PhaseCost.record(PhaseCost.Phase.PREFILL, new StepModel(pd, eff, cost),
              s -> new StepModel(pd, eff, cost).step(0, 1, 0, pre.isl, pre.keys, 1, pre.images, pre.audio, s)),
          () -> PhaseCost.record(PhaseCost.Phase.DECODE, new StepModel(dd, eff, cost),
              s -> new StepModel(dd, eff, cost).step(decodeB, dec.q, dec.kvMean, 0, 0, 0, 0, 0, s)),
          () -> Derivation.builder()
              .add("mode", "", mode + ", disaggregated: prefill " + dis.prefill() + ", decode " + dis.decode())
              .add("prefill service", "chunks × prefill step on the prefill pool", ms(svc))
              .add("KV transfer", "ISL × KV bytes per token / TP / (link × efficiency)", ms(transferTime))
              .add("TTFT", "request overhead + prefill + queue " + ms(out[4]) + " + KV transfer", ms(out[0]))
              .add("decodeBatch", "λ/decode replicas · (OSL−1) · TPOT", num(out[2]))
              .add("TPOT", "decode step (no prefill interference)", ms(out[1]))
              .add("outputThroughput", "λ " + num(lam) + " × OSL", num(lam * w.outputTokens()) + " tok/s")
              .build());
    }
  }

}
