package dev.aicompass.memory;

import dev.aicompass.units.ByteSize;

/** Memory of one device of one pipeline stage (vLLM logs rank 0, the first stage). */
public final class StageMemory {
  private final int index;
  private final int layers;
  private final ByteSize weights;
  private final ByteSize activation;
  private final ByteSize kvCachePool;
  private final long kvCacheTokens;

  StageMemory(int index, int layers, ByteSize weights, ByteSize activation, ByteSize kvCachePool, long kvCacheTokens) {
    this.index = index;
    this.layers = layers;
    this.weights = weights;
    this.activation = activation;
    this.kvCachePool = kvCachePool;
    this.kvCacheTokens = kvCacheTokens;
  }

  /** Returns the stage index, 0 for the first stage (which also holds the embedding). */
  public int index() {
    return index;
  }

  /** Returns the decoder layers of the stage. */
  public int layers() {
    return layers;
  }

  public ByteSize weights() {
    return weights;
  }

  public ByteSize activation() {
    return activation;
  }

  public ByteSize kvCachePool() {
    return kvCachePool;
  }

  /** Returns the tokens this stage's pool alone would hold (the engine uses the minimum over stages). */
  public long kvCacheTokens() {
    return kvCacheTokens;
  }

  @Override
  public String toString() {
    return "stage " + index + ": " + layers + " layers, weights " + weights + ", activation " + activation + ", KV pool "
        + kvCachePool + " (" + kvCacheTokens + " tokens)";
  }
}
