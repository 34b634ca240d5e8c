"""TF-IDF of 1- and 2-grams in numpy: scikit-learn's `TfidfVectorizer`, without its import cost.

Same tokens (lower-cased, `(?u)\\b\\w\\w+\\b`, stop words removed before forming bigrams), same
min_df/max_df pruning, same weights (optionally sublinear tf, smoothed idf
ln((1 + n) / (1 + df)) + 1, rows L2-normalised): the matrix equals scikit-learn's up to the order
of the columns (tests/test_rank.py checks it). Columns are numbered in order of first
appearance (unigrams, then bigrams), which is deterministic for the texts. Counting is done on
integer codes with numpy instead of strings in a dict, and scikit-learn (0.7 s to import) is
not needed to rank, which matters for a short `review simulate`.

Built by blocks of records, so memory stays near the size of the result: each block's texts
are turned into term ids and counted on their own (a text never spans two blocks), the blocks
keep only their distinct (record, term) counts, and the weights are written block by block
into arrays of the final size once the document frequencies are known. The result is the same,
byte for byte, as counting everything at once (the same sums in the same order).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

TOKEN = re.compile(r"(?u)\b\w\w+\b")
BLOCK = 4096  # records counted at a time
BIGRAM = 1 << 31  # a block's term codes: unigram ids below, BIGRAM + bigram id above


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
    counter = _Counter(ngram_max >= 2, stop_words)
    # blocks never mix texts and queries: the queries' counts stay out of the frequencies
    spans = [(lo, min(lo + BLOCK, n)) for lo in range(0, n, BLOCK)]
    blocks = [counter.block(texts[lo:hi], df=True) for lo, hi in spans]
    blocks += [counter.block(queries[lo : lo + BLOCK], df=False)
               for lo in range(0, len(queries), BLOCK)]
    if not counter.vocab:
        raise ValueError("empty vocabulary")
    if ngram_max > 2:
        raise ValueError("only 1- and 2-grams are supported")
    v = len(counter.vocab)
    # terms only the queries have: document frequency 0
    df = np.concatenate([_add_counts(counter.df_uni, np.zeros(0, np.int64), v)[:v],
                         _add_counts(counter.df_bi, np.zeros(0, np.int64), counter.n_bigrams)
                         [: counter.n_bigrams]])
    counter.release()
    keep = (df >= min_df) & (df <= max_df * n if isinstance(max_df, float) else df <= max_df)
    if not keep.any():
        raise ValueError("after pruning, no terms remain")
    new_id = np.cumsum(keep) - 1
    idf = np.log((n + 1.0) / (df[keep] + 1.0)) + 1.0
    del df

    def columns(terms: Any) -> Any:  # a block's term codes -> columns before pruning
        col = terms.astype(np.int64)
        big = col >= BIGRAM
        col[big] += v - BIGRAM
        return col

    kept_per_block = [int(keep[columns(b.terms)].sum()) for b in blocks]
    nnz = sum(kept_per_block)
    data = np.empty(nnz, dtype=np.float32)
    indices = np.empty(nnz, dtype=np.int64 if keep.sum() > np.iinfo(np.int32).max else np.int32)
    row_nnz = []
    at = 0
    for k in range(len(kept_per_block)):
        b = blocks.pop(0)  # each block is freed as the result fills
        col = columns(b.terms)
        kept = keep[col]
        row = np.repeat(np.arange(len(b.per_row), dtype=np.int64), b.per_row)[kept]
        col = new_id[col[kept]]
        counts = b.counts[kept].astype(np.float64)
        tf = np.log(counts) + 1.0 if sublinear_tf else counts
        w = tf * idf[col]
        norms = np.sqrt(np.bincount(row, weights=w * w, minlength=len(b.per_row)))
        w /= norms[row]
        end = at + kept_per_block[k]
        data[at:end] = w
        indices[at:end] = col
        row_nnz.append(np.bincount(row, minlength=len(b.per_row)))
        at = end
    indptr = np.concatenate([[0], np.cumsum(np.concatenate(row_nnz))])
    rows = n + len(queries)
    return sp.csr_matrix((data, indices, indptr), shape=(rows, int(keep.sum())))


class _Block:
    """One block's distinct (record, term) pairs, sorted by record then term code."""

    __slots__ = ("counts", "per_row", "terms")

    def __init__(self, per_row: Any, terms: Any, counts: Any) -> None:
        self.per_row, self.terms, self.counts = per_row, terms, counts


