"""Check one stored report in a child process, so that a runaway report can be stopped:
``python -m jixiao.server.worker FILE NAME RESULT PROGRESS``.

Writes RESULT (JSON): the report object, the document text, the annotated view (the HTML
renderer's report section), where each paragraph and table cell starts in the text (for marking
missed problems), and each finding's location and context. Stages go to PROGRESS as they start.
An unreadable report gives ``{"error": "<one line, Chinese / English>"}``."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

STAGES = ("read", "check", "render")


def _stage(progress: Path, name: str) -> None:
    progress.write_text(name, encoding="utf-8")


def run(path: Path, name: str, progress: Path) -> dict:
    from .. import __version__
    from ..config import Config
    from ..model import Paragraph
    from ..readers import read
    from ..render.context import snippets, where
    from ..render.html import render_html
    from ..report import check

    _stage(progress, "read")
    doc = read(path)
    doc.source = name  # shown and exported as uploaded; the stored path stays private
    _stage(progress, "check")
    report = check(doc, Config())  # the workbench's own settings, never a jixiao.toml near the data
    _stage(progress, "render")
    page = render_html([report], lang="zh")
    section = page[page.index('<section class="report"'): page.rindex("</section>") + len("</section>")]
    paragraphs, cells = {}, {}
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            paragraphs[str(b.index)] = b.span[0]
        else:
            for r, row in enumerate(b.rows):
                for c, cell in enumerate(row):
                    if cell.origin is None:
                        cells[f"{b.index}:{r},{c}"] = cell.span[0]
    extra = {}
    for f in report.findings:
        ctx = " … ".join(s.text for s in snippets(doc, f)) if f.evidence else ""
        extra[f.id] = {"location": where(doc, f.evidence[0].span[0]) if f.evidence else "", "context": ctx}
    return {"version": __version__, "report": report.to_json(), "text": doc.text, "html": section,
            "meta": {"p": paragraphs, "c": cells}, "extra": extra}


def main(argv: list[str]) -> int:
    path, name, result, progress = Path(argv[0]), argv[1], Path(argv[2]), Path(argv[3])
    from ..errors import JixiaoError

    try:
        out = run(path, name, progress)
        code = 0
    except JixiaoError as e:
        out, code = {"error": e.line()}, 0
    except Exception as e:  # noqa: BLE001 - an unexpected failure is still one line for the user
        out, code = {"error": f"检查时发生内部错误 / internal error while checking ({type(e).__name__}: {e})"}, 0
    tmp = result.with_suffix(".part")
    tmp.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, result)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
