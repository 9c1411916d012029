/**
 * JMH benchmarks of the library's hot paths, one {@code XBenchmark} per path; run them with
 * {@code java -jar aicompass-bench.jar jmh [JMH options]}.
 */
package dev.aicompass.bench.jmh;
