"""TF-IDF of 1- and 2-grams in numpy: scikit-learn's `TfidfVectorizer`, without its import cost.

Same tokens (lower-cased, `(?u)\\b\\w\\w+\\b`, stop words removed before forming bigrams), same
min_df/max_df pruning, same weights (optionally sublinear tf, smoothed idf
ln((1 + n) / (1 + df)) + 1, rows L2-normalised): the matrix equals scikit-learn's up to the order
of the columns (tests/test_rank.py checks it). Columns are numbered in order of first
appearance (unigrams, then bigrams), which is deterministic for the texts. Counting is done on
integer codes with numpy instead of strings in a dict, and scikit-learn (0.7 s to import) is
not needed to rank, which matters for a short `review simulate`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

TOKEN = re.compile(r"(?u)\b\w\w+\b")


def tfidf(
    texts: Sequence[str],
    ngram_max: int = 2,
    min_df: int = 1,
    max_df: float = 1.0,
    sublinear_tf: bool = True,
    stop_words: frozenset[str] = frozenset(),
    queries: Sequence[str] = (),
) -> Any:
    """CSR float32 matrix, one row per text; ValueError when no term is left (as scikit-learn).

    `queries`: texts weighted with the corpus's vocabulary and idf, as rows after the texts';
    they take no part in the vocabulary, the document frequencies or the pruning, so the rows
    of `texts` are the same with or without them."""
    import numpy as np
    import scipy.sparse as sp

    n = len(texts)
    everything = [*texts, *queries] if queries else texts
    rows = len(everything)
    vocab: dict[str, int] = {}
    flat: list[int] = []
    lengths = np.zeros(rows, dtype=np.int64)
    for d, text in enumerate(everything):
        tokens = TOKEN.findall(text.lower())
        if stop_words:
            tokens = [t for t in tokens if t not in stop_words]
        lengths[d] = len(tokens)
        flat.extend([vocab.setdefault(t, len(vocab)) for t in tokens])
    if not vocab:
        raise ValueError("empty vocabulary")
    uni = np.asarray(flat, dtype=np.int64)
    doc_of = np.repeat(np.arange(rows, dtype=np.int64), lengths)
    v = len(vocab)
    docs, terms, n_terms = [doc_of], [uni], v
    if ngram_max >= 2:
        same = doc_of[:-1] == doc_of[1:]  # consecutive tokens of one text
        codes = uni[:-1][same] * v + uni[1:][same]
        _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
        # bigram columns in order of first appearance, like the unigrams
        rank = np.empty(len(first), dtype=np.int64)
        rank[np.argsort(first, kind="stable")] = np.arange(len(first))
        docs.append(doc_of[:-1][same])
        terms.append(v + rank[inverse.ravel()])
        n_terms += len(first)
    if ngram_max > 2:
        raise ValueError("only 1- and 2-grams are supported")
    keys, counts = np.unique(
        np.concatenate(docs) * n_terms + np.concatenate(terms), return_counts=True
    )
    row, col = keys // n_terms, keys % n_terms
    df = np.bincount(col[row < n] if queries else col, minlength=n_terms)
    keep = (df >= min_df) & (df <= max_df * n if isinstance(max_df, float) else df <= max_df)
    if not keep.any():
        raise ValueError("after pruning, no terms remain")
    new_id = np.cumsum(keep) - 1
    kept = keep[col]
    row, col, counts = row[kept], new_id[col[kept]], counts[kept].astype(np.float64)
    df = df[keep]
    tf = np.log(counts) + 1.0 if sublinear_tf else counts
    idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
    data = tf * idf[col]
    norms = np.sqrt(np.bincount(row, weights=data * data, minlength=rows))
    data /= norms[row]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=rows))])
    return sp.csr_matrix((data.astype(np.float32), col, indptr), shape=(rows, int(keep.sum())))
