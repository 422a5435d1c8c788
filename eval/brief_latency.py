"""Generation latency of the default brief model's architecture (Qwen2.5-1.5B-Instruct) on this machine's CPU,
with random weights and forced lengths — what an editor waits for a brief, without the weights.

    python -m eval.brief_latency                       # fp32 and bf16, 1200-token prompt, 150 new tokens
    python -m eval.brief_latency --dtypes float32 --prompt-tokens 600 --new-tokens 50
    python -m eval.brief_latency --arch qwen2.5-0.5b-instruct   # the smaller registry model, for comparison

The prompt length stands for the `brief` template around a ~600-word dispatch: Qwen's tokenizer writes about 1.3
tokens per English word (≈ 780) plus the template's 333 words of instructions and format lines (≈ 420 tokens). Random token ids are
used (the tokenizer is not needed for timing); generation is greedy with end-of-sequence suppressed, so exactly
``--new-tokens`` are produced. Prefill = time to the first new token; decode = the remaining tokens per second.
Not a test: it takes minutes and needs ~7 GB of memory for float32.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time


class _Clock:
    """A generation streamer that timestamps each step: the first ``put`` is the prompt, then one per token."""

    def __init__(self):
        self.times: list[float] = []

    def put(self, value):
        self.times.append(time.perf_counter())

    def end(self):
        pass


ARCHITECTURES = {"qwen2.5-1.5b-instruct": "QWEN2_5_1_5B_INSTRUCT", "qwen2.5-0.5b-instruct": "QWEN2_5_0_5B_INSTRUCT"}


def measure(
    dtype_name: str, prompt_tokens: int, new_tokens: int, threads: int | None, arch: str = "qwen2.5-1.5b-instruct", seed: int = 0
) -> dict:
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    import models.tiny

    arch_config = getattr(models.tiny, ARCHITECTURES[arch])

    if threads:
        torch.set_num_threads(threads)
    dtype = getattr(torch, dtype_name)
    torch.manual_seed(seed)
    started = time.perf_counter()
    config = Qwen2Config(**arch_config, eos_token_id=151645, pad_token_id=151643, bos_token_id=151643)
    model = Qwen2ForCausalLM(config).to(dtype).eval()
    build_s = time.perf_counter() - started
    params = sum(p.numel() for p in model.parameters())
    ids = torch.randint(0, 151_000, (1, prompt_tokens))
    with torch.inference_mode():
        model.generate(ids[:, :16], attention_mask=torch.ones_like(ids[:, :16]), max_new_tokens=2, do_sample=False)
        clock = _Clock()
        t0 = time.perf_counter()
        out = model.generate(
            ids,
            attention_mask=torch.ones_like(ids),
            max_new_tokens=new_tokens,
            min_new_tokens=new_tokens,
            do_sample=False,
            streamer=clock,
        )
        total = time.perf_counter() - t0
    produced = out.shape[1] - prompt_tokens
    first = clock.times[1] - t0  # times[0] is the prompt being "put"
    decode_s = clock.times[-1] - clock.times[1]
    return {
        "arch": arch,
        "dtype": dtype_name,
        "params": params,
        "build_s": round(build_s, 1),
        "prompt_tokens": prompt_tokens,
        "new_tokens": produced,
        "prefill_s": round(first, 2),
        "prefill_tok_per_s": round(prompt_tokens / first, 1),
        "decode_s": round(decode_s, 2),
        "decode_tok_per_s": round((produced - 1) / decode_s, 2) if decode_s > 0 else None,
        "total_s": round(total, 2),
        "threads": torch.get_num_threads(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arch", default="qwen2.5-1.5b-instruct", choices=sorted(ARCHITECTURES))
    parser.add_argument("--dtypes", default="float32,bfloat16")
    parser.add_argument("--prompt-tokens", type=int, default=1200)
    parser.add_argument("--new-tokens", type=int, default=150)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--json", dest="json_out", default="", help="Also write the figures to this file.")
    args = parser.parse_args(argv)
    import torch

    info = {
        "machine": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "torch": torch.__version__,
        "load_average_at_start": os.getloadavg(),
        "runs": [],
    }
    for name in [d.strip() for d in args.dtypes.split(",") if d.strip()]:
        row = measure(name, args.prompt_tokens, args.new_tokens, args.threads or None, args.arch)
        info["runs"].append(row)
        print(json.dumps(row), flush=True)
    info["load_average_at_end"] = os.getloadavg()
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as fh:
            json.dump(info, fh, indent=2)
    print(json.dumps({k: v for k, v in info.items() if k != "runs"}))


if __name__ == "__main__":
    main()
