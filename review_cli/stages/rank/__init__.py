"""The ranking engine: which record to screen next. The only scikit-learn user.

Pure and deterministic for (texts, labels, seed): TF-IDF features are built once, a classifier
is retrained on the labels so far, and unlabelled records are ordered by predicted relevance
(certainty-based querying: the most likely relevant first). Until there is at least one relevant
and one irrelevant label, the order is a seeded shuffle. Ties are broken by that same shuffle.

The default model was chosen by measurement on the shared benchmark datasets (docs/rank.md).
scikit-learn, scipy and numpy are imported lazily so the CLI starts fast.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from review_cli.project import Project
    from review_cli.protocol import Protocol

FEATURES_VERSION = 2  # bump when features() changes, so caches are rebuilt
LARGE = 10_000  # records from which terms found in a single record are dropped


@dataclass(frozen=True)
class FeatureSettings:
    ngram_max: int = 2
    min_df: int = 1
    sublinear_tf: bool = True
    stop_words: bool = True
    max_df: float = 1.0
    # Character n-grams (char_wb, this length; 0: none) beside the words, their block weighted
    # so that the kernel is words + char_weight x characters.
    char_ngrams: int = 0
    char_weight: float = 0.0

    def key(self) -> str:
        fields = asdict(self)
        if not self.char_ngrams:  # the word-only keys (and their caches) stay as they were
            del fields["char_ngrams"], fields["char_weight"]
        return json.dumps({"v": FEATURES_VERSION, **fields}, sort_keys=True)


@dataclass(frozen=True)
class ModelSpec:
    """One ranking model: features, classifier and how the training set is formed."""

    classifier: str = "svm"  # kernel-svm | svm | logreg | nb | mnb | ridge | sgd | sgd-log | sgd-mh
    C: float = 1.0
    balanced: bool = True  # weight classes inversely to their frequency
    # Records not yet labelled, taken from the seeded shuffle, added to training as presumed
    # irrelevant (Cormack & Grossman's BMI): helps most while few records are labelled.
    pseudo_negatives: int = 0
    epochs: int = 20  # SGD only
    pos_weight: float = 1.0  # weight of a relevant record (irrelevant: 1)
    # ASReview's Balanced: weights rescaled so they sum to the number of labels (their scale
    # sets the effective C of an SVM).
    normalise_weights: bool = False
    features: FeatureSettings = field(default_factory=FeatureSettings)


MODEL_SPECS: dict[str, ModelSpec] = {
    "svm": ModelSpec("svm", C=1.0),
    "logreg": ModelSpec("logreg", C=10.0),
    "nb": ModelSpec("nb", C=1.0, balanced=False),
    "sgd": ModelSpec("sgd", C=1e-4),
    # ASReview 3.0.8 `elas_u4`, replicated: LinearSVC (squared hinge, C 0.11), relevant records
    # weighted 9.8:1 in total (weights summing to the number of labels), TF-IDF 1-2-grams with
    # sublinear tf, max_df 0.95, no stop-word removal; certainty-based querying.
    "elas": ModelSpec(
        "svm",
        C=0.11,
        pos_weight=9.8,
        normalise_weights=True,
        features=FeatureSettings(
            ngram_max=2, min_df=1, sublinear_tf=True, stop_words=False, max_df=0.95
        ),
    ),
}
# The same model solved exactly in the kernel space, warm-started after each decision
# (review_cli/stages/rank_svm.py): the optimum liblinear approximates, in a fraction of the time.
MODEL_SPECS["elas-fast"] = replace(MODEL_SPECS["elas"], classifier="kernel-svm")
# The default: elas-fast with less regularisation (C 0.15 instead of 0.11), chosen by measurement
# on the shared datasets against ASReview's runs (docs/rank.md, "How the default was chosen").
MODEL_SPECS["fast-svm"] = replace(MODEL_SPECS["elas-fast"], C=0.15)
# Experimental: fast-svm with character 3-grams mixed in at weight 0.1. It passed both model
# selection criteria on the shared sets (docs/rank.md, round 3: held-out mean +0.0175 over
# fast-svm, no set more than 0.02 below ASReview) but costs about 4x the CPU per decision, so it
# is a choice (`review simulate --model char3`, `[screening] model`), not the default.
MODEL_SPECS["char3"] = replace(
    MODEL_SPECS["fast-svm"],
    features=replace(MODEL_SPECS["fast-svm"].features, char_ngrams=3, char_weight=0.1),
)
MODEL_SPECS["default"] = MODEL_SPECS["fast-svm"]
MODELS = tuple(sorted(MODEL_SPECS))


def model_spec(model: str | ModelSpec) -> ModelSpec:
    if isinstance(model, ModelSpec):
        return model
    try:
        return MODEL_SPECS[model]
    except KeyError:
        from review_cli.errors import ReviewError

        raise ReviewError(
            f"unknown ranking model `{model}`", hint=f"choose one of: {', '.join(MODELS)}"
        ) from None


@dataclass(frozen=True)
class Ranking:
    order: list[int]  # unlabelled record indexes, most likely relevant first
    scores: list[float]  # the model's score for each, same order (0.0 when random)
    random: bool  # True while the order is the seeded shuffle
    # True while the order is the similarity to the protocol (before the first relevant and
    # irrelevant labels, when the protocol has a question, criteria or include terms)
    protocol: bool = False


def text_of(title: str | None, abstract: str | None) -> str:
    """The text a record is ranked on: title and abstract (either may be missing)."""
    return f"{title or ''}\n{abstract or ''}".strip()


def protocol_query(protocol: Protocol) -> str:
    """What a record is compared with before the first labels: the review question (and its
    PICO-style fields), the inclusion criteria and the terms to highlight as relevant."""
    parts = [protocol.question, *protocol.question_fields.values(), *protocol.include,
             *protocol.screening.highlight_include]
    return "\n".join(p for p in parts if p.strip())


def features(
    texts: Sequence[str], settings: FeatureSettings | None = None, queries: Sequence[str] = ()
) -> Any:
    """TF-IDF matrix (CSR float32, rows L2-normalised), one row per text: scikit-learn's
    TfidfVectorizer up to the column order (review_cli/stages/rank_tfidf.py). `queries` are
    weighted with the texts' vocabulary and idf and appended as rows (the texts' rows do not
    change)."""
    from review_cli.stages.rank._tfidf import tfidf

    s = settings or FeatureSettings()
    # A term found in one record only never links two records; dropping those in large sets
    # keeps the bigram vocabulary (and memory) in check.
    min_df = max(s.min_df, 2) if len(texts) >= LARGE else s.min_df
    stop: frozenset[str] = frozenset()
    if s.stop_words:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        stop = frozenset(ENGLISH_STOP_WORDS)
    try:
        X = tfidf(
            texts, s.ngram_max, min_df if len(texts) > min_df else 1, s.max_df, s.sublinear_tf,
            stop, queries,
        )
    except ValueError:  # no term at all (every text empty or only stop words)
        import scipy.sparse as sp

        X = sp.csr_matrix((len(texts) + len(queries), 1), dtype=_float32())
    return _with_characters(X, texts, s, queries) if s.char_ngrams else X


def _with_characters(
    X: Any, texts: Sequence[str], s: FeatureSettings, queries: Sequence[str]
) -> Any:
    """[X, sqrt(char_weight) C]: C the texts' char_wb n-grams (sublinear tf, smoothed idf, rows
    L2-normalised), fitted on the texts alone. Both blocks have unit rows, so the kernel is the
    words' plus char_weight times the characters'. scikit-learn builds the block: only this
    model pays its import."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = s.char_ngrams
    vec = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(n, n), sublinear_tf=True, dtype=np.float32
    )
    try:
        C = vec.fit_transform(texts)
        if queries:
            C = sp.vstack([C, vec.transform(queries)])
    except ValueError:  # every text empty
        return X
    scale = np.float32(np.sqrt(s.char_weight))
    return sp.hstack([X, C * scale], format="csr", dtype=np.float32)


