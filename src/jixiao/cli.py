"""The `jixiao` command line."""
from __future__ import annotations

import json
import sys

import click

from . import __version__
from .cli_options import rule_options
from .errors import JixiaoError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _fail_line(source: str, err: Exception) -> str:
    if isinstance(err, JixiaoError):
        return err.line(source)
    return f"{source}: 读取时发生内部错误 / internal error while reading ({type(err).__name__}: {err})"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jixiao")
def main() -> None:
    """jixiao（绩效）：绩效自评报告审核助手 / an auditing assistant for budget-performance reports."""


def _for_each(files: tuple[str, ...], load, emit) -> int:
    """Load and emit each file in turn; a file that fails gets one line on stderr and the rest go
    on. Returns the process exit code."""
    failed = 0
    for f in files:
        try:
            item = load(f)
        except Exception as e:  # every input error becomes one line; the batch goes on
            failed += 1
            click.echo(_fail_line(f, e), err=True)
            continue
        emit(item)
    if failed and len(files) > 1:
        click.echo(f"{failed}/{len(files)} 个文件无法读取 / {failed} of {len(files)} files could not be read", err=True)
    return EXIT_INPUT if failed else EXIT_OK


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "xlsx"]), default="text",
              show_default=True, help="输出格式：终端文本、JSON（每个文件一行）、HTML 页面、Excel 底稿 / output format")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="写入文件而不是标准输出（xlsx 必须指定）/ write to a file instead of stdout (required for xlsx)")
@click.option("--annotate", "annotate_path", type=click.Path(), default=None,
              help="另存一份带批注的 Word 文档（多个输入时为目录）/ write a .docx with a Word comment per finding "
                   "(a folder when several files are given)")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="说明文字的语言（JSON 始终为中文）/ language of the messages (JSON stays Chinese)")
@click.option("--no-color", is_flag=True, help="不使用颜色 / no colour")
@rule_options
@click.option("--sort", "order", type=click.Choice(["severity", "confidence"]), default="severity", show_default=True,
              help="问题排序：按严重程度与章节，或按可信度从高到低 / order findings by severity and section, or by confidence")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="只保留可信度不低于此值的问题（需分诊模型）/ keep findings at least this likely to be confirmed")
@click.option("--no-models", is_flag=True, help="不使用学习模型（不给出可信度）/ do not use the learned models")
def check(files: tuple[str, ...], fmt: str, output: str | None, annotate_path: str | None, fail_on: str,
          lang: str, no_color: bool, config_path: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          profile: str | None, order: str, min_confidence: float | None, no_models: bool) -> None:
    """检查报告文件 / check report files (docx, pdf, xlsx, txt, md, html).

    退出码 / exit codes: 0 通过 / clean; 1 有 --fail-on 级别及以上的问题 / findings at or above
    --fail-on; 2 用法、配置或输入错误 / usage, configuration or input errors.
    """
    from .config import load_file
    from .report import check as run_check

    try:
        base = load_file(config_path) if config_path else None
        if profile:
            from .checks import load_profile
            load_profile(profile, None)
        if fmt == "xlsx" and not output:
            raise JixiaoError("xlsx 格式须用 -o 指定输出文件", "--format xlsx needs -o FILE")
    except JixiaoError as e:
        click.echo(e.line(), err=True)
        sys.exit(EXIT_INPUT)

    reports = []

    def load(f):
        report = run_check(f, base, select=list(select), ignore=list(ignore), profile=profile, models=not no_models)
        return report.triaged(min_confidence, order)

    def emit(report):
        reports.append(report)
        if fmt in ("json", "text"):
            _write_stream(output, report, fmt, lang, no_color, append=len(reports) > 1)

    import gc

    gc.freeze()  # the modules and tables loaded so far are never garbage: fewer GC passes while checking
    code = _for_each(files, load, emit)
    try:
        if fmt == "html" and reports:
            from .render.html import render_html

            html = render_html(reports, lang=lang)
            if output:
                with open(output, "w", encoding="utf-8") as fh:
                    fh.write(html)
            else:
                sys.stdout.write(html)
        elif fmt == "xlsx" and reports:
            from .render.xlsx import write_xlsx

            write_xlsx(reports, output, lang=lang)
        if annotate_path and reports:
            _annotate(reports, annotate_path, many=len(files) > 1, lang=lang)
    except OSError as e:
        click.echo(f"无法写入输出文件 / cannot write the output: {e.filename or ''} {e.strerror}", err=True)
        sys.exit(EXIT_INPUT)
    if code == EXIT_OK and fail_on != "never":
        worst = max((SEVERITY_RANK[f.severity] for r in reports for f in r.findings), default=-1)
        if worst >= SEVERITY_RANK[fail_on]:
            code = EXIT_FINDINGS
    sys.exit(code)


