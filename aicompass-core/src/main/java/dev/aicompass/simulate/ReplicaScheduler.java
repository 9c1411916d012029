package dev.aicompass.simulate;

import dev.aicompass.perf.StepTimer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One engine replica's scheduler, after vLLM's V1 scheduler: each step first serves the running
 * requests in admission order (a decode costs one token of the budget, an unfinished prompt the
 * rest of its prompt up to the budget), preempting the most recently admitted request when the KV
 * cache has no block left (it is recomputed later); then, if nothing was preempted, admits waiting
 * requests first come, first served while {@code max_num_seqs}, the token budget and free KV blocks
 * allow. Prompt tokens found in the prefix cache are not computed (they still take KV blocks).
 * A prompt is split into chunks only with chunked prefill; without it (vLLM's V0 scheduler)
 * waiting prompts are admitted whole into a step of their own, the decodes waiting it out, and the
 * budget is at least {@code max_model_len}.
 */
final class ReplicaScheduler {
  final int index;
  private final StepTimer timer;
  private final StepTimer.Batch batch;
  private final int blockSize;
  private final boolean fullReservation;
  private final int maxSeqs;
  private final int budget;
  private final boolean chunked;
  final long totalBlocks;
  private long freeBlocks;

  private final ArrayList<SimRequest> running = new ArrayList<>();
  private final ArrayDeque<SimRequest> waiting = new ArrayDeque<>();
  private SimRequest[] scheduled = new SimRequest[64];
  private int[] scheduledTokens = new int[64];
  private int scheduledCount;

  private double[] ends = new double[1024];
  private int steps;
  boolean busy;
  double stepEnd;
  double decodeSequences;
  double busySeconds;
  long preemptions;

  ReplicaScheduler(int index, StepTimer timer, int blockSize, boolean fullReservation, int maxSeqs, int budget,
      boolean chunked) {
    this.index = index;
    this.timer = timer;
    this.batch = timer.batch();
    this.blockSize = blockSize;
    this.fullReservation = fullReservation;
    this.maxSeqs = maxSeqs;
    this.budget = budget;
    this.chunked = chunked;
    this.totalBlocks = timer.kvCacheTokens() / blockSize;
    this.freeBlocks = totalBlocks;
  }

  int outstanding() {
    return running.size() + waiting.size();
  }

  boolean hasWork() {
    return !running.isEmpty() || !waiting.isEmpty();
  }

  /**
   * Puts {@code r}, a request already under way when the simulation starts, among the running
   * ones; returns false, changing nothing, when its KV blocks do not fit.
   */
  boolean warm(SimRequest r) {
    long reserve = fullReservation ? (long) r.prompt + r.output : r.computed;
    if (running.size() >= maxSeqs || !allocate(r, reserve)) {
      return false;
    }
    r.replica = index;
    running.add(r);
    return true;
  }

  void enqueue(SimRequest r) {
    r.replica = index;
    waiting.addLast(r);
  }

  long blocksFor(long tokens) {
    return (tokens + blockSize - 1) / blockSize;
  }

  /** Returns the end times of every step, in order (the timeline token times index into). */
  double[] timeline() {
    return Arrays.copyOf(ends, steps);
  }

  int steps() {
    return steps;
  }

  /** Schedules and starts one step at {@code now}. */
  void start(double now) {
    scheduledCount = 0;
    batch.clear();
    int left = budget;
    boolean preempted = false;
    if (!chunked) {
      // without chunked prefill, waiting prompts run first, whole and alone: the decodes stall for the step
      left -= admitWaiting(left);
      if (scheduledCount > 0) {
        finishScheduling(now);
        return;
      }
    }
    for (int i = 0; i < running.size() && left > 0; i++) {
      SimRequest r = running.get(i);
      int n = Math.min(r.tokens() - r.computed, left);
      boolean ok = true;
      while (!allocate(r, (long) r.computed + n)) {
        SimRequest victim = running.remove(running.size() - 1);
        preempt(victim);
        preempted = true;
        if (victim == r) {
          ok = false;
          break;
        }
      }
      if (!ok) {
        break;
      }
      add(r, n);
      left -= n;
    }
    if (chunked && (!preempted || scheduledCount == 0)) {
      left -= admitWaiting(left);
    }
    finishScheduling(now);
  }

  /** Admits waiting requests first come, first served into {@code left} tokens; returns the tokens used. */
  private int admitWaiting(int left) {
    int used = 0;
    while (!waiting.isEmpty() && running.size() < maxSeqs && left - used > 0) {
      SimRequest r = waiting.peekFirst();
      int want = r.tokens() - r.computed;
      if (!chunked && want > left - used) {
        break;
      }
      int n = Math.min(want, left - used);
      long reserve = fullReservation ? (long) r.prompt + r.output : (long) r.computed + n;
      if (!allocate(r, reserve)) {
        break;
      }
      waiting.pollFirst();
      running.add(r);
      add(r, n);
      used += n;
    }
    return used;
  }

  private void finishScheduling(double now) {
    if (scheduledCount == 0) {
      throw new IllegalStateException("replica " + index + " cannot schedule any of " + outstanding()
          + " requests (KV blocks free " + freeBlocks + " of " + totalBlocks + ")");
    }
    double seconds = timer.time(batch).seconds();
    decodeSequences += batch.decodeSequences();
    busySeconds += seconds;
    stepEnd = now + seconds;
    busy = true;
  }

  private void add(SimRequest r, int n) {
    if (scheduledCount == scheduled.length) {
      scheduled = Arrays.copyOf(scheduled, scheduledCount * 2);
      scheduledTokens = Arrays.copyOf(scheduledTokens, scheduledCount * 2);
    }
    scheduled[scheduledCount] = r;
    scheduledTokens[scheduledCount++] = n;
    if (n == 1 && r.decoding()) {
      batch.decode(r.computed + 1);
    } else {
      batch.prefill(r.computed, r.computed + n, r.tokens());
      if (!r.encoded) {
        batch.encode(r.images, r.audioSeconds);
        r.encoded = true;
      }
    }
  }

  private boolean allocate(SimRequest r, long tokens) {
    long need = blocksFor(tokens) - r.blocks;
    if (need <= 0) {
      return true;
    }
    if (need > freeBlocks) {
      return false;
    }
    freeBlocks -= need;
    r.blocks += need;
    return true;
  }

  private void preempt(SimRequest r) {
    freeBlocks += r.blocks;
    r.blocks = 0;
    r.computed = r.cached;
    r.preemptions++;
    preemptions++;
    waiting.addFirst(r);
  }

  /** Ends the running step: caches the scheduled tokens, samples, and moves finished requests to {@code done}. */
  void finish(List<SimRequest> done) {
    double now = stepEnd;
    if (steps == ends.length) {
      ends = Arrays.copyOf(ends, steps * 2);
    }
    int step = steps;
    ends[steps++] = now;
    boolean finished = false;
    for (int i = 0; i < scheduledCount; i++) {
      SimRequest r = scheduled[i];
      scheduled[i] = null;
      r.computed += scheduledTokens[i];
      if (r.computed == r.tokens()) {
        r.generated++;
        r.sampled(step);
        if (r.generated == 1) {
          r.firstToken = now;
        }
        if (r.generated == r.output) {
          r.completion = now;
          freeBlocks += r.blocks;
          r.blocks = 0;
          done.add(r);
          finished = true;
        }
      }
    }
    scheduledCount = 0;
    if (finished) {
      running.removeIf(r -> !Double.isNaN(r.completion));
    }
    busy = false;
  }
}