def similarity(X: Any, q: Any) -> Any:
    """Cosine similarity of every row of X with the one-row matrix q (both rows L2-normalised)."""
    import numpy as np

    return np.asarray((X @ q.T).toarray(), dtype=np.float64).ravel()


def features_and_start(
    texts: Sequence[str], settings: FeatureSettings, query: str
) -> tuple[Any, Any]:
    """The TF-IDF matrix and every record's similarity to the protocol `query` (one pass)."""
    import scipy.sparse as sp

    both = features(texts, settings, [query])
    n = len(texts)
    # the records' rows as views of the arrays (slicing would copy the whole matrix)
    end = int(both.indptr[n])
    X = sp.csr_matrix(
        (both.data[:end], both.indices[:end], both.indptr[: n + 1]), shape=(n, both.shape[1])
    )
    return X, similarity(X, both[n:])


def _float32() -> Any:
    import numpy as np

    return np.float32


class Ranker:
    """Ranks the unlabelled records of one project (or simulation) given the labels so far."""

    def __init__(
        self,
        texts: Sequence[str],
        seed: int = 42,
        model: str | ModelSpec = "default",
        *,
        matrix: Any = None,
        query: str = "",
        start: Any = None,
    ) -> None:
        """`query` (the protocol's question, criteria and include terms, see protocol_query)
        orders the records by similarity to it until there is one relevant and one irrelevant
        label; `start` gives those similarities when they were computed already."""
        import numpy as np

        self.spec = model_spec(model)
        self.model = model if isinstance(model, str) else "custom"
        self.n = len(texts) if matrix is None else int(matrix.shape[0])
        self.seed = seed
        if matrix is None and self.n and query.strip() and start is None:
            matrix, start = features_and_start(texts, self.spec.features, query)
        elif query.strip() and start is None and self.n:
            start = features_and_start(texts, self.spec.features, query)[1]
        self.X: Any = (
            matrix if matrix is not None
            else (features(texts, self.spec.features) if self.n else None)
        )
        # No similarity at all (a query sharing no term with the records): the random start.
        self.start: Any = start if start is not None and np.any(start > 0) else None
        # The one random generator of the session: a fixed shuffle used for the random phase,
        # for breaking ties and for picking pseudo-negatives, so rank() stays a pure function.
        rng = np.random.default_rng(seed)
        self._shuffle = rng.permutation(self.n)
        self._position = np.empty(self.n, dtype=np.int64)
        self._position[self._shuffle] = np.arange(self.n)
        self._kernel: Any = None  # kernel SVM state, extended while labels only grow
        self._threads: Any = None  # threadpoolctl controller, made once the kernel's BLAS is loaded

    @property
    def shuffle(self) -> Any:
        """The session's seeded permutation of record indexes (random phase and tie-breaks)."""
        return self._shuffle

    # --- the core: scores for every record ---------------------------------------------------
    def scores(self, labels: Mapping[int, int]) -> Any | None:
        """Predicted relevance of every record (ndarray), or None before both classes are seen."""
        import numpy as np

        if not labels:
            return None
        if self.spec.classifier == "kernel-svm":  # counts the classes itself: no O(n) copy here
            return self._kernel_svm(labels)
        idx = np.fromiter(labels.keys(), dtype=np.int64, count=len(labels))
        y = np.fromiter(labels.values(), dtype=np.int64, count=len(labels))
        if y.min() == y.max():
            return None
        # Sorted training rows: the fit does not depend on the order decisions were made in.
        sort = np.argsort(idx, kind="stable")
        idx, y = idx[sort], y[sort]
        k = self.spec.pseudo_negatives
        if k:
            mask = np.ones(self.n, dtype=bool)
            mask[idx] = False
            pool = self._shuffle[mask[self._shuffle]][:k]
            idx = np.concatenate([idx, np.sort(pool)])
            y = np.concatenate([y, np.zeros(len(pool), dtype=np.int64)])
        clf = _classifier(self.spec, self.seed)
        weights = _weights(y, self.spec.pos_weight) if self.spec.balanced else None
        if weights is not None and self.spec.normalise_weights:
            weights = weights * (len(y) / weights.sum())
        clf.fit(self.X[idx], y, sample_weight=weights)
        if hasattr(clf, "decision_function"):
            out = clf.decision_function(self.X)
        else:
            out = clf.predict_log_proba(self.X)[:, 1] - clf.predict_log_proba(self.X)[:, 0]
        return np.asarray(out, dtype=np.float64).ravel()

    def _kernel_svm(self, labels: Mapping[int, int]) -> Any | None:
        from review_cli.stages.rank._svm import KernelSVM

        if self._kernel is None:
            pseudo = self._shuffle[: self.spec.pseudo_negatives]
            self._kernel = KernelSVM(
                self.X, self.spec.C, self.spec.pos_weight, self.spec.normalise_weights, pseudo
            )
        with self._one_blas_thread():
            self._kernel.fit(labels)
            return self._kernel.scores() if self._kernel.both_classes else None

    def _one_blas_thread(self) -> Any:
        """One BLAS thread: the products are small and, on a busy machine, threads waiting for
        each other made every decision several times slower."""
        from threadpoolctl import ThreadpoolController

        if self._threads is None:
            self._threads = ThreadpoolController()
        return self._threads.limit(limits=1, user_api="blas")

    def next_record(self, labels: Mapping[int, int], unlabelled: Any) -> int:
        """The next record to screen among `unlabelled` (bool mask): cheaper than a full rank()."""
        import numpy as np

        scores = self.scores(labels)
        cand = self._shuffle[unlabelled[self._shuffle]]
        if scores is None and self.start is not None:
            scores = self.start
        if scores is None:
            return int(cand[0])
        return int(cand[int(np.argmax(scores[cand]))])  # argmax keeps the first (shuffle) tie

    def rank(self, labels: Mapping[int, int]) -> Ranking:
        """labels: record index -> 1 relevant / 0 irrelevant."""
        import numpy as np

        mask = np.ones(self.n, dtype=bool)
        if labels:
            mask[np.fromiter(labels.keys(), dtype=np.int64, count=len(labels))] = False
        unlabelled = self._shuffle[mask[self._shuffle]]
        scores = self.scores(labels) if len(unlabelled) else None
        protocol = scores is None and self.start is not None and len(unlabelled) > 0
        if protocol:
            scores = self.start
        if scores is None:
            return Ranking(unlabelled.tolist(), [0.0] * len(unlabelled), True)
        s = scores[unlabelled]
        order = np.argsort(-s, kind="stable")
        return Ranking(unlabelled[order].tolist(), s[order].tolist(), False, protocol)