def _write_stream(output: str | None, report, fmt: str, lang: str, no_color: bool, append: bool) -> None:
    from .render import text as text_render

    out = open(output, "a" if append else "w", encoding="utf-8") if output else sys.stdout
    try:
        if fmt == "json":
            out.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
        else:
            text_render.render_report(report, out, color=_color(out, no_color), lang=lang,
                                      by_confidence=report.order == "confidence")
        out.flush()
    finally:
        if output:
            out.close()


def _annotate(reports, path: str, *, many: bool, lang: str) -> None:
    """A commented .docx per report: ``path`` itself for one input, files in folder ``path`` for several."""
    from pathlib import Path

    from .render.docx_comments import annotate

    target = Path(path)
    if many:
        target.mkdir(parents=True, exist_ok=True)
    for r in reports:
        out = target / f"{Path(r.document.source).stem}.批注.docx" if many else target
        try:
            annotate(r, out, lang=lang)
        except JixiaoError as e:
            click.echo(e.line(r.document.source), err=True)
            continue
        click.echo(f"已写入带批注的文档 / annotated copy written: {out}", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--no-color", is_flag=True, help="不使用颜色 / no colour")
@click.option("--extras", is_flag=True, help="同时显示页眉页脚、脚注、文本框 / also show headers, footers, notes, text boxes")
def show(files: tuple[str, ...], no_color: bool, extras: bool) -> None:
    """显示读取到的文档结构：章节树与表格 / print the document model: sections as a tree, tables as grids."""
    from .readers import read
    from .render import text as text_render

    sys.exit(_for_each(files, read, lambda doc: text_render.render_document(
        doc, sys.stdout, color=_color(sys.stdout, no_color), extras=extras)))


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式 / output format")
@click.option("--no-color", is_flag=True, help="不使用颜色 / no colour")
def tag(files: tuple[str, ...], fmt: str, no_color: bool) -> None:
    """标注数字声明及其关系 / tag claims (targets, actuals, budgets, scores…) and their relations."""
    from .render import text as text_render
    from .report import check as run_check

    def emit(report):
        if fmt == "json":
            obj = {"document": report.to_json()["document"], "claims": [c.to_json() for c in report.claims],
                   "relations": report.tagging.relations_json()}
            click.echo(json.dumps(obj, ensure_ascii=False))
        else:
            text_render.render_tagging(report, sys.stdout, color=_color(sys.stdout, no_color))

    sys.exit(_for_each(files, run_check, emit))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="输出格式；markdown 为完整规则手册（docs/rules.md 由此生成）/ output format")
def rules(fmt: str) -> None:
    """列出全部检查规则 / list the check catalogue."""
    from .checks import rules as all_rules
    from .checks.registry import status

    if fmt == "markdown":
        from .render.text import rules_markdown

        click.echo(rules_markdown(all_rules()), nl=False)
        return
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "title": r.title, "category": r.category,
                                "severity": r.severity, "status": status(r.code)} for r in all_rules()],
                              ensure_ascii=False, indent=1))
        return
    from .render.text import render_rules

    render_rules(all_rules(), sys.stdout, color=_color(sys.stdout, False))


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """显示一条规则的说明 / print a rule's documentation (e.g. jixiao explain JX101)."""
    from .checks import get_rule

    r = get_rule(code)
    if r is None:
        click.echo(f"没有规则 {code}；用 jixiao rules 查看全部规则 / no rule {code}; see `jixiao rules`", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"{r.doc}\n\n类别 / category: {r.category}    默认严重程度 / default severity: {r.severity}")
    for label, cases in (("应报示例（会报告）", r.fire), ("不报示例（不会报告）", r.nofire)):
        click.echo(f"\n{label}:")
        for t in cases:
            click.echo("  " + t.strip().replace("\n", "\n  "))


