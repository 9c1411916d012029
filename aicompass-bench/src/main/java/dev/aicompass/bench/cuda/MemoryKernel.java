package dev.aicompass.bench.cuda;

import dev.aicompass.bench.internal.Checks;

/** The device-memory streaming kernels and how many bytes one pass moves. */
public enum MemoryKernel {
  /** {@code b[i] = a[i]}: one array read, one written. */
  COPY("copy", 2),
  /** STREAM triad {@code a[i] = b[i] + s·c[i]}: two arrays read, one written. */
  TRIAD("triad", 3),
  /** LayerNorm over bf16 rows of 4096: each row read once, reduced, normalized, written once. */
  LAYER_NORM("layerNorm", 2);

  /** Array sizes must be a multiple of this: one bf16 row of 4096 values (and 16-byte vectors). */
  public static final long GRANULE_BYTES = 8192;

  private final String id;
  private final int arraysTouched;

  MemoryKernel(String id, int arraysTouched) {
    this.id = id;
    this.arraysTouched = arraysTouched;
  }

  /** Returns the JSON field name, e.g. {@code "layerNorm"}. */
  public String id() {
    return id;
  }

  /**
   * Returns the bytes read plus written by one pass over arrays of {@code arrayBytes}.
   *
   * @throws IllegalArgumentException if arrayBytes is not a positive multiple of
   *     {@link #GRANULE_BYTES}
   */
  public long bytesMoved(long arrayBytes) {
    Checks.positive("arrayBytes", arrayBytes);
    Checks.multipleOf("arrayBytes", arrayBytes, GRANULE_BYTES);
    return Math.multiplyExact(arrayBytes, (long) arraysTouched);
  }
}
