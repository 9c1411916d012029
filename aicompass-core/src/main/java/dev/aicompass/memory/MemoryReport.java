package dev.aicompass.memory;

import dev.aicompass.internal.Quantities;
import dev.aicompass.units.ByteSize;

/** Renders a {@link MemoryBreakdown} as a small text table. */
final class MemoryReport {
  private MemoryReport() {}

  static String table(MemoryBreakdown b) {
    StringBuilder sb = new StringBuilder();
    row(sb, "weights", b.weights());
    row(sb, "activation peak", b.activation());
    row(sb, "engine overhead", b.engineOverhead());
    row(sb, "KV-cache pool", b.kvCachePool());
    row(sb, "total", b.total());
    sb.append(String.format(java.util.Locale.ROOT, "%-18s %12d tokens (%s per token)%n", "KV capacity",
        b.kvCacheTokens(), b.kvBytesPerToken()));
    sb.append(String.format(java.util.Locale.ROOT, "%-18s %12s x %d tokens%n", "max concurrency",
        Quantities.number(b.maxConcurrency(), 2), b.deployment().maxModelLen()));
    b.kvCacheRequired().ifPresent(r -> row(sb, "KV required", r));
    sb.append(String.format(java.util.Locale.ROOT, "%-18s %12s%n", "fits", b.fits() ? "yes" : "no: " + String.join("; ", b.problems())));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, ByteSize size) {
    sb.append(String.format(java.util.Locale.ROOT, "%-18s %12s GiB%n", name, Quantities.number(size.toGibibytes(), 2)));
  }
}