@main.command()
@click.option("--gold", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="标注文件（JSONL，可多次）/ labelled corpus (JSONL; repeatable)")
@click.option("--generate", "n_generated", type=click.IntRange(min=0), default=0,
              help="另加多少份生成的带标注报告 / add this many generated labelled reports")
@click.option("--seed", type=int, default=11, show_default=True, help="生成报告的随机种子 / generator seed")
@click.option("--floors", type=click.Path(exists=True, dir_okay=False), default=None,
              help="质量下限（JSON）：低于下限时退出码为 1 / quality floors (JSON): exit 1 when below")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None)
def evaluate(gold: tuple[str, ...], n_generated: int, seed: int, floors: str | None, fmt: str,
             config_path: str | None) -> None:
    """在标注语料上评估检查规则：按类别与规则代码给出精确率、召回率 / score the checks on a labelled corpus."""
    import tempfile

    from .config import Config, load_file
    from .learn.evaluate import below_floors, scores
    from .learn.evaluate import evaluate as run_eval

    if not gold and not n_generated:
        click.echo("请用 --gold 指定标注文件或用 --generate 生成 / give --gold FILE or --generate N", err=True)
        sys.exit(EXIT_INPUT)
    outcomes, skipped = [], []
    try:
        config = load_file(config_path) if config_path else Config()
        with tempfile.TemporaryDirectory(prefix="jixiao-eval-") as tmp:
            golds = list(gold)
            if n_generated:
                from .learn.generate import generate

                generate(n_generated, seed, tmp, formats=("txt",))
                golds.append(f"{tmp}/labels.jsonl")
            for g in golds:
                o, s = run_eval(g, config)
                outcomes += o
                skipped += s
        failed = below_floors(outcomes, json.loads(open(floors, encoding="utf-8").read())) if floors else []
    except (JixiaoError, ValueError, OSError) as e:
        click.echo(e.line() if isinstance(e, JixiaoError) else f"无法读取下限文件 / bad floors file: {e}", err=True)
        sys.exit(EXIT_INPUT)
    for line in skipped:
        click.echo(line, err=True)
    by_cat, by_rule = scores(outcomes, "category"), scores(outcomes, "rule")
    if fmt == "json":
        click.echo(json.dumps({
            "documents": len(outcomes), "by_category": by_cat, "by_rule": by_rule,
            "missed": [{"doc": o.doc, **lb.__dict__} for o in outcomes for lb in o.missed],
            "false_alarms": [{"doc": o.doc, **f.to_json()} for o in outcomes for f in o.false_alarms],
            "below_floors": failed,
        }, ensure_ascii=False))
    else:
        from .render.text import render_evaluation

        render_evaluation(outcomes, by_cat, by_rule, sys.stdout, color=_color(sys.stdout, False))
    for line in failed:
        click.echo(f"低于下限 / below floor: {line}", err=True)
    if failed:
        sys.exit(EXIT_FINDINGS)


def _color(stream, no_color: bool) -> bool:
    return not no_color and hasattr(stream, "isatty") and stream.isatty()


@main.group()
def corpus() -> None:
    """标注语料：生成、校验、导入导出 / the labelled corpus: generate, validate, import, export."""


def _corpus_fail(err: Exception) -> None:
    click.echo(err.line() if isinstance(err, JixiaoError) else str(err), err=True)
    sys.exit(EXIT_INPUT)


@corpus.command("generate")
@click.option("-n", "count", type=click.IntRange(min=1), default=50, show_default=True, help="报告份数 / how many reports")
@click.option("--seed", type=int, default=1, show_default=True, help="随机种子（同一种子生成相同报告）/ seed")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="输出文件夹 / output folder")
@click.option("--format", "formats", multiple=True, type=click.Choice(["txt", "docx"]),
              help="文件格式，可重复；默认 txt 和 docx / file formats (repeatable; default txt and docx)")
@click.option("--short", is_flag=True,
              help="只生成简短报告（生成器第1版的文本，不含管理、工作开展等叙述）/ "
                   "the short reports of generator version 1 (no management and work narrative)")
def corpus_generate(count: int, seed: int, out_dir: str, formats: tuple[str, ...], short: bool) -> None:
    """生成带有意设置问题及其标注的虚构自评报告 / write invented reports with planted problems and labels."""
    from .learn.generate import generate

    try:
        path = generate(count, seed, out_dir, formats or ("txt", "docx"), full=not short)
    except OSError as e:
        click.echo(f"{out_dir}: 无法写入 / cannot write ({e.strerror or e})", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"已生成 {count} 份报告（{'、'.join(formats or ('txt', 'docx'))}），标注写入 {path} / "
               f"wrote {count} reports and their labels to {path}")


