package dev.aicompass.simulate;

import java.util.Arrays;

/** The mutable state of one request inside the simulation. */
final class SimRequest {
  final int id;
  final int client;
  final double arrival;
  final double visible;
  final int prompt;
  /** Prompt tokens found in the prefix cache: never computed, but held in the KV cache. */
  final int cached;
  final int output;
  final double images;
  final double audioSeconds;
  int replica = -1;
  int generated;
  int computed;
  long blocks;
  double firstToken = Double.NaN;
  double completion = Double.NaN;
  int preemptions;
  boolean encoded;
  /** Runs of consecutive sampling steps of the replica's timeline: start step, count, start step, count, ... */
  int[] runs = new int[2];
  int runInts;
  int lastSampleStep = -2;

  SimRequest(int id, int client, double arrival, double visible, int prompt, int cached, int output, double images,
      double audioSeconds) {
    this.cached = cached;
    this.computed = cached;
    this.id = id;
    this.client = client;
    this.arrival = arrival;
    this.visible = visible;
    this.prompt = prompt;
    this.output = output;
    this.images = images;
    this.audioSeconds = audioSeconds;
  }

  /** Returns the tokens of the sequence so far: the prompt plus every generated token. */
  int tokens() {
    return prompt + generated;
  }

  /** Returns whether the request generates its next token this step (its prompt is fully cached). */
  boolean decoding() {
    return generated > 0 && computed == tokens() - 1;
  }

  /** Records a token sampled at step {@code step} of the replica's timeline. */
  void sampled(int step) {
    if (step == lastSampleStep + 1 && runInts > 0) {
      runs[runInts - 1]++;
    } else {
      if (runInts + 2 > runs.length) {
        runs = Arrays.copyOf(runs, runs.length * 2);
      }
      runs[runInts++] = step;
      runs[runInts++] = 1;
    }
    lastSampleStep = step;
  }
}
