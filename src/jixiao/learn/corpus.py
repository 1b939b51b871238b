"""The labelled corpus: plain dataclasses, JSONL read/write, validation, Label Studio and doccano.

One report per JSONL line (or one ``.json`` file per report, or a folder of them)::

    {"id": "gen-000001",
     "document": {"path": "gen-000001.txt", "sha256": "…", "format": "txt",
                  "kind": "项目支出绩效自评报告", "form": "narrative", "style": "…", "province": "…"},
     "text": "…",                       # optional: the text inline instead of (or besides) a path
     "spans": [{"id": "s1", "start": 120, "end": 125, "text": "96.3%", "label": "actual",
                "metric": "受益群众满意度"}],
     "relations": [{"type": "target-actual", "head": "s0", "tail": "s1"}],
     "findings": [{"category": "implausible-value", "severity": "error", "evidence": ["106.3%"],
                   "spans": [[120, 126]], "rule": "JX901", "required": true, "note": "…"}],
     "provenance": {"source": "generated", "licence": "MIT", "labelled_by": "jixiao generator",
                    "generator": "jixiao.learn.generate 1", "seed": 7}}

``document.path`` is relative to the JSONL file, or to the shared folder beside the repo when
``root`` is ``"shared"`` (``$JIXIAO_SHARED`` overrides). Span offsets index the text jixiao reads
(``jixiao.read(path).text``; the inline ``text`` when given). The gold files written before this
module (a string ``provenance``, ``kind``/``style`` in ``document``) read and write unchanged.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

CATEGORIES = (
    "target-not-met", "unit-mismatch", "sum-mismatch", "value-conflict", "rate-mismatch",
    "score-mismatch", "grade-mismatch", "target-without-actual", "budget-variance",
    "implausible-value", "date-inconsistent", "numbering", "punctuation", "missing-section",
    "vague-target", "other",
)  # ../shared/contract/CATEGORIES.md (same tuple as jixiao.checks.base.CATEGORIES)
SEVERITIES = ("error", "warning", "info")
SPAN_LABELS = ("target", "actual", "budget", "expenditure", "rate", "weight", "score", "grade", "count",
               "other")
RELATION_TYPES = ("target-actual", "part-whole")  # head → tail: target → actual, part → whole
ROOTS = ("shared",)
_SHA = re.compile(r"^[0-9a-f]{64}$")


# --------------------------------------------------------------------------- the dataclasses

@dataclass
class Span:
    """A labelled stretch of the text: a claim role (and the metric it is about)."""
    start: int
    end: int
    label: str  # one of SPAN_LABELS
    text: str = ""  # the covered text, for reading and for checking the offsets
    metric: str | None = None  # 受益群众满意度, 全年执行数 …
    id: str | None = None  # for relations

    def to_json(self) -> dict:
        return _prune({"id": self.id, "start": self.start, "end": self.end, "text": self.text,
                       "label": self.label, "metric": self.metric})


@dataclass
class Relation:
    type: str  # one of RELATION_TYPES
    head: str  # span id: the target, or the part
    tail: str  # span id: the actual, or the whole

    def to_json(self) -> dict:
        return {"type": self.type, "head": self.head, "tail": self.tail}


@dataclass
class ExpectedFinding:
    """A problem an auditor expects jixiao to report."""
    category: str  # one of CATEGORIES
    severity: str = "warning"
    evidence: list[str] = field(default_factory=list)  # short verbatim quotes a finding must contain
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the evidence is in the text
    rule: str | None = None  # the check expected to find it
    required: bool = True  # False: worth finding, not counted against recall
    note: str = ""

    def to_json(self) -> dict:
        d = {"category": self.category, "severity": self.severity, "evidence": list(self.evidence)}
        if self.spans:
            d["spans"] = [list(s) for s in self.spans]
        if self.note:
            d["note"] = self.note
        if self.rule is not None:
            d["rule"] = self.rule
        d["required"] = self.required
        return d


@dataclass
class Provenance:
    source: str | None = None  # generated / seed / real excerpt / own writing / imported from …
    licence: str | None = None
    labelled_by: str | None = None
    generator: str | None = None  # generator name and version, for generated reports
    seed: int | None = None
    note: str | None = None  # free text (the whole provenance, in the older gold files)

    def to_json(self) -> dict | str | None:
        d = _prune({"source": self.source, "licence": self.licence, "labelled_by": self.labelled_by,
                    "generator": self.generator, "seed": self.seed, "note": self.note})
        if set(d) == {"note"}:
            return self.note  # the older gold files' plain string
        return d or None


@dataclass
class DocumentRef:
    path: str | None = None
    root: str | None = None  # "shared" or None (relative to the corpus file)
    sha256: str | None = None
    format: str | None = None  # txt, docx …
    kind: str | None = None  # 部门整体支出绩效自评报告 / 项目支出绩效自评报告
    form: str | None = None  # narrative / table
    style: str | None = None  # the outline and phrasing (a province's, or ours)
    province: str | None = None

    def to_json(self) -> dict:
        return _prune({"path": self.path, "root": self.root, "sha256": self.sha256, "format": self.format,
                       "kind": self.kind, "form": self.form, "style": self.style, "province": self.province})


@dataclass
class Record:
    """One labelled report."""
    document: DocumentRef = field(default_factory=DocumentRef)
    text: str | None = None
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    findings: list[ExpectedFinding] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)
    id: str | None = None
    origin: Path | None = field(default=None, compare=False, repr=False)  # the corpus file it came from

    def to_json(self) -> dict:
        d: dict[str, Any] = {}
        if self.id is not None:
            d["id"] = self.id
        doc = self.document.to_json()
        if doc or self.text is None:
            d["document"] = doc
        if self.text is not None:
            d["text"] = self.text
        if self.spans:
            d["spans"] = [s.to_json() for s in self.spans]
        if self.relations:
            d["relations"] = [r.to_json() for r in self.relations]
        d["findings"] = [f.to_json() for f in self.findings]
        prov = self.provenance.to_json()
        if prov is not None:
            d["provenance"] = prov
        return d

    @property
    def name(self) -> str:
        return self.document.path or self.id or "<inline>"

    def path(self, corpus_file: str | Path | None = None) -> Path | None:
        """The report file, resolved against the corpus file (or the shared folder)."""
        if not self.document.path:
            return None
        base_file = Path(corpus_file) if corpus_file else self.origin
        if self.document.root == "shared":
            return shared_root(base_file or Path.cwd() / "x") / self.document.path
        return (base_file.parent if base_file else Path.cwd()) / self.document.path

    def load_text(self, corpus_file: str | Path | None = None) -> str:
        """The text the spans index: inline, or the report file read by jixiao."""
        if self.text is not None:
            return self.text
        p = self.path(corpus_file)
        if p is None:
            raise InputError(f"{self.name}：既无正文也无文件路径", f"{self.name}: neither text nor path")
        from ..readers import read

        return read(p).text


def repo_root(start: Path | None = None) -> Path | None:
    """The source checkout holding ``start`` (default: jixiao itself): the nearest folder above it
    with a pyproject.toml; None for an installed package."""
    for d in (start or Path(__file__)).resolve().parents:
        if (d / "pyproject.toml").is_file():
            return d
    return None


def shared_root(corpus_file: Path) -> Path:
    """The shared folder: $JIXIAO_SHARED, else ../shared beside the repo holding the file."""
    env = os.environ.get("JIXIAO_SHARED")
    if env:
        return Path(env)
    root = repo_root(corpus_file)
    return root.parent / "shared" if root else Path("../shared")


def _prune(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


# --------------------------------------------------------------------------- parsing and validation

class _Bad(Exception):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


_RECORD_KEYS = {"id", "document", "text", "spans", "relations", "findings", "provenance"}
_DOC_KEYS = set(DocumentRef.__dataclass_fields__)
_SPAN_KEYS = {"id", "start", "end", "text", "label", "metric"}
_FINDING_KEYS = {"category", "severity", "evidence", "spans", "rule", "required", "note"}
_PROV_KEYS = {"source", "licence", "labelled_by", "generator", "seed", "note"}


def _unknown(d: dict, allowed: set, where: str) -> None:
    extra = sorted(k for k in d if k not in allowed and not k.startswith("_"))
    if extra:
        raise _Bad(f"{where}含未知字段 {', '.join(extra)}", f"unknown field(s) in {where.strip() or 'the record'}: "
                   f"{', '.join(extra)}")


def _str(v, what: str, optional: bool = True) -> str | None:
    if v is None and optional:
        return None
    if not isinstance(v, str):
        raise _Bad(f"“{what}”应为字符串", f"'{what}' must be a string")
    return v


def _int(v, what: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise _Bad(f"“{what}”应为非负整数", f"'{what}' must be a non-negative integer")
    return v


def record_from_json(d: Any) -> Record:
    """Build a Record from parsed JSON; raises _Bad with a one-line reason."""
    if not isinstance(d, dict):
        raise _Bad("每行应为一个 JSON 对象", "each line must be a JSON object")
    _unknown(d, _RECORD_KEYS, "记录")
    doc = d.get("document")
    text = _str(d.get("text"), "text")
    if doc is None and text is None:
        raise _Bad("缺少“document”或“text”", "missing 'document' or 'text'")
    if doc is not None and not isinstance(doc, dict):
        raise _Bad("“document”应为对象", "'document' must be an object")
    doc = doc or {}
    _unknown(doc, _DOC_KEYS, "document ")
    ref = DocumentRef(**{k: _str(doc.get(k), f"document.{k}") for k in _DOC_KEYS})
    if ref.path is None and text is None:
        raise _Bad("“document.path”与“text”至少要有一个", "need 'document.path' or 'text'")
    if ref.root is not None and ref.root not in ROOTS:
        raise _Bad(f"document.root 只能是 “shared”，不是“{ref.root}”", f"document.root must be 'shared', not '{ref.root}'")
    if ref.sha256 is not None and not _SHA.match(ref.sha256):
        raise _Bad("document.sha256 应为 64 位小写十六进制", "document.sha256 must be 64 lowercase hex digits")

    spans = []
    for i, s in enumerate(_list(d.get("spans"), "spans")):
        if not isinstance(s, dict):
            raise _Bad(f"spans 第 {i + 1} 项应为对象", f"spans[{i}] must be an object")
        _unknown(s, _SPAN_KEYS, "span ")
        start, end = _int(s.get("start"), f"spans[{i}].start"), _int(s.get("end"), f"spans[{i}].end")
        if end < start:
            raise _Bad(f"spans 第 {i + 1} 项结束位置在开始之前", f"spans[{i}] ends before it starts")
        label = _str(s.get("label"), f"spans[{i}].label", optional=False)
        if label not in SPAN_LABELS:
            raise _Bad(f"spans 第 {i + 1} 项标签“{label}”未知（可用：{'/'.join(SPAN_LABELS)}）",
                       f"spans[{i}] has unknown label '{label}'")
        sid = s.get("id")
        spans.append(Span(start, end, label, _str(s.get("text"), "span.text") or "",
                          _str(s.get("metric"), "span.metric"), None if sid is None else str(sid)))
    ids = [s.id for s in spans if s.id is not None]
    if len(ids) != len(set(ids)):
        raise _Bad("spans 中有重复的 id", "duplicate span ids")

    relations = []
    for i, r in enumerate(_list(d.get("relations"), "relations")):
        if not isinstance(r, dict):
            raise _Bad(f"relations 第 {i + 1} 项应为对象", f"relations[{i}] must be an object")
        _unknown(r, {"type", "head", "tail"}, "relation ")
        rtype = r.get("type")
        if rtype not in RELATION_TYPES:
            raise _Bad(f"relations 第 {i + 1} 项类型“{rtype}”未知（可用：{'/'.join(RELATION_TYPES)}）",
                       f"relations[{i}] has unknown type '{rtype}'")
        head, tail = str(r.get("head")), str(r.get("tail"))
        for end_id in (head, tail):
            if end_id not in ids:
                raise _Bad(f"relations 第 {i + 1} 项指向不存在的 span “{end_id}”",
                           f"relations[{i}] points at unknown span '{end_id}'")
        relations.append(Relation(rtype, head, tail))

    findings = []
    for i, f in enumerate(_list(d.get("findings"), "findings")):
        if not isinstance(f, dict):
            raise _Bad(f"findings 第 {i + 1} 项应为对象", f"findings[{i}] must be an object")
        _unknown(f, _FINDING_KEYS, "finding ")
        cat = f.get("category")
        if cat not in CATEGORIES:
            raise _Bad(f"findings 第 {i + 1} 项类别“{cat}”不在约定的类别中", f"findings[{i}] has unknown category '{cat}'")
        sev = f.get("severity", "warning")
        if sev not in SEVERITIES:
            raise _Bad(f"findings 第 {i + 1} 项严重程度“{sev}”未知（error/warning/info）",
                       f"findings[{i}] has unknown severity '{sev}'")
        ev = f.get("evidence", [])
        if not isinstance(ev, list) or not all(isinstance(e, str) and e for e in ev):
            raise _Bad(f"findings 第 {i + 1} 项 evidence 应为非空字符串列表", f"findings[{i}].evidence must be a list of strings")
        fspans = []
        for s in _list(f.get("spans"), f"findings[{i}].spans"):
            if not (isinstance(s, (list, tuple)) and len(s) == 2):
                raise _Bad(f"findings 第 {i + 1} 项 spans 应为 [开始, 结束] 列表", f"findings[{i}].spans must be [start, end] pairs")
            a, b = _int(s[0], "start"), _int(s[1], "end")
            if b < a:
                raise _Bad(f"findings 第 {i + 1} 项 span 结束位置在开始之前", f"findings[{i}] span ends before it starts")
            fspans.append((a, b))
        if not ev and not fspans:
            raise _Bad(f"findings 第 {i + 1} 项既无 evidence 也无 spans", f"findings[{i}] has neither evidence nor spans")
        req = f.get("required", True)
        if not isinstance(req, bool):
            raise _Bad(f"findings 第 {i + 1} 项 required 应为 true/false", f"findings[{i}].required must be a boolean")
        findings.append(ExpectedFinding(cat, sev, list(ev), fspans, _str(f.get("rule"), "rule"), req,
                                        _str(f.get("note"), "note") or ""))

    prov = d.get("provenance")
    if prov is None:
        provenance = Provenance()
    elif isinstance(prov, str):
        provenance = Provenance(note=prov)
    elif isinstance(prov, dict):
        _unknown(prov, _PROV_KEYS, "provenance ")
        seed = prov.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise _Bad("provenance.seed 应为整数", "provenance.seed must be an integer")
        provenance = Provenance(**{k: _str(prov.get(k), f"provenance.{k}") for k in _PROV_KEYS - {"seed"}},
                                seed=seed)
    else:
        raise _Bad("“provenance”应为字符串或对象", "'provenance' must be a string or an object")
    rid = d.get("id")
    rec = Record(ref, text, spans, relations, findings, provenance, None if rid is None else str(rid))
    if text is not None:
        check_offsets(rec, text)
    return rec


def _list(v, what: str) -> list:
    if v is None:
        return []
    if not isinstance(v, list):
        raise _Bad(f"“{what}”应为列表", f"'{what}' must be a list")
    return v


def check_offsets(rec: Record, text: str) -> None:
    """Every span lies inside ``text`` and covers the text it says it covers."""
    for i, s in enumerate(rec.spans):
        if s.end > len(text):
            raise _Bad(f"spans 第 {i + 1} 项超出正文长度 {len(text)}", f"spans[{i}] runs past the end of the text ({len(text)})")
        if s.text and text[s.start:s.end] != s.text:
            raise _Bad(f"spans 第 {i + 1} 项位置上的文字是“{text[s.start:s.end]}”而不是“{s.text}”",
                       f"spans[{i}] covers '{text[s.start:s.end]}', not '{s.text}'")
    for i, f in enumerate(rec.findings):
        for a, b in f.spans:
            if b > len(text):
                raise _Bad(f"findings 第 {i + 1} 项 span 超出正文长度", f"findings[{i}] span runs past the end of the text")


def _error(path: Path, n: int | None, bad: _Bad) -> InputError:
    where_zh = f"标注文件 {path}" + (f" 第 {n} 行" if n else "")
    where_en = f"corpus file {path}" + (f" line {n}" if n else "")
    return InputError(f"{where_zh}：{bad.zh}", f"{where_en}: {bad.en}")


def parse_line(line: str) -> Record:
    try:
        d = json.loads(line)
    except json.JSONDecodeError as e:
        raise _Bad(f"不是合法的 JSON（第 {e.colno} 列：{e.msg}）", f"not valid JSON (column {e.colno}: {e.msg})") from e
    return record_from_json(d)


def read_corpus(path: str | Path) -> list[Record]:
    """Read a corpus: a JSONL file, a .json file (one record, or a list), or a folder of them.
    A bad line raises an InputError naming the file and line."""
    path = Path(path)
    if path.is_dir():
        out: list[Record] = []
        for p in sorted(path.iterdir()):
            if p.suffix in (".json", ".jsonl") and p.is_file():
                out.extend(read_corpus(p))
        return out
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"无法读取标注文件 {path}", f"cannot read gold file {path}: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise InputError(f"标注文件 {path} 不是 UTF-8 文本", f"corpus file {path} is not UTF-8 text") from e
    records: list[Record] = []
    if path.suffix == ".json":
        try:
            d = json.loads(raw)
        except json.JSONDecodeError as e:
            raise _error(path, e.lineno, _Bad(f"不是合法的 JSON（{e.msg}）", f"not valid JSON ({e.msg})")) from e
        for i, item in enumerate(d if isinstance(d, list) else [d], 1):
            try:
                records.append(record_from_json(item))
            except _Bad as bad:
                raise _error(path, None, _Bad(f"第 {i} 条记录：{bad.zh}", f"record {i}: {bad.en}")) from None
    else:
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(parse_line(line))
            except _Bad as bad:
                raise _error(path, n, bad) from None
    for r in records:
        r.origin = path
    return records


def write_corpus(records: Iterable[Record], path: str | Path) -> int:
    """Write records as JSONL (UTF-8, one per line). Returns how many."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for r in records:
            out.write(dumps(r) + "\n")
            n += 1
    return n


