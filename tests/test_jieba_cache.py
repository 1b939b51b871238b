"""jieba's dictionary cached in the user's cache folder: written once, read back, same words."""
from __future__ import annotations

import array
import json
import os
import subprocess
import sys

import pytest

from jixiao import _jieba

SAMPLES = ["社会公众满意度", "年初部门预算收入", "农村学校教学楼维修改造面积", "项目资金执行率达到95%以上",
           "服务对象满意度不低于90%", "新塘市教育后勤服务中心"]

_SCRIPT = """
import json, sys
mode = sys.argv[1]
if mode == "jixiao":
    from jixiao._jieba import jieba
    j = jieba()
else:
    import logging, jieba as j
    j.setLogLevel(logging.WARNING)
    j.initialize()
words = json.loads(sys.argv[2])
print(json.dumps({"freq": type(j.dt.FREQ).__name__, "cuts": [j.lcut(w) for w in words],
                  "search": [j.lcut_for_search(w) for w in words]}, ensure_ascii=False))
"""


def _run(mode: str, cache: os.PathLike, tmp: os.PathLike) -> dict:
    env = dict(os.environ, JIXIAO_CACHE_DIR=str(cache), TMPDIR=str(tmp))
    out = subprocess.run([sys.executable, "-c", _SCRIPT, mode, json.dumps(SAMPLES, ensure_ascii=False)],
                         capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout)


def test_dictionary_is_cached_in_the_cache_folder_and_segments_as_jieba(tmp_path):
    cache, tmp = tmp_path / "cache", tmp_path / "tmp"
    tmp.mkdir()
    first = _run("jixiao", cache, tmp)
    cached = list(cache.glob("jieba-dict-*.bin"))
    assert len(cached) == 1 and cached[0].stat().st_size > 1_000_000
    assert (cache / "jieba.cache").is_file()  # jieba's own cache went there too, not to $TMPDIR
    assert not list(tmp.glob("jieba*"))
    second = _run("jixiao", cache, tmp)
    assert second["freq"] == "SortedFreq"  # read from our cache, not rebuilt
    assert list(cache.glob("jieba-dict-*.bin")) == cached
    plain = _run("jieba", tmp_path / "unused", tmp)
    assert first["cuts"] == second["cuts"] == plain["cuts"]
    assert first["search"] == second["search"] == plain["search"]


def test_sorted_freq_answers_like_the_dict(monkeypatch):
    freq = {"满": 0, "满意": 5, "满意度": 12, "度": 3, "年": 0, "年初": 7}
    words = sorted(freq)
    owner = type("Owner", (), {})()
    sf = _jieba.SortedFreq(words, array.array("q", [freq[w] for w in words]), owner)
    owner.FREQ = sf
    for w in ["满", "满意", "满意度", "度", "年初", "年末", "", "满意度调查"]:
        assert (w in sf) == (w in freq)
        assert sf.get(w) == freq.get(w)
        assert sf.get(w, -1) == freq.get(w, -1)
        if w in freq:
            assert sf[w] == freq[w]
        else:
            with pytest.raises(KeyError):
                sf[w]
    sf["年末"] = 4  # jieba.add_word sets words
    assert sf["年末"] == 4 and "年末" in sf and len(sf) == len(freq) + 1


def test_sorted_freq_hands_its_owner_a_dict_after_many_lookups(monkeypatch):
    monkeypatch.setattr(_jieba, "_UPGRADE_AFTER", 5)
    owner = type("Owner", (), {})()
    sf = _jieba.SortedFreq(["a", "b"], array.array("q", [1, 0]), owner)
    owner.FREQ = sf
    for _ in range(4):
        assert "a" in sf
    assert owner.FREQ is sf
    assert sf.get("b") == 0
    assert owner.FREQ == {"a": 1, "b": 0}


def test_a_damaged_cache_file_is_ignored(tmp_path):
    path = tmp_path / "jieba-dict-x.bin"
    _jieba._write(path, {"满意度": 3, "满": 0, "满意": 2}, 5)
    words, counts, total = _jieba._read(path)
    assert words == ["满", "满意", "满意度"] and list(counts) == [0, 2, 3] and total == 5
    path.write_bytes(path.read_bytes()[:-3])
    assert _jieba._read(path) is None
    path.write_bytes(b"something else")
    assert _jieba._read(path) is None
