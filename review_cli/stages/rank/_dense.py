"""Dense features mixed into the TF-IDF kernel: latent semantic analysis of the corpus itself,
and (optional extra) a static word-embedding model shipped inside its PyPI wheel.

Both give every record a short unit vector; the ranker adds `weight * z_i . z_j` to the TF-IDF
kernel `x_i . x_j`, so records that share meaning but not words can still pull each other up.

- LSA: truncated SVD of the TF-IDF matrix (scipy's ARPACK, started from a fixed vector so the
  result is a pure function of the matrix), rows scaled to unit length.
- Embeddings: WordLlama's `l2_supercat` 256-dimensional token table (16 MB, in the `wordllama`
  wheel; `pip install review-cli[embeddings]`), averaged over each record's tokens. It is read
  from the installed package with `tokenizers` and `safetensors`: nothing is ever downloaded
  (WordLlama's own loader looks for the tokenizer in a folder the wheel does not have and then
  tries the network, so it is not used).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

EMBEDDING_MODEL = "wordllama-l2-supercat-256"
_TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
_WEIGHTS = ("weights", "l2_supercat_256.safetensors")
BATCH = 2048  # records tokenised at a time (bounds the memory of the token ids)


class EmbeddingsMissing(Exception):
    """The optional embedding model is not installed."""


def _unit_rows(Z: Any) -> Any:
    import numpy as np

    norms = np.linalg.norm(Z, axis=1)
    norms[norms == 0] = 1.0  # a record without text keeps a zero vector
    return (Z / norms[:, None]).astype(np.float32)


def lsa(X: Any, dims: int) -> Any:
    """Unit rows of the first `dims` latent dimensions of the TF-IDF matrix X (n x dims)."""
    import numpy as np
    from scipy.sparse.linalg import svds

    n, v = X.shape
    k = min(dims, n - 1, v - 1)
    if k < 1:
        return np.zeros((n, 0), dtype=np.float32)
    A = X.astype(np.float64)
    # Smaller side for the eigenproblem; a fixed start vector makes ARPACK deterministic.
    v0 = np.full(min(n, v), 1.0 / np.sqrt(min(n, v)))
    U, S, _ = svds(A, k=k, v0=v0, solver="arpack", random_state=0)
    order = np.argsort(-S, kind="stable")
    Z = U[:, order] * S[order]
    # The sign of a singular vector is arbitrary: fix it so the largest entry is positive.
    flip = np.sign(Z[np.abs(Z).argmax(axis=0), np.arange(Z.shape[1])])
    flip[flip == 0] = 1.0
    return _unit_rows(Z * flip)


def _package_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:
        raise EmbeddingsMissing("the embedding model is not installed")
    return Path(spec.origin).parent


def embeddings_available() -> bool:
    try:
        root = _package_dir()
    except EmbeddingsMissing:
        return False
    return (root / _TOKENIZER[0] / _TOKENIZER[1]).is_file() and (
        root / _WEIGHTS[0] / _WEIGHTS[1]
    ).is_file()


def embed(texts: Sequence[str]) -> Any:
    """Unit rows: the mean of each text's token vectors (a text without tokens: zeros)."""
    import numpy as np
    import scipy.sparse as sp

    if not embeddings_available():
        raise EmbeddingsMissing("the embedding model is not installed")
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    root = _package_dir()
    tokenizer = Tokenizer.from_file(str(root / _TOKENIZER[0] / _TOKENIZER[1]))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    table = load_file(str(root / _WEIGHTS[0] / _WEIGHTS[1]))["embedding.weight"]
    table = table.astype(np.float32)
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for start in range(0, len(texts), BATCH):
        chunk = list(texts[start : start + BATCH])
        encoded = tokenizer.encode_batch(chunk, add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encoded), dtype=np.int64, count=len(encoded))
        if not lengths.any():
            continue
        ids = np.concatenate([np.asarray(e.ids, dtype=np.int64) for e in encoded])
        np.clip(ids, 0, table.shape[0] - 1, out=ids)
        # token counts (texts x vocabulary) times the table: the sums, without a tokens x dims
        # array (a batch of long abstracts would need hundreds of MB)
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        counts = sp.csr_matrix(
            (np.ones(len(ids), dtype=np.float32), ids, indptr),
            shape=(len(encoded), table.shape[0]),
        )
        out[start : start + len(encoded)] = counts @ table / np.maximum(lengths, 1)[:, None]
    return _unit_rows(out)