def dumps(rec: Record) -> str:
    return json.dumps(rec.to_json(), ensure_ascii=False)


def validate(path: str | Path, *, texts: bool = True) -> tuple[list[Record], list[str]]:
    """Read and validate a corpus. With ``texts``, also read each report that is not inline and
    check the span offsets and sha256 against it. Returns the records and warnings (reports not
    found). A bad record raises an InputError."""
    import hashlib

    path = Path(path)
    records = read_corpus(path)
    warnings = []
    for n, r in enumerate(records, 1):
        if not texts or r.text is not None:
            continue
        p = r.path()
        if p is None or not p.is_file():
            warnings.append(f"{p}: 文件不存在 / not found")
            continue
        if r.document.sha256 and hashlib.sha256(p.read_bytes()).hexdigest() != r.document.sha256:
            raise _error(path, None, _Bad(f"第 {n} 条记录的文件 {p} 与 sha256 不符", f"record {n}: {p} does not match its sha256"))
        if not r.spans and not any(f.spans for f in r.findings):
            continue
        try:
            check_offsets(r, r.load_text())
        except _Bad as bad:
            raise _error(path, None, _Bad(f"第 {n} 条记录：{bad.zh}", f"record {n}: {bad.en}")) from None
    return records, warnings


# --------------------------------------------------------------------------- Label Studio

