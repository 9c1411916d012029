package dev.aicompass.perf;

import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopCount;
import dev.aicompass.units.TimeSpan;
import java.util.Locale;

/**
 * One operator of a phase on one device, summed over the layers of the device's pipeline stage:
 * its FLOPs, the bytes it moves through device memory, the bytes it sends to other devices, the
 * time the efficiency model gives it and what bounds that time.
 */
public final class OperatorCost {
  private final String name;
  private final double flops;
  private final double bytes;
  private final double communicationBytes;
  private final double seconds;
  private final Bound bound;

  OperatorCost(String name, double flops, double bytes, double communicationBytes, double seconds, Bound bound) {
    this.name = name;
    this.flops = flops;
    this.bytes = bytes;
    this.communicationBytes = communicationBytes;
    this.seconds = seconds;
    this.bound = bound;
  }

  /** Returns the operator's name, e.g. {@code attn.qkv_proj}, {@code moe.experts}, {@code comm.tp_all_reduce}. */
  public String name() {
    return name;
  }

  /** Returns the operations the device executes. */
  public FlopCount flops() {
    return FlopCount.of(flops);
  }

  /** Returns the bytes read and written in device memory (weights, KV cache, activations). */
  public ByteSize bytes() {
    return ByteSize.ofBytes(bytes);
  }

  /** Returns the bytes the device sends over links (collectives, point-to-point). */
  public ByteSize communicationBytes() {
    return ByteSize.ofBytes(communicationBytes);
  }

  /** Returns the modelled time. */
  public TimeSpan time() {
    return TimeSpan.ofSeconds(seconds);
  }

  public Bound bound() {
    return bound;
  }

  double rawFlops() {
    return flops;
  }

  double rawBytes() {
    return bytes;
  }

  double rawCommunicationBytes() {
    return communicationBytes;
  }

  double rawSeconds() {
    return seconds;
  }

  OperatorCost plus(OperatorCost o) {
    double s = seconds + o.seconds;
    Bound b = seconds >= o.seconds ? bound : o.bound;
    return new OperatorCost(name, flops + o.flops, bytes + o.bytes, communicationBytes + o.communicationBytes, s, b);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%-22s %12s %12s %10s %10s  %s", name, flops(), bytes(),
        communicationBytes(), time(), bound);
  }
}