class _Counter:
    """Term ids in order of first appearance over the blocks so far, and document frequencies.

    Bigram ids: a sorted array of the bigram codes seen (first id * 2^32 + second id) with
    their ids; each block looks its codes up and numbers the new ones in the order they first
    appear, which over the blocks in order is their order of first appearance overall."""

    def __init__(self, bigrams: bool, stop_words: frozenset[str]) -> None:
        import numpy as np

        self.bigrams = bigrams
        self.stop_words = stop_words
        self.vocab: dict[str, int] = {}
        self.known = np.zeros(0, dtype=np.int64)
        self.known_id = np.zeros(0, dtype=np.int64)
        self.n_bigrams = 0
        self.df_uni = np.zeros(1024, dtype=np.int64)
        self.df_bi = np.zeros(1024, dtype=np.int64)

    def release(self) -> None:
        import numpy as np

        self.known = self.known_id = np.zeros(0, dtype=np.int64)

    def block(self, texts: Sequence[str], df: bool) -> _Block:
        import numpy as np

        vocab, stop = self.vocab, self.stop_words
        flat: list[int] = []
        lengths = np.zeros(len(texts), dtype=np.int64)
        for d, text in enumerate(texts):
            tokens = TOKEN.findall(text.lower())
            if stop:
                tokens = [t for t in tokens if t not in stop]
            lengths[d] = len(tokens)
            flat.extend([vocab.setdefault(t, len(vocab)) for t in tokens])
        uni = np.asarray(flat, dtype=np.int64)
        del flat
        doc_of = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        docs, terms = [doc_of], [uni]
        if self.bigrams and len(uni) > 1:
            same = doc_of[:-1] == doc_of[1:]  # consecutive tokens of one text
            bi = self._bigram_ids((uni[:-1][same] << 32) | uni[1:][same])
            docs.append(doc_of[:-1][same])
            terms.append(BIGRAM + bi)
        keys, counts = np.unique(
            (np.concatenate(docs) << 32) | np.concatenate(terms), return_counts=True
        )
        del docs, terms
        code = keys & 0xFFFFFFFF
        if df:
            big = code >= BIGRAM
            self.df_uni = _add_counts(self.df_uni, code[~big], len(vocab))
            self.df_bi = _add_counts(self.df_bi, code[big] - BIGRAM, self.n_bigrams)
        per_row = np.bincount(keys >> 32, minlength=len(texts))
        small = counts.max(initial=0) <= np.iinfo(np.uint16).max
        return _Block(per_row, code.astype(np.uint32),
                      counts.astype(np.uint16 if small else np.int64))

    def _bigram_ids(self, codes: Any) -> Any:
        import numpy as np

        u, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
        pos = np.searchsorted(self.known, u)
        found = pos < len(self.known)
        found[found] = self.known[pos[found]] == u[found]
        ids = np.empty(len(u), dtype=np.int64)
        ids[found] = self.known_id[pos[found]]
        new = np.flatnonzero(~found)
        # new bigrams numbered in order of first appearance in this block
        ids[new[np.argsort(first[new], kind="stable")]] = self.n_bigrams + np.arange(len(new))
        self.n_bigrams += len(new)
        self.known = np.insert(self.known, pos[new], u[new])
        self.known_id = np.insert(self.known_id, pos[new], ids[new])
        return ids[inverse.ravel()]


def _add_counts(df: Any, terms: Any, size: int) -> Any:
    """df with one more document counted for each of `terms` (grown to `size` when needed)."""
    import numpy as np

    if size > len(df):
        df = np.concatenate([df, np.zeros(max(size, 2 * len(df)) - len(df), dtype=df.dtype)])
    df[: size] += np.bincount(terms, minlength=size)[:size]
    return df