def to_label_studio(records: Iterable[Record], *, as_predictions: bool = False) -> list[dict]:
    """Label Studio tasks: the text in ``data.text``; spans as "labels" results (from_name
    "label", with the metric in the region's meta), relations as "relation" results; the
    expected findings and the document reference under ``data`` so that they come back."""
    tasks = []
    for i, r in enumerate(records, 1):
        text = r.load_text()
        results: list[dict] = []
        ids = {}
        for j, s in enumerate(r.spans):
            rid = s.id or f"s{j}"
            ids[s.id] = rid
            res = {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
                   "value": {"start": s.start, "end": s.end, "text": text[s.start:s.end], "labels": [s.label]}}
            if s.metric:
                res["meta"] = {"text": [s.metric]}
            results.append(res)
        for rel in r.relations:
            results.append({"type": "relation", "from_id": ids.get(rel.head, rel.head), "to_id": ids.get(rel.tail, rel.tail),
                            "direction": "right", "labels": [rel.type]})
        data = {"text": text, "document": r.document.to_json(), "findings": [f.to_json() for f in r.findings]}
        prov = r.provenance.to_json()
        if prov is not None:
            data["provenance"] = prov
        if r.id is not None:
            data["record_id"] = r.id
        key = "predictions" if as_predictions else "annotations"
        tasks.append({"id": i, "data": data, key: [{"result": results}]})
    return tasks


