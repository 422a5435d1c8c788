"""Tiny models of the real architectures, built in seconds with tokenizers trained on the fly.

Same classes and the same loading code as the production checkpoints (MarianMTModel + MarianTokenizer with
sentencepiece; BartForConditionalGeneration + BartTokenizer with byte-level BPE); random weights, so their output
is nonsense text — they exist for tests, demos on machines without the hub, and benchmarks (``config_overrides``
rebuilds the exact production sizes). No weights are ever committed: everything here is made at run time.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).parent / "tiny_corpus"

# The published configs of the production models (config.json on the hub), used by the benchmark.
OPUS_MT_FR_EN = dict(
    d_model=512,
    encoder_layers=6,
    decoder_layers=6,
    encoder_attention_heads=8,
    decoder_attention_heads=8,
    encoder_ffn_dim=2048,
    decoder_ffn_dim=2048,
    vocab_size=59514,
    max_position_embeddings=512,
    activation_function="swish",
    scale_embedding=True,
    static_position_embeddings=True,
    normalize_embedding=False,
    share_encoder_decoder_embeddings=True,
)
OPUS_MT_TC_BIG_FR_EN = dict(
    OPUS_MT_FR_EN,
    d_model=1024,
    encoder_attention_heads=16,
    decoder_attention_heads=16,
    encoder_ffn_dim=4096,
    decoder_ffn_dim=4096,
    activation_function="relu",
    vocab_size=53017,
    max_position_embeddings=1024,
)
DISTILBART_CNN_12_6 = dict(
    d_model=1024,
    encoder_layers=12,
    decoder_layers=6,
    encoder_attention_heads=16,
    decoder_attention_heads=16,
    encoder_ffn_dim=4096,
    decoder_ffn_dim=4096,
    vocab_size=50264,
    max_position_embeddings=1024,
)


def corpus(lang: str) -> list[str]:
    return (CORPUS_DIR / f"{lang}.txt").read_text(encoding="utf-8").splitlines()


NEWSTEST_DIR = "newstest2013-fr-en"


def news_corpora(data_root: Path | None) -> dict[str, list[str]] | None:
    """newstest2013 FR/EN lines under ``data_root`` (the shared news data), or None when they are not there."""
    if data_root is None:
        return None
    folder = Path(data_root) / NEWSTEST_DIR
    paths = {lang: folder / f"newstest2013.{lang}" for lang in ("fr", "en")}
    if not all(p.exists() for p in paths.values()):
        return None
    return {lang: p.read_text(encoding="utf-8").splitlines() for lang, p in paths.items()}


# Special ids and generation settings of Helsinki-NLP/opus-mt-fr-en's config.json / generation_config.json
# (vocab 59514: </s>=0, <unk>=1, <pad>=59513, decoder start = pad; beams 4, max_length 512).
OPUS_MT_FR_EN_IDS = dict(vocab_size=59514, eos_token_id=0, pad_token_id=59513, decoder_start_token_id=59513)


def build_production_like_marian(out_dir: Path, data_root: Path | None = None, *, seed: int = 0) -> Path:
    """A fixture FR→EN Marian with opus-mt-fr-en's vocabulary size and special ids (pad 59513, eos 0, decoder start
    59513) and SentencePiece models of thousands of pieces trained on newstest2013 (normalized as OPUS-MT's
    training data) when ``data_root`` holds it, else on the bundled tiny corpus (a few hundred pieces). Random
    weights: for token counts, batching budgets, clause splitting and the conformance kit's mechanics. Initialized
    with a standard deviation of 0.2 (the default 0.02 decodes every input to the same words, so a test comparing
    outputs could not fail)."""
    news = news_corpora(data_root)
    out = build_tiny_marian(
        out_dir,
        vocab_size=8000 if news else 300,
        seed=seed,
        pad_vocab_to=OPUS_MT_FR_EN_IDS["vocab_size"],
        corpora=news,
        init_std=0.2,
    )
    from transformers import GenerationConfig, MarianConfig

    config = MarianConfig.from_pretrained(out)
    for key in ("vocab_size", "eos_token_id", "pad_token_id", "decoder_start_token_id"):
        if getattr(config, key) != OPUS_MT_FR_EN_IDS[key]:
            raise AssertionError(f"fixture {key} {getattr(config, key)} != opus-mt-fr-en's {OPUS_MT_FR_EN_IDS[key]}")
    generation = GenerationConfig.from_pretrained(out)
    generation.num_beams = 4
    generation.max_length = 512
    generation.save_pretrained(out)
    return out


def _train_spm(lines: list[str], prefix: Path, vocab_size: int) -> Path:
    import sentencepiece as spm

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write("\n".join(lines))
        text_path = fh.name
    spm.SentencePieceTrainer.train(
        input=text_path,
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        bos_id=-1,
        eos_id=-1,
        unk_id=0,
        minloglevel=2,
    )
    Path(text_path).unlink()
    return prefix.with_suffix(".model")


def build_tiny_marian(
    out_dir: Path,
    *,
    vocab_size: int = 300,
    seed: int = 0,
    pad_vocab_to: int | None = None,
    corpora: dict[str, list[str]] | None = None,
    **config_overrides: Any,
) -> Path:
    """A MarianMT FR→EN model directory: source.spm, target.spm, vocab.json, config, random weights. Both
    SentencePiece models are trained on text normalized as OPUS-MT's training data was (models/preprocess.py), so
    ’ « » and non-breaking spaces are unknown to them, as typographic characters are rare to the real ones.

    ``corpora`` ({"fr": lines, "en": lines}) trains the tokenizers on other text than the bundled tiny corpus — the
    benchmark uses news text so that sentences split into as many pieces as with the production tokenizers.

    ``pad_vocab_to`` fills the shared vocabulary with never-produced placeholder pieces up to that size (``<pad>``
    stays last, as in OPUS-MT), so a benchmark model has the production embedding and output-layer sizes while its
    tokenizer, config and converted copies (CTranslate2) all agree on the vocabulary."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    corpora = corpora or {}
    from .preprocess import opus_mt_input

    src_lines = [opus_mt_input(line, "fr") for line in corpora.get("fr") or corpus("fr")]
    tgt_lines = [opus_mt_input(line, "en") for line in corpora.get("en") or corpus("en")]
    src = _train_spm(src_lines, out_dir / "source", vocab_size)
    tgt = _train_spm(tgt_lines, out_dir / "target", vocab_size)
    src.rename(out_dir / "source.spm")
    tgt.rename(out_dir / "target.spm")
    for leftover in out_dir.glob("*.vocab"):
        leftover.unlink()
    vocab = _marian_vocab(
        out_dir / "source.spm", out_dir / "target.spm", size=pad_vocab_to, fill_lines=corpora.get("en") or corpus("en")
    )
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(out_dir / "source.spm"),
        target_spm=str(out_dir / "target.spm"),
        vocab=str(out_dir / "vocab.json"),
        source_lang="fr",
        target_lang="en",
    )
    config_kwargs = dict(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=512,
        pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=vocab["</s>"],
        activation_function="swish",
        scale_embedding=True,
        static_position_embeddings=True,
    )
    config_kwargs.update(config_overrides)
    torch.manual_seed(seed)
    model = MarianMTModel(MarianConfig(**config_kwargs))
    model.generation_config.bad_words_ids = [[vocab["<pad>"]]]
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


