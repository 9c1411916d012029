/**
 * Presets and imports: the JSON {@link dev.aicompass.catalog.Catalog} of models, accelerators,
 * quantization schemes and serving engines, and {@link dev.aicompass.catalog.HfConfigImporter} for
 * Hugging Face {@code config.json} files. Implementation helpers live in
 * {@code dev.aicompass.catalog.internal}, which is not part of the API.
 */
package dev.aicompass.catalog;