def from_label_studio(tasks: Any) -> list[Record]:
    """Records from Label Studio tasks (an export, or what to_label_studio wrote). Regions whose
    label is a finding category (from_name "finding") become expected findings."""
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise _Bad("Label Studio 文件应为任务列表", "a Label Studio file must be a list of tasks")
    out = []
    for i, t in enumerate(tasks, 1):
        try:
            out.append(_ls_task(t))
        except (_Bad, KeyError, TypeError, ValueError) as e:
            if isinstance(e, _Bad):
                raise _Bad(f"第 {i} 个任务：{e.zh}", f"task {i}: {e.en}") from None
            raise _Bad(f"第 {i} 个任务格式错误（{type(e).__name__}: {e}）", f"task {i} is malformed ({type(e).__name__}: {e})") from None
    return out


def _ls_task(t: dict) -> Record:
    data = t["data"]
    text = data["text"]
    if not isinstance(text, str):
        raise _Bad("data.text 应为字符串", "data.text must be a string")
    results = []
    for key in ("annotations", "completions", "predictions"):
        chosen = [a for a in t.get(key) or [] if not a.get("was_cancelled")]
        if chosen:
            results = chosen[0].get("result") or []
            break
    base = {"document": data.get("document") or None, "text": text,
            "findings": data.get("findings") or [], "provenance": data.get("provenance"), "id": data.get("record_id")}
    rec = record_from_json({k: v for k, v in base.items() if v is not None})
    have = {tuple(s) for f in rec.findings for s in f.spans}
    for res in results:
        if res.get("type") != "labels" and "labels" not in (res.get("value") or {}):
            continue
        v = res["value"]
        for lab in v.get("labels") or []:
            if lab in SPAN_LABELS and res.get("from_name", "label") != "finding":
                meta = (res.get("meta") or {}).get("text") or []
                rec.spans.append(Span(int(v["start"]), int(v["end"]), lab, text[int(v["start"]):int(v["end"])],
                                      meta[0] if meta else None, str(res.get("id")) if res.get("id") is not None else None))
            elif lab in CATEGORIES and (int(v["start"]), int(v["end"])) not in have:
                a, b = int(v["start"]), int(v["end"])
                rec.findings.append(ExpectedFinding(lab, "warning", [text[a:b]], [(a, b)], note="Label Studio"))
            elif lab not in CATEGORIES:
                raise _Bad(f"标签“{lab}”既不是声明角色也不是问题类别", f"label '{lab}' is neither a claim role nor a category")
    ids = {s.id for s in rec.spans}
    for res in results:
        if res.get("type") == "relation":
            labels = res.get("labels") or ["target-actual"]
            head, tail = str(res["from_id"]), str(res["to_id"])
            if res.get("direction") == "left":
                head, tail = tail, head
            if head in ids and tail in ids and labels[0] in RELATION_TYPES:
                rec.relations.append(Relation(labels[0], head, tail))
    check_offsets(rec, text)
    return rec