def _marian_vocab(*spm_paths: Path, size: int | None = None, fill_lines: list[str] | None = None) -> dict[str, int]:
    """Marian's shared vocab: </s>=0, <unk>=1, pieces of both sentencepiece models, placeholders up to ``size``,
    <pad> last."""
    import sentencepiece as spm

    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for path in spm_paths:
        proc = spm.SentencePieceProcessor(model_file=str(path))
        for i in range(proc.get_piece_size()):
            piece = proc.id_to_piece(i)
            if piece not in vocab and piece != "<unk>":
                vocab[piece] = len(vocab)
    _fill(vocab, (size or 0) - 1, fill_lines or [], "▁")
    vocab["<pad>"] = len(vocab)
    return vocab


def _words(lines: list[str]) -> list[str]:
    import re

    return list(dict.fromkeys(w.lower() for line in lines for w in re.findall(r"[A-Za-z]+", line)))


def _word_lines(lines: list[str]) -> list[str]:
    words = _words(lines)
    return [" ".join(words[i : i + 64]) for i in range(0, len(words), 64)] + [
        " ".join(w.capitalize() for w in words[i : i + 64]) for i in range(0, len(words), 64)
    ]


def _fill(vocab: dict[str, int], size: int, lines: list[str], space: str) -> None:
    """Append placeholder entries until ``vocab`` has ``size`` entries (none when it already has).

    Placeholders are whole English words from ``lines`` (with a capitalized and punctuated variant each, then
    numbered ones), marked as word starts with ``space``. Random weights pick placeholders most of the time, so
    this makes their output decode to word-like English of realistic length rather than to markup — which keeps
    what the summarizer reads, in a benchmark, about as long as a real translation."""
    import itertools

    words = _words(lines)
    variants = ("{w}", "{W}", "{w},", "{w}.", "{W},", "{w}s", "{W}.")
    candidates = itertools.chain(
        (space + v.format(w=w, W=w.capitalize()) for v in variants for w in words),
        (f"{space}w{i}" for i in itertools.count()),
    )
    for piece in candidates:
        if len(vocab) >= size:
            return
        if piece not in vocab:
            vocab[piece] = len(vocab)


