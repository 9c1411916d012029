/**
 * Checks AICompass' memory model against {@code scripts/memory_check.py}'s measurements:
 * {@link dev.aicompass.bench.memory.MemoryCheckCsv} reads the CSV,
 * {@link dev.aicompass.bench.memory.MemoryComparison} estimates every row and reports the errors.
 */
package dev.aicompass.bench.memory;