def _weights(y: Any, ratio: float = 1.0) -> Any:
    """Sample weights giving relevant records `ratio` times the total weight of irrelevant ones."""
    import numpy as np

    pos = int(y.sum())
    neg = len(y) - pos
    return np.where(y == 1, ratio * len(y) / (2.0 * pos), len(y) / (2.0 * neg))


def _classifier(spec: ModelSpec, seed: int) -> Any:
    c = spec.classifier
    if c == "svm":
        from sklearn.svm import LinearSVC

        return LinearSVC(C=spec.C, random_state=0, dual="auto", max_iter=5000)
    if c == "logreg":
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=spec.C, solver="liblinear", random_state=0)
    if c == "nb":
        from sklearn.naive_bayes import ComplementNB

        return ComplementNB(alpha=spec.C)
    if c == "mnb":
        from sklearn.naive_bayes import MultinomialNB

        return MultinomialNB(alpha=spec.C)
    if c == "ridge":
        from sklearn.linear_model import RidgeClassifier

        return RidgeClassifier(alpha=spec.C, solver="sparse_cg")
    if c.startswith("sgd"):
        from sklearn.linear_model import SGDClassifier

        loss = {"sgd": "hinge", "sgd-log": "log_loss", "sgd-mh": "modified_huber"}[c]
        return SGDClassifier(
            loss=loss, alpha=spec.C, random_state=0, max_iter=spec.epochs, tol=None
        )
    raise ValueError(f"unknown classifier {c}")