def build_tiny_bart(
    out_dir: Path,
    *,
    vocab_size: int = 400,
    seed: int = 0,
    pad_vocab_to: int | None = None,
    corpora: dict[str, list[str]] | None = None,
    **config_overrides: Any,
) -> Path:
    """A BART summarizer directory with a byte-level BPE tokenizer (vocab.json + merges.txt) trained on English.
    ``pad_vocab_to`` appends placeholder tokens up to that size and ``corpora["en"]`` replaces the training text
    (see ``build_tiny_marian``)."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    lines = (corpora or {}).get("en") or corpus("en")
    if pad_vocab_to:
        # Also learn every corpus word, lower-case and capitalized, as one token, so that the word-like output of
        # random weights (see _fill) is read back at about one token per word, as real English is by BART's BPE.
        lines = lines + _word_lines(lines)
    bpe.train_from_iterator(
        lines,
        vocab_size=vocab_size,
        min_frequency=1,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
        show_progress=False,
    )
    bpe.save_model(str(out_dir))
    if pad_vocab_to:
        vocab_path = out_dir / "vocab.json"
        vocab = json.loads(vocab_path.read_text(encoding="utf-8"))
        _fill(vocab, pad_vocab_to, (corpora or {}).get("en") or corpus("en"), "Ġ")
        vocab_path.write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = BartTokenizer(vocab=str(out_dir / "vocab.json"), merges=str(out_dir / "merges.txt"))
    config_kwargs = dict(
        vocab_size=len(tokenizer),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=1024,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        forced_bos_token_id=tokenizer.bos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
    )
    config_kwargs.update(config_overrides)
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(BartConfig(**config_kwargs))
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


# Qwen2.5-1.5B-Instruct's published config (config.json on the hub): what the latency benchmark rebuilds.
QWEN2_5_1_5B_INSTRUCT = dict(
    hidden_size=1536,
    intermediate_size=8960,
    num_hidden_layers=28,
    num_attention_heads=12,
    num_key_value_heads=2,
    vocab_size=151936,
    max_position_embeddings=32768,
    rope_theta=1_000_000.0,
    rms_norm_eps=1e-6,
    tie_word_embeddings=True,
    hidden_act="silu",
)
QWEN2_5_0_5B_INSTRUCT = dict(
    QWEN2_5_1_5B_INSTRUCT,
    hidden_size=896,
    intermediate_size=4864,
    num_hidden_layers=24,
    num_attention_heads=14,
    num_key_value_heads=2,
)

# The chat template shipped with the Qwen2.5 instruct checkpoints (tokenizer_config.json), verbatim: ChatML with
# Qwen's default system prompt and its tool-calling branches.
QWEN2_5_CHAT_TEMPLATE = (
    "{%- if tools %}\n"
    "    {{- '<|im_start|>system\\n' }}\n"
    "    {%- if messages[0]['role'] == 'system' %}\n"
    "        {{- messages[0]['content'] }}\n"
    "    {%- else %}\n"
    "        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}\n"
    "    {%- endif %}\n"
    '    {{- "\\n\\n# Tools\\n\\nYou may call one or more functions to assist with the user query.\\n\\n'
    'You are provided with function signatures within <tools></tools> XML tags:\\n<tools>" }}\n'
    "    {%- for tool in tools %}\n"
    '        {{- "\\n" }}\n'
    "        {{- tool | tojson }}\n"
    "    {%- endfor %}\n"
    '    {{- "\\n</tools>\\n\\nFor each function call, return a json object with function name and arguments '
    'within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{\\"name\\": <function-name>, \\"arguments\\": '
    '<args-json-object>}\\n</tool_call><|im_end|>\\n" }}\n'
    "{%- else %}\n"
    "    {%- if messages[0]['role'] == 'system' %}\n"
    "        {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}\n"
    "    {%- else %}\n"
    "        {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
    "<|im_end|>\\n' }}\n"
    "    {%- endif %}\n"
    "{%- endif %}\n"
    "{%- for message in messages %}\n"
    '    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or '
    '(message.role == "assistant" and not message.tool_calls) %}\n'
    "        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}\n"
    '    {%- elif message.role == "assistant" %}\n'
    "        {{- '<|im_start|>' + message.role }}\n"
    "        {%- if message.content %}\n"
    "            {{- '\\n' + message.content }}\n"
    "        {%- endif %}\n"
    "        {%- for tool_call in message.tool_calls %}\n"
    "            {%- if tool_call.function is defined %}\n"
    "                {%- set tool_call = tool_call.function %}\n"
    "            {%- endif %}\n"
    "            {{- '\\n<tool_call>\\n{\"name\": \"' }}\n"
    "            {{- tool_call.name }}\n"
    "            {{- '\", \"arguments\": ' }}\n"
    "            {{- tool_call.arguments | tojson }}\n"
    "            {{- '}\\n</tool_call>' }}\n"
    "        {%- endfor %}\n"
    "        {{- '<|im_end|>\\n' }}\n"
    '    {%- elif message.role == "tool" %}\n'
    '        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}\n'
    "            {{- '<|im_start|>user' }}\n"
    "        {%- endif %}\n"
    "        {{- '\\n<tool_response>\\n' }}\n"
    "        {{- message.content }}\n"
    "        {{- '\\n</tool_response>' }}\n"
    '        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}\n'
    "            {{- '<|im_end|>\\n' }}\n"
    "        {%- endif %}\n"
    "    {%- endif %}\n"
    "{%- endfor %}\n"
    "{%- if add_generation_prompt %}\n"
    "    {{- '<|im_start|>assistant\\n' }}\n"
    "{%- endif %}\n"
)
QWEN2_SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]


def build_tiny_qwen2(out_dir: Path, *, vocab_size: int = 600, seed: int = 0, **config_overrides: Any) -> Path:
    """A Qwen2 chat model directory: Qwen2ForCausalLM with a tiny config, a byte-level BPE tokenizer trained on the
    English + French corpora with Qwen's special tokens (<|endoftext|>, <|im_start|>, <|im_end|>), and Qwen2.5's
    real ChatML chat template — so ``apply_chat_template`` and generation go through the production code paths.
    ``config_overrides`` (e.g. ``**QWEN2_5_1_5B_INSTRUCT``) rebuild the production sizes."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import Qwen2Config, Qwen2ForCausalLM, Qwen2Tokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(
        corpus("en") + corpus("fr"),
        vocab_size=vocab_size,
        min_frequency=1,
        special_tokens=QWEN2_SPECIAL_TOKENS,
        show_progress=False,
    )
    vocab = bpe.get_vocab()
    merges = json.loads(bpe.to_str())["model"]["merges"]
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ", 1)) for m in merges]
    tokenizer = Qwen2Tokenizer(
        vocab=vocab,
        merges=merges,
        unk_token=None,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        additional_special_tokens=["<|im_start|>", "<|im_end|>"],
    )
    tokenizer.chat_template = QWEN2_5_CHAT_TEMPLATE
    config_kwargs = dict(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=4096,
        rope_theta=1_000_000.0,
        tie_word_embeddings=True,
        bos_token_id=None,
        eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"),
        pad_token_id=tokenizer.convert_tokens_to_ids("<|endoftext|>"),
    )
    config_kwargs.update(config_overrides)
    torch.manual_seed(seed)
    model = Qwen2ForCausalLM(Qwen2Config(**config_kwargs))
    # As in Qwen2.5-Instruct's generation_config.json: stop at <|im_end|> or <|endoftext|>.
    model.generation_config.eos_token_id = [
        tokenizer.convert_tokens_to_ids("<|im_end|>"),
        tokenizer.convert_tokens_to_ids("<|endoftext|>"),
    ]
    model.generation_config.pad_token_id = config_kwargs["pad_token_id"]
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