@corpus.command("validate")
@click.argument("file", type=click.Path())
@click.option("--no-texts", is_flag=True, help="不读取报告文件核对位置 / do not read the reports to check offsets")
def corpus_validate(file: str, no_texts: bool) -> None:
    """校验标注文件的格式、类别和位置 / check a corpus file: format, categories, offsets."""
    from .learn.corpus import validate

    try:
        records, warnings = validate(file, texts=not no_texts)
    except JixiaoError as e:
        _corpus_fail(e)
        return
    for w in warnings:
        click.echo(w, err=True)
    n_findings = sum(len(r.findings) for r in records)
    click.echo(f"{file}: {len(records)} 份报告，{n_findings} 条标注问题，格式正确 / "
               f"{len(records)} reports, {n_findings} expected findings, valid")


@corpus.command("export")
@click.option("--to", "target", required=True, type=click.Choice(["label-studio", "doccano"]))
@click.argument("infile", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="输出文件 / output file")
@click.option("--predictions", is_flag=True, help="Label Studio：写成 predictions 而不是 annotations")
def corpus_export(target: str, infile: str, output: str, predictions: bool) -> None:
    """导出为 Label Studio 任务（JSON）或 doccano（JSONL）/ export to Label Studio or doccano."""
    from pathlib import Path

    from .learn.corpus import read_corpus, to_doccano, to_label_studio

    try:
        records = read_corpus(infile)
        if target == "label-studio":
            body = json.dumps(to_label_studio(records, as_predictions=predictions), ensure_ascii=False, indent=1)
        else:
            body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in to_doccano(records))
        Path(output).write_text(body, encoding="utf-8")
    except (JixiaoError, OSError) as e:
        _corpus_fail(e if isinstance(e, JixiaoError) else
                     JixiaoError(f"无法写入 {output}", f"cannot write {output} ({e.strerror or e})"))
        return
    click.echo(f"已导出 {len(records)} 份报告到 {output} / exported {len(records)} reports to {output}")


@corpus.command("import")
@click.option("--from", "source", required=True, type=click.Choice(["label-studio", "doccano"]))
@click.argument("infile", type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="输出 JSONL / output JSONL")
def corpus_import(source: str, infile: str, output: str) -> None:
    """从 Label Studio 导出（JSON）或 doccano（JSONL）导入为 jixiao 语料 / import into the jixiao format."""
    from pathlib import Path

    from .learn.corpus import (
        _Bad,
        convert_error,
        from_doccano,
        from_label_studio,
        write_corpus,
    )

    p = Path(infile)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        _corpus_fail(JixiaoError(f"无法读取 {infile}", f"cannot read {infile} ({getattr(e, 'strerror', None) or e})"))
        return
    try:
        if source == "label-studio":
            records = from_label_studio(json.loads(raw))
        else:
            records = from_doccano(json.loads(line) for line in raw.splitlines() if line.strip())
    except json.JSONDecodeError as e:
        _corpus_fail(JixiaoError(f"{infile} 第 {e.lineno} 行不是合法的 JSON", f"{infile} line {e.lineno} is not valid JSON ({e.msg})"))
        return
    except _Bad as bad:
        _corpus_fail(convert_error(p, bad))
        return
    try:
        n = write_corpus(records, output)
    except OSError as e:
        _corpus_fail(JixiaoError(f"无法写入 {output}", f"cannot write {output} ({e.strerror or e})"))
        return
    click.echo(f"已导入 {n} 份报告到 {output} / imported {n} reports to {output}")


if __name__ == "__main__":  # pragma: no cover
    main()


from .learn.cli import train as _train_cmd  # noqa: E402

main.add_command(_train_cmd)

from .batch.cli import batch as _batch_cmd  # noqa: E402

main.add_command(_batch_cmd)

from .server.cli import db as _db_cmd  # noqa: E402
from .server.cli import serve as _serve_cmd  # noqa: E402
from .server.cli import user as _user_cmd  # noqa: E402

main.add_command(_serve_cmd)
main.add_command(_user_cmd)
main.add_command(_db_cmd)