# --------------------------------------------------------------------------- doccano

def to_doccano(records: Iterable[Record]) -> list[dict]:
    """doccano JSONL lines: ``text`` and ``label`` ([[start, end, label], …]) as the sequence
    labelling export, ``entities`` and ``relations`` as the relation-extraction export (ids are
    the spans' positions), and jixiao's own fields (document, findings, provenance, metrics)
    under ``jixiao``."""
    out = []
    for i, r in enumerate(records, 1):
        text = r.load_text()
        num = {s.id: k for k, s in enumerate(r.spans)}
        line = {"id": i, "text": text,
                "label": [[s.start, s.end, s.label] for s in r.spans],
                "entities": [{"id": k, "label": s.label, "start_offset": s.start, "end_offset": s.end}
                             for k, s in enumerate(r.spans)],
                "relations": [{"id": k, "from_id": num[rel.head], "to_id": num[rel.tail], "type": rel.type}
                              for k, rel in enumerate(r.relations)]}
        extra = {"document": r.document.to_json(), "findings": [f.to_json() for f in r.findings],
                 "metrics": {str(k): s.metric for k, s in enumerate(r.spans) if s.metric},
                 "span_ids": [s.id for s in r.spans]}
        prov = r.provenance.to_json()
        if prov is not None:
            extra["provenance"] = prov
        if r.id is not None:
            extra["record_id"] = r.id
        line["jixiao"] = extra
        out.append(line)
    return out


