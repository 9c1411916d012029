package dev.aicompass.workload;

import dev.aicompass.internal.ValueStyle;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.units.TokenRate;
import java.util.Optional;
import org.immutables.value.Value;

/** The latency and throughput a deployment must meet; absent targets are not checked. */
@Value.Immutable
@ValueStyle
public abstract class ServiceLevel {
  /** Returns the largest acceptable time to first token. */
  public abstract Optional<TimeSpan> ttft();

  /** Returns the largest acceptable time per output token after the first. */
  public abstract Optional<TimeSpan> tpot();

  /** Returns the smallest acceptable output throughput of the whole deployment. */
  public abstract Optional<TokenRate> throughput();

  public static Builder builder() {
    return new Builder();
  }

  /** Returns a service level with both latency targets. */
  public static ServiceLevel of(TimeSpan ttft, TimeSpan tpot) {
    return builder().ttft(ttft).tpot(tpot).build();
  }

  /** Returns a service level that checks nothing. */
  public static ServiceLevel none() {
    return builder().build();
  }

  /** Builds a {@link ServiceLevel}. */
  public static final class Builder extends ImmutableServiceLevel.Builder {}
}