# --- projects: features cached in .review/ ---------------------------------------------------
def features_key(texts: Sequence[str], settings: FeatureSettings) -> str:
    h = hashlib.sha256(settings.key().encode())
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


def _replace(cache_dir: Path, pattern: str, path: Path, save: Any) -> None:
    """Write one cache file atomically, removing the older files of its kind."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob(pattern):
        old.unlink(missing_ok=True)
    tmp = path.with_name(f"tmp-{path.name}")
    save(tmp)
    tmp.replace(path)


def cached_features(
    cache_dir: Path, texts: Sequence[str], settings: FeatureSettings, query: str = ""
) -> tuple[Any, Any]:
    """(TF-IDF matrix, similarity to the protocol `query` or None) for `texts`, each loaded
    from `cache_dir` when the texts (and query, settings) are unchanged."""
    import numpy as np
    import scipy.sparse as sp

    key = features_key(texts, settings)
    path = cache_dir / f"features-{key}.npz"
    query_key = hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    start_path = cache_dir / f"start-{key}-{query_key}.npy"
    X = start = None
    if path.is_file():
        try:
            X = sp.load_npz(path).tocsr()
        except (OSError, ValueError):
            pass  # damaged cache: rebuild it
    if query.strip() and start_path.is_file():
        try:
            start = np.load(start_path)
        except (OSError, ValueError):
            pass
    if query.strip() and start is None:
        built, start = features_and_start(texts, settings, query)
        X = built if X is None else X
        _replace(cache_dir, "start-*.npy", start_path, lambda f: np.save(f, start))
    if X is None:
        X = features(texts, settings)
    if not path.is_file():
        _replace(cache_dir, "features-*.npz", path, lambda f: sp.save_npz(f, X, compressed=False))
    return X, start


def for_project(
    project: Project, texts: Sequence[str], model: str | None = None, seed: int | None = None
) -> Ranker:
    """A Ranker with the protocol's seed and model, its features cached in the project's
    .review/; until the first relevant and irrelevant labels it orders the records by their
    similarity to the protocol's question, criteria and include terms."""
    screening = project.protocol.screening
    spec = model_spec(model or screening.model)
    X = start = None
    if len(texts):
        X, start = cached_features(
            project.cache_dir, texts, spec.features, protocol_query(project.protocol)
        )
    return Ranker(
        texts, seed if seed is not None else screening.seed, model or screening.model, matrix=X,
        start=start,
    )


__all__ = [
    "MODELS",
    "FeatureSettings",
    "ModelSpec",
    "Ranker",
    "Ranking",
    "features",
    "for_project",
    "model_spec",
    "protocol_query",
    "text_of",
]