def from_doccano(lines: Iterable[dict]) -> list[Record]:
    out = []
    for i, d in enumerate(lines, 1):
        try:
            out.append(_doccano_line(d))
        except (_Bad, KeyError, TypeError, ValueError, IndexError) as e:
            if isinstance(e, _Bad):
                raise _Bad(f"第 {i} 行：{e.zh}", f"line {i}: {e.en}") from None
            raise _Bad(f"第 {i} 行格式错误（{type(e).__name__}: {e}）", f"line {i} is malformed ({type(e).__name__}: {e})") from None
    return out


def _doccano_line(d: dict) -> Record:
    text = d.get("text", d.get("data"))
    if not isinstance(text, str):
        raise _Bad("缺少“text”", "missing 'text'")
    extra = d.get("jixiao") or {}
    base = {"document": extra.get("document") or None, "text": text, "findings": extra.get("findings") or [],
            "provenance": extra.get("provenance"), "id": extra.get("record_id")}
    rec = record_from_json({k: v for k, v in base.items() if v is not None})
    metrics = extra.get("metrics") or {}
    span_ids = extra.get("span_ids") or []
    if d.get("entities"):
        ents = [(e["id"], e["start_offset"], e["end_offset"], e["label"]) for e in d["entities"]]
    else:
        ents = [(k, lab[0], lab[1], lab[2]) for k, lab in enumerate(d.get("label") or [])]
    ids = {}
    for k, (eid, a, b, lab) in enumerate(ents):
        a, b = int(a), int(b)
        if lab in CATEGORIES and lab not in SPAN_LABELS:
            have = {tuple(s) for f in rec.findings for s in f.spans}
            if (a, b) not in have:
                rec.findings.append(ExpectedFinding(lab, "warning", [text[a:b]], [(a, b)], note="doccano"))
            continue
        if lab not in SPAN_LABELS:
            raise _Bad(f"标签“{lab}”既不是声明角色也不是问题类别", f"label '{lab}' is neither a claim role nor a category")
        sid = span_ids[k] if k < len(span_ids) and span_ids[k] is not None else (f"e{eid}" if d.get("relations") else None)
        ids[eid] = sid
        rec.spans.append(Span(a, b, lab, text[a:b], metrics.get(str(k)), sid))
    for rel in d.get("relations") or []:
        typ = rel.get("type")
        if typ in RELATION_TYPES and rel["from_id"] in ids and rel["to_id"] in ids:
            rec.relations.append(Relation(typ, ids[rel["from_id"]], ids[rel["to_id"]]))
    check_offsets(rec, text)
    return rec


def convert_error(path: Path, bad: _Bad) -> InputError:
    return _error(path, None, bad)
