# wirebrief — CPU image. Build: docker build -t wirebrief .
# Run:  docker run -p 7860:7860 -e WIREBRIEF_AUTH_USERNAME=editor -e WIREBRIEF_AUTH_PASSWORD=… \
#           -e WIREBRIEF_API_TOKEN=… wirebrief
# The container binds 0.0.0.0 (WIREBRIEF_HOST below), a non-loopback address: the app refuses to start unless
# WIREBRIEF_AUTH_USERNAME + WIREBRIEF_AUTH_PASSWORD (web login) and WIREBRIEF_API_TOKEN (REST bearer token) are
# set, and says which are missing (docs/security.md). Never bake them into the image.
# The same pinned requirements as development; the default models are fetched at build time at their pinned
# revisions, so the container runs offline.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HF_HOME=/opt/hf-cache \
    HF_HUB_OFFLINE=0 \
    WIREBRIEF_HOST=0.0.0.0 \
    WIREBRIEF_PORT=7860 \
    WIREBRIEF_DB_PATH=/data/wirebrief.sqlite3

RUN useradd --create-home --uid 10001 wirebrief \
    && mkdir -p /app /data /opt/hf-cache \
    && chown wirebrief:wirebrief /data /opt/hf-cache
WORKDIR /app

# The fact checker's word lexicon (FreeDict fr-en / en-fr, read from /usr/share/dictd: service/facts/lexicon.py).
RUN apt-get update && apt-get install -y --no-install-recommends dict-freedict-fra-eng dict-freedict-eng-fra \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY models/ models/
COPY service/ service/
COPY prompts/ prompts/
COPY eval/ eval/

USER wirebrief
# CTranslate2 copies baked: int8 for CPU (what this image's settings load). For a CUDA deployment add
# `--ct2-compute bfloat16` (or float16 on GPUs without bf16); otherwise the first start converts that copy once,
# logging "converting … for CTranslate2", before the health check turns healthy.
RUN python -m models fetch
# Weights are in the image: never reach for the hub at run time.
ENV HF_HUB_OFFLINE=1

EXPOSE 7860
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:7860/v1/health', timeout=4)"
CMD ["python", "-m", "service"]
