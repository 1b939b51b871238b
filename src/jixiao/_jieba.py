"""jieba, with its prefix dictionary cached where it loads fast.

jieba builds a prefix dictionary (about 500,000 words and prefixes) from its dict.txt on first
use and caches it with ``marshal`` in the temporary folder; loading that cache takes most of a
second. Here the same dictionary is cached in the user's cache folder (``$JIXIAO_CACHE_DIR``,
else ``$XDG_CACHE_HOME/jixiao``, else ``~/.cache/jixiao``) as one block of sorted words and one
array of frequencies (jieba's own cache goes to that folder too). Loading it is a split of one
string; lookups bisect the sorted words until the process has made enough of them to be worth
building jieba's usual dict. Segmentation is unchanged: jieba sees the very dictionary it would
have built.
"""
from __future__ import annotations

import array
import bisect
import hashlib
import logging
import os
import sys
import tempfile
from pathlib import Path

_MAGIC = b"jixiao-jieba-dict/2\n"  # words sorted by code point
_UPGRADE_AFTER = 200_000  # lookups; then the sorted words become a dict (about 0.2 s to build)
_loaded = None  # the jieba module, once its dictionary is in place


def cache_dir() -> Path:
    """Where jixiao keeps caches: $JIXIAO_CACHE_DIR, else $XDG_CACHE_HOME/jixiao, else ~/.cache/jixiao."""
    env = os.environ.get("JIXIAO_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jixiao"


def jieba():
    """The jieba module with its default dictionary loaded (from the cache when there is one)."""
    global _loaded
    if _loaded is not None:
        return _loaded
    mod = _import()
    mod.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not for our users
    dt = mod.dt
    with dt.lock:
        if not dt.initialized and dt.dictionary == mod.DEFAULT_DICT and not dt.cache_file:
            _initialize(mod, dt)
    _loaded = mod
    return mod


def _import():
    """``import jieba`` without the setuptools ``pkg_resources`` import jieba makes only to open
    its own data files (it falls back to a plain ``open`` of the same files); that import alone
    costs a tenth of a second at start-up."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba as mod

        return mod
    sys.modules["pkg_resources"] = None  # makes "import pkg_resources" raise ImportError
    try:
        import jieba as mod
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return mod


def _dict_file(mod) -> Path:
    return Path(mod.__file__).parent / mod.DEFAULT_DICT_NAME


def _cache_path(folder: Path, mod) -> Path:
    """The cache file for this jieba and its dictionary (a new jieba gets a new file)."""
    st = _dict_file(mod).stat()
    key = f"{getattr(mod, '__version__', '')}|{st.st_size}|{st.st_mtime_ns}".encode()
    return folder / f"jieba-dict-{hashlib.sha1(key).hexdigest()[:16]}.bin"


def _initialize(mod, dt) -> None:
    try:
        folder = cache_dir()
        path = _cache_path(folder, mod)
    except (OSError, RuntimeError, KeyError):  # no home folder, no dict.txt to key the cache on
        dt.initialize()
        return
    loaded = _read(path)
    if loaded is not None:
        words, counts, total = loaded
        dt.FREQ, dt.total = SortedFreq(words, counts, dt), total
        dt.initialized = True
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dt.tmp_dir = str(folder)  # jieba's own marshal cache goes here too
    except OSError:
        pass
    dt.initialize()
    try:
        _write(path, dt.FREQ, dt.total)
    except (OSError, ValueError):
        pass  # no cache: the next run builds (or loads jieba's cache) again


def _write(path: Path, freq: dict[str, int], total: int) -> None:
    if any("\n" in w for w in freq):
        raise ValueError("a dictionary word holds a newline")
    items = sorted(freq.items())
    words = "\n".join(w for w, _ in items).encode("utf-8")
    counts = array.array("q", (c for _, c in items))
    header = f"{len(freq)} {total} {len(words)}\n".encode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC + header + words + counts.tobytes())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _read(path: Path) -> tuple[list[str], array.array, int] | None:
    """The sorted words, their counts and the total from a cache file; None when it is missing
    or damaged."""
    try:
        data = path.read_bytes()
        if not data.startswith(_MAGIC):
            return None
        start = len(_MAGIC)
        nl = data.index(b"\n", start)
        n, total, n_bytes = (int(x) for x in data[start:nl].split())
        body = nl + 1
        words = data[body:body + n_bytes].decode("utf-8").split("\n") if n else []
        counts = array.array("q")
        counts.frombytes(data[body + n_bytes:])
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if len(words) != n or len(counts) != n:
        return None
    return words, counts, total


class SortedFreq:
    """jieba's prefix dictionary (word -> count, 0 for a mere prefix) over sorted words: the
    lookups jieba makes (``in``, ``[]``, ``get``, setting a word) by bisection. After
    ``_UPGRADE_AFTER`` lookups it hands its owner (the tokenizer) a plain dict with the same
    contents, so a long run pays the dict's build once and then looks up at dict speed."""

    __slots__ = ("_counts", "_extra", "_lookups", "_n", "_owner", "_words")

    def __init__(self, words: list[str], counts, owner=None):
        self._words, self._counts, self._n = words, counts, len(words)
        self._extra: dict[str, int] = {}  # words set after loading (jieba.add_word)
        self._owner, self._lookups = owner, 0

    def _find(self, word):
        self._lookups += 1
        if self._lookups == _UPGRADE_AFTER and self._owner is not None and self._owner.FREQ is self:
            self._owner.FREQ = self.as_dict()
        if self._extra and word in self._extra:
            return self._extra[word]
        i = bisect.bisect_left(self._words, word)
        if i < self._n and self._words[i] == word:
            return self._counts[i]
        return None

    def as_dict(self) -> dict[str, int]:
        d = dict(zip(self._words, self._counts))
        d.update(self._extra)
        return d

    def __contains__(self, word) -> bool:
        return self._find(word) is not None

    def __getitem__(self, word) -> int:
        v = self._find(word)
        if v is None:
            raise KeyError(word)
        return v

    def get(self, word, default=None):
        v = self._find(word)
        return default if v is None else v

    def __setitem__(self, word, count) -> None:
        self._extra[word] = count

    def __len__(self) -> int:
        return len(self.as_dict()) if self._extra else self._n
