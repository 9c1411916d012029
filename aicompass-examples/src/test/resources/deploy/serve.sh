#!/usr/bin/env bash
# Chat service: Llama 3.1 8B Instruct on one H100 80GB with vLLM 0.19.
# ServiceCapacityTest checks this file: edit a flag here and the capacity tests tell you what it costs.
set -euo pipefail

export CUDA_VISIBLE_DEVICES="${CUDA_VISIBLE_DEVICES:-0}"
MODEL="${MODEL:-meta-llama/Llama-3.1-8B-Instruct}"

exec vllm serve "$MODEL" \
  --max-model-len 8192 \
  --gpu-memory-utilization 0.92 \
  --kv-cache-dtype fp8 \
  --max-num-seqs 128 \
  --enable-prefix-caching \
  --served-model-name chat \
  --disable-log-requests \
  --host 0.0.0.0 --port 8000
