package dev.aicompass.hardware;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.TimeSpan;
import java.util.Optional;
import org.immutables.value.Value;

/** How devices talk: the scale-up link inside a node and the scale-out network between nodes, per device and direction. */
@Value.Immutable
@ValueStyle
public abstract class Interconnect {
  /** Returns the link's name, e.g. {@code "NVLink 4"}. */
  @Value.Default
  public String name() {
    return "";
  }

  /** Returns the per-device, per-direction bandwidth between devices of one node. */
  public abstract Bandwidth intraNode();

  /** Returns the per-device, per-direction bandwidth to other nodes, if known. */
  public abstract Optional<Bandwidth> interNode();

  /** Returns the devices one node (or scale-up domain) holds; default 8. */
  @Value.Default
  public int devicesPerNode() {
    return 8;
  }

  /** Returns the latency of one collective step inside a node; default 5 us. */
  @Value.Default
  public TimeSpan intraNodeLatency() {
    return TimeSpan.ofMicros(5);
  }

  /** Returns the latency of one collective step across nodes; default 15 us. */
  @Value.Default
  public TimeSpan interNodeLatency() {
    return TimeSpan.ofMicros(15);
  }

  @Value.Check
  protected void check() {
    Checks.positive("interconnect.devicesPerNode", devicesPerNode());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Interconnect}. */
  public static final class Builder extends ImmutableInterconnect.Builder {}
}
