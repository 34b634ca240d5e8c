"""Dense feature blocks for the ranking experiments (benchmarks/rank_select.py), none adopted.

Each block gives every record a short unit vector z; a candidate mixes it into the kernel SVM
as `weight * z_i . z_j` added to the TF-IDF kernel `x_i . x_j`. That is the linear kernel of
the rows [x_i, sqrt(weight) z_i], so `with_dense` appends the scaled block to a copy of the
TF-IDF matrix as extra columns and the package's solver runs unchanged on it.

- LSA: truncated SVD of the TF-IDF matrix (scipy's ARPACK, started from a fixed vector), rows
  scaled to unit length.
- Word embeddings: WordLlama's `l2_supercat` 256-dimensional token table (16 MB, inside the
  `wordllama` wheel), averaged over each record's tokens. WordLlama lives in its own benchmark
  virtualenv (benchmarks/.venv-wordllama, created with pip when missing, never a project
  dependency); `embed` runs this file there as a script. The table and tokenizer are read from
  the installed package with `tokenizers` and `safetensors`: WordLlama's own loader, offline,
  looks for the tokenizer in a folder the wheel does not have and then tries the network.

    benchmarks/.venv-wordllama/bin/python benchmarks/rank_dense.py TEXTS.json OUT.npy
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv-wordllama"
WORDLLAMA = "wordllama==0.4.0.post1"
BATCH = 256  # records tokenised at a time (bounds the tokens x 256 array of one batch)


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
    # A fixed start vector makes ARPACK deterministic (up to the last bits of its vectors).
    v0 = np.full(min(n, v), 1.0 / np.sqrt(min(n, v)))
    U, S, _ = svds(X.astype(np.float64), k=k, v0=v0, solver="arpack", random_state=0)
    order = np.argsort(-S, kind="stable")
    Z = U[:, order] * S[order]
    # The sign of a singular vector is arbitrary: fix it so the largest entry is positive.
    flip = np.sign(Z[np.abs(Z).argmax(axis=0), np.arange(Z.shape[1])])
    flip[flip == 0] = 1.0
    return _unit_rows(Z * flip)


def with_dense(X: Any, blocks: Sequence[tuple[Any, float]]) -> Any:
    """X with each (Z, weight) block appended as columns scaled by sqrt(weight): the kernel
    of the result is X X^T + sum weight Z Z^T (CSR float32, like the package's features)."""
    import numpy as np
    import scipy.sparse as sp

    parts = [X] + [sp.csr_matrix(Z * np.float32(np.sqrt(w))) for Z, w in blocks if w]
    return sp.hstack(parts, format="csr", dtype=np.float32)


def ensure_venv() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV} with {WORDLLAMA} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", WORDLLAMA], check=True)
    return python


def embed(texts: Sequence[str]) -> Any:
    """Unit rows: the mean of each text's WordLlama token vectors (computed in the benchmark
    virtualenv; a text without tokens: zeros)."""
    import numpy as np

    python = ensure_venv()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "texts.json", Path(tmp) / "emb.npy"
        src.write_text(json.dumps(list(texts)), encoding="utf-8")
        subprocess.run([str(python), str(Path(__file__)), str(src), str(out)], check=True)
        return np.load(out)


def _embed_here(texts: Sequence[str]) -> Any:
    """What `embed` runs inside the benchmark virtualenv (wordllama, numpy, no scipy)."""
    import importlib.util

    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:
        sys.exit("wordllama is not installed in this environment")
    root = Path(spec.origin).parent
    tokenizer = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    table = load_file(str(root / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"]
    table = table.astype(np.float32)
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for start in range(0, len(texts), BATCH):
        encoded = tokenizer.encode_batch(list(texts[start : start + BATCH]),
                                         add_special_tokens=False)
        for k, e in enumerate(encoded):
            if e.ids:
                ids = np.clip(np.asarray(e.ids, dtype=np.int64), 0, table.shape[0] - 1)
                out[start + k] = table[ids].mean(axis=0)
    return _unit_rows(out)


if __name__ == "__main__":
    import numpy as np

    np.save(sys.argv[2], _embed_here(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
