package dev.aicompass.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicompass.catalog.internal.ConfigMapper;
import dev.aicompass.catalog.internal.JsonDocument;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a Hugging Face {@code config.json} into a {@link dev.aicompass.model.ModelSpec}.
 *
 * <p>Known architectures: Llama, Mistral, Mixtral, Qwen2/2.5/3 (dense and MoE), Gemma 1/2/3, Phi-2,
 * Phi-3/Phi-4, GPT-J, Granite (dense and MoE), DeepSeek MoE/V2/V3 (MLA), gpt-oss, Llama 4, Cohere,
 * StarCoder2, OLMo-2, OLMoE, InternLM2, Baichuan, MiniCPM, and the multimodal LLaVA, LLaVA-NeXT,
 * Mistral-3 (Pixtral), Gemma-3, Llama-4, Qwen2-VL, Qwen2.5-VL, Qwen2-Audio and Kimi-VL. Another
 * architecture with the standard fields ({@code hidden_size}, {@code num_hidden_layers},
 * {@code num_attention_heads}, {@code intermediate_size}, {@code vocab_size}) imports as a generic
 * decoder with a warning. Nested {@code text_config}, {@code vision_config} and
 * {@code audio_config} are read; {@code torch_dtype} sets the native precision (bf16 with a
 * warning when missing) and {@code quantization_config} the native quantization (fp8, fp8 block,
 * compressed-tensors, gptq, awq, mxfp4, modelopt).
 */
public final class HfConfigImporter {
  private HfConfigImporter() {}

  /**
   * Imports a {@code config.json} given as text.
   *
   * @param name the name the spec gets, e.g. a catalog id or the checkpoint's repository id
   * @throws CatalogException when the text is not valid JSON within the catalog limits (16 MiB,
   *     nesting 64, strings of 1 MB, no duplicate keys), or a field the answer needs is missing or
   *     invalid; the message names the field, its line and the rule
   */
  public static ImportResult fromJson(String name, String json) {
    Objects.requireNonNull(json, "json");
    return map(name, JsonDocument.parse("config.json", json));
  }

  /**
   * Imports an already parsed {@code config.json} tree (messages carry JSON paths but no lines).
   *
   * @param name the name the spec gets
   * @throws CatalogException when a field the answer needs is missing or invalid
   */
  public static ImportResult fromJson(String name, JsonNode config) {
    Objects.requireNonNull(config, "config");
    return map(name, JsonDocument.ofTree("config.json", config));
  }

  /**
   * Imports a {@code config.json} file. The spec is named after the checkpoint: the
   * {@code org/name} of a Hugging Face cache folder ({@code models--org--name/snapshots/...}), else
   * the folder holding the file.
   *
   * @throws CatalogException when the file is missing, unreadable, larger than 16 MiB, not valid
   *     JSON, or lacks a field the answer needs; the message starts with the path
   */
  public static ImportResult fromFile(Path configJson) {
    Objects.requireNonNull(configJson, "configJson");
    return map(nameOf(configJson), JsonDocument.parse(configJson.toString(), configJson));
  }

  private static ImportResult map(String name, JsonDocument doc) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    ConfigMapper.Result r = ConfigMapper.map(name, doc.view());
    return new ImportResult(r.spec(), r.warnings());
  }

  static String nameOf(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    for (Path p = abs.getParent(); p != null; p = p.getParent()) {
      Path n = p.getFileName();
      if (n != null && n.toString().startsWith("models--")) {
        return n.toString().substring("models--".length()).replace("--", "/");
      }
    }
    Path parent = abs.getParent();
    if (parent != null && parent.getFileName() != null) {
      return parent.getFileName().toString();
    }
    String f = abs.getFileName() == null ? "model" : abs.getFileName().toString();
    return f.endsWith(".json") ? f.substring(0, f.length() - 5) : f;
  }
}
