package dev.aicompass.workload;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * What users send: prompt and output lengths, how many requests are in flight (closed loop) or
 * arrive per second (open loop), and images or audio per request.
 */
@Value.Immutable
@ValueStyle
public abstract class Workload {
  /** Returns the prompt tokens per request; default 1024. */
  @Value.Default
  public int inputTokens() {
    return 1024;
  }

  /** Returns the generated tokens per request; default 256. */
  @Value.Default
  public int outputTokens() {
    return 256;
  }

  /** Returns the requests in flight at once (closed loop); default 1. */
  @Value.Default
  public int concurrency() {
    return 1;
  }

  /** Returns the arrival rate in requests per second for open-loop load, if set. */
  public abstract OptionalDouble requestRate();

  /** Returns the images per request; default 0. */
  @Value.Default
  public int imagesPerRequest() {
    return 0;
  }

  /** Returns the seconds of audio per request; default 0. */
  @Value.Default
  public double audioSecondsPerRequest() {
    return 0;
  }

  /** Returns prompt plus output tokens. */
  public int sequenceTokens() {
    return inputTokens() + outputTokens();
  }

  @Value.Check
  protected void check() {
    Checks.positive("inputTokens", inputTokens());
    Checks.nonNegative("outputTokens", outputTokens());
    Checks.positive("concurrency", concurrency());
    if (requestRate().isPresent()) {
      Checks.positive("requestRate", requestRate().getAsDouble());
    }
    Checks.nonNegative("imagesPerRequest", imagesPerRequest());
    Checks.nonNegative("audioSecondsPerRequest", audioSecondsPerRequest());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns a closed-loop workload of {@code concurrency} requests of {@code input} prompt and {@code output} generated tokens. */
  public static Workload of(int input, int output, int concurrency) {
    return builder().inputTokens(input).outputTokens(output).concurrency(concurrency).build();
  }

  /** Builds a {@link Workload}. */
  public static final class Builder extends ImmutableWorkload.Builder {}
}