# The generation settings the published checkpoints carry in their config.json (neither has a
# generation_config.json at the pinned commits). distilbart-cnn-12-6: its config's task_specific_params
# "summarization" block (hub API listing of sshleifer/distilbart-cnn-12-6 at a4f8f3ea…) — the top-level keys repeat
# it; forced BOS/EOS as in every BART-CNN config. OPUS-MT: what transformers' convert_marian_to_pytorch.py writes
# (bad_words_ids [[pad]], max_length 512, forced EOS = </s>, decoder start = pad, num_beams = the beam-size of the
# model's decoder.yml — 4 is assumed here: not confirmed from this machine).
PUBLISHED_GENERATION: dict[str, dict[str, Any]] = {
    "distilbart-cnn-12-6": dict(
        early_stopping=True, length_penalty=2.0, max_length=142, min_length=56, no_repeat_ngram_size=3, num_beams=4,
        forced_bos_token_id="<s>", forced_eos_token_id="</s>",
    ),
    "opus-mt": dict(max_length=512, num_beams=4, bad_words_ids="<pad>", forced_eos_token_id="</s>"),
}


def apply_published_generation(model_dir: Path, name: str) -> Path:
    """Give a tiny model the generation settings of the published checkpoint ``name`` (a PUBLISHED_GENERATION key),
    laid out as the hub has them: in config.json, with no generation_config.json. Token names resolve against the
    tiny model's own vocabulary."""
    model_dir = Path(model_dir)
    path = model_dir / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    vocab = json.loads((model_dir / "vocab.json").read_text(encoding="utf-8"))
    settings = dict(PUBLISHED_GENERATION[name])
    for key, value in settings.items():
        if isinstance(value, str):
            settings[key] = [[vocab[value]]] if key == "bad_words_ids" else vocab[value]
    config.update(settings)
    if name == "distilbart-cnn-12-6":
        keys = ("early_stopping", "length_penalty", "max_length", "min_length", "no_repeat_ngram_size", "num_beams")
        config["task_specific_params"] = {"summarization": {k: settings[k] for k in keys}}
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    (model_dir / "generation_config.json").unlink(missing_ok=True)
    return model_dir
