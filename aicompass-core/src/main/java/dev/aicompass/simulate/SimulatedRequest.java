package dev.aicompass.simulate;

import dev.aicompass.units.TimeSpan;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * One simulated request: when it was sent, when its first and last tokens came out, and when each
 * token came out, all measured from the start of the simulation. TTFT is first token − arrival,
 * E2E is completion − arrival, TPOT is {@code (E2E − TTFT) / (outputTokens − 1)} (zero for a
 * single output token), as {@code vllm bench serve} defines them.
 */
public final class SimulatedRequest {
  private final int id;
  private final int replica;
  private final int promptTokens;
  private final int outputTokens;
  private final int preemptions;
  private final double arrival;
  private final double firstToken;
  private final double completion;
  private final double[] timeline;
  private final int[] runs;

  SimulatedRequest(SimRequest r, double[] timeline) {
    this.id = r.id;
    this.replica = r.replica;
    this.promptTokens = r.prompt;
    this.outputTokens = r.output;
    this.preemptions = r.preemptions;
    this.arrival = r.arrival;
    this.firstToken = r.firstToken;
    this.completion = r.completion;
    this.timeline = timeline;
    this.runs = Arrays.copyOf(r.runs, r.runInts);
  }

  /** Returns the request's number, in the order requests were sent (from 0). */
  public int id() {
    return id;
  }

  /** Returns the data-parallel replica that served the request (from 0). */
  public int replica() {
    return replica;
  }

  /** Returns the tokens prefilled for the prompt (image and audio tokens included). */
  public int promptTokens() {
    return promptTokens;
  }

  public int outputTokens() {
    return outputTokens;
  }

  /** Returns how often the request was preempted for lack of KV blocks (and its tokens recomputed). */
  public int preemptions() {
    return preemptions;
  }

  /** Returns when the request was sent. */
  public TimeSpan arrival() {
    return TimeSpan.ofSeconds(arrival);
  }

  /** Returns when its first token was generated. */
  public TimeSpan firstToken() {
    return TimeSpan.ofSeconds(firstToken);
  }

  /** Returns when its last token was generated. */
  public TimeSpan completion() {
    return TimeSpan.ofSeconds(completion);
  }

  /** Returns the time to first token. */
  public TimeSpan ttft() {
    return TimeSpan.ofSeconds(ttftSeconds());
  }

  /** Returns the mean time per output token after the first; zero for one output token. */
  public TimeSpan tpot() {
    return TimeSpan.ofSeconds(tpotSeconds());
  }

  /** Returns the end-to-end latency, arrival to last token. */
  public TimeSpan e2e() {
    return TimeSpan.ofSeconds(completion - arrival);
  }

  double ttftSeconds() {
    return firstToken - arrival;
  }

  double tpotSeconds() {
    return outputTokens > 1 ? (completion - firstToken) / (outputTokens - 1) : 0;
  }

  double e2eSeconds() {
    return completion - arrival;
  }

  double arrivalSeconds() {
    return arrival;
  }

  double completionSeconds() {
    return completion;
  }

  /** Returns when each output token was generated, in order. */
  public List<TimeSpan> tokenTimes() {
    return new AbstractList<TimeSpan>() {
      @Override
      public TimeSpan get(int index) {
        return TimeSpan.ofSeconds(tokenSeconds(index));
      }

      @Override
      public int size() {
        return outputTokens;
      }
    };
  }

  /** Returns when token {@code index} (from 0) was generated. */
  double tokenSeconds(int index) {
    if (index < 0 || index >= outputTokens) {
      throw new IndexOutOfBoundsException("token " + index + " of " + outputTokens);
    }
    int k = index;
    for (int i = 0; i < runs.length; i += 2) {
      if (k < runs[i + 1]) {
        return timeline[runs[i] + k];
      }
      k -= runs[i + 1];
    }
    throw new IllegalStateException("request " + id + " has fewer sampled tokens than " + outputTokens);
  }

  /** Adds the gaps between consecutive tokens to {@code out} from {@code at}; returns the new end. */
  int gaps(double[] out, int at) {
    double prev = Double.NaN;
    for (int i = 0; i < runs.length; i += 2) {
      for (int s = runs[i]; s < runs[i] + runs[i + 1]; s++) {
        if (!Double.isNaN(prev)) {
          out[at++] = timeline[s] - prev;
        }
        prev = timeline[s];
      }
    }
    return at;
  }

  /** Returns how many of the request's tokens were generated within {@code [from, to]}. */
  int tokensWithin(double from, double to) {
    int count = 0;
    for (int i = 0; i < runs.length; i += 2) {
      int start = runs[i];
      int end = start + runs[i + 1];
      if (timeline[start] >= from && timeline[end - 1] <= to) {
        count += end - start;
      } else if (timeline[end - 1] >= from && timeline[start] <= to) {
        int lo = lowerBound(timeline, start, end, from);
        int hi = upperBound(timeline, start, end, to);
        count += Math.max(0, hi - lo);
      }
    }
    return count;
  }

  private static int lowerBound(double[] a, int from, int to, double v) {
    while (from < to) {
      int mid = (from + to) >>> 1;
      if (a[mid] < v) {
        from = mid + 1;
      } else {
        to = mid;
      }
    }
    return from;
  }

  private static int upperBound(double[] a, int from, int to, double v) {
    while (from < to) {
      int mid = (from + to) >>> 1;
      if (a[mid] <= v) {
        from = mid + 1;
      } else {
        to = mid;
      }
    }
    return from;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "request %d: arrival %s, TTFT %s, TPOT %s, E2E %s, %d tokens%s", id,
        arrival(), ttft(), tpot(), e2e(), outputTokens, preemptions > 0 ? ", preempted " + preemptions + "×" : "");
  }
}
