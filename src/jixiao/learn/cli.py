"""`jixiao train claims` and `jixiao train triage`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import JixiaoError

EXIT_INPUT = 2


def _repo_file(*parts: str) -> Path | None:
    """A file of the source checkout (corpora/…, models/…), when jixiao runs from one."""
    from .corpus import repo_root

    root = repo_root()
    return root.joinpath(*parts) if root else None


def _default_out(name: str) -> str:
    p = _repo_file("models", name)
    return str(p) if p is not None else f"models/{name}"


def _shown(path) -> str:
    """A path as the card records it: relative to the checkout when inside it."""
    root = _repo_file()
    p = Path(path).resolve()
    try:
        return str(p.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def _default_corpora(kind: str) -> list[str]:
    base = _repo_file("corpora")
    if base is None:
        return []
    return [str(p) for p in sorted(base.glob(f"*/{kind}.jsonl"))]


@click.group()
def train() -> None:
    """训练并交叉验证学习模型 / train and cross-validate the learned models."""


_common = [
    click.option("--generate", "n_generated", type=click.IntRange(min=0), default=200, show_default=True,
                 help="加入多少份生成的报告 / how many generated reports to add"),
    click.option("--seed", type=int, default=1, show_default=True, help="生成报告的随机种子 / generator seed"),
    click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True,
                 help="交叉验证折数（按报告分组）/ cross-validation folds (grouped by report)"),
    click.option("-o", "--out", default=None, help="模型保存到此文件夹 / save the model to this folder"),
    click.option("--no-save", is_flag=True, help="只做交叉验证，不保存模型 / cross-validate only"),
    click.option("-C", "C", type=float, default=4.0, show_default=True, help="正则化强度的倒数 / inverse regularisation"),
    click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True),
]


def _options(f):
    for opt in reversed(_common):
        f = opt(f)
    return f


@train.command("claims")
@click.option("--corpus", "corpora", multiple=True, type=click.Path(),
              help="带 spans 标注的语料（可多次；默认为仓库 corpora/*/claims.jsonl）/ labelled corpora with spans")
@click.option("--spacy", "with_spacy", is_flag=True,
              help="同时交叉验证 spaCy textcat（空白 zh 流水线）作对比 / also cross-validate a spaCy textcat")
@_options
def train_claims(corpora, with_spacy, n_generated, seed, folds, out, no_save, C, fmt) -> None:
    """数字声明角色分类器：上下文字符 n-gram TF-IDF + 逻辑回归 / claim-role classifier."""
    from . import train as T

    try:
        corpora = list(corpora) or _default_corpora("claims")
        ex = T.Examples()
        sources = []
        if n_generated:
            ex.extend(T.claim_examples(T.generated_documents(n_generated, seed), "generated"))
            sources.append(f"jixiao corpus generate: {n_generated} reports, seed {seed} (txt)")
        for c in corpora:
            sub = T.claim_examples(T.corpus_documents(c), Path(c).parent.name or Path(c).stem)
            if sub.X:
                ex.extend(sub)
                sources.append(f"{_shown(c)}: {len(set(sub.groups))} reports, {len(sub.X)} spans")
            else:
                click.echo(f"{c}: 没有可读的报告（文本不在本机？）/ no readable reports (texts absent?)", err=True)
        if len(set(ex.y)) < 2:
            raise JixiaoError("训练数据不足：至少需要两种角色的标注", "not enough data: need spans of two roles or more")
        scores = {"cv_folds": folds, "cv": T.cross_validate_claims(ex, folds, C=C)}
        if with_spacy:
            from .spacy_textcat import cross_validate_textcat

            scores["spacy_textcat_cv"] = cross_validate_textcat(ex, folds)
        out = out or _default_out("claims")
        saved = None if no_save else T.fit_and_save(ex, out, task="claim role (数字声明角色)",
                                                    scores=scores, sources=sources, C=C)
        if with_spacy and not no_save and _spacy_wins(scores):
            from .spacy_textcat import EPOCHS, save_textcat

            card = T.make_card(ex, Path(out).name + "-spacy", "claim role (数字声明角色), spaCy component",
                               "spaCy textcat (TextCatBOW.v3, word uni+bigrams, jieba) on the blank zh pipeline",
                               {"epochs": EPOCHS, "ngram_size": 2, "length": 2 ** 16}, scores, sources)
            click.echo(f"spaCy textcat 优于 scikit-learn 模型，已另存 / the spaCy textcat scores better, saved: "
                       f"{save_textcat(ex, str(out) + '-spacy', card)}")
    except JixiaoError as e:
        click.echo(e.line(), err=True)
        sys.exit(EXIT_INPUT)
    _print_scores(scores, saved, fmt, ex)


@train.command("triage")
@click.option("--decisions", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="审核决定（工作台导出的 JSONL，可多次）/ review decisions exported by the workbench")
@click.option("--gold", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="由标注语料推出决定：与标注相符的问题为确认，其余为驳回（默认为仓库 corpora/*/labels.jsonl）"
                   " / derive decisions from a gold corpus")
@_options
def train_triage(decisions, gold, n_generated, seed, folds, out, no_save, C, fmt) -> None:
    """问题可信度模型：从审核决定（确认/驳回）学习 / learn a confidence for each finding from review decisions."""
    import tempfile

    from . import train as T
    from .decisions import read_decisions

    try:
        ex, sources = T.Examples(), []
        for d in decisions:
            ex.extend(T.triage_examples(read_decisions(d), "decisions"))
            sources.append(f"{_shown(d)}: review decisions")
        golds = list(gold) or ([] if decisions else _default_corpora("labels"))
        for g in golds:
            sub = T.triage_examples(T.gold_decisions(g), Path(g).parent.name or Path(g).stem)
            if sub.X:
                ex.extend(sub)
                sources.append(f"{_shown(g)}: findings checked against the gold labels ({len(sub.X)})")
        if n_generated:
            from .generate import generate

            with tempfile.TemporaryDirectory(prefix="jixiao-train-") as tmp:
                generate(n_generated, seed, tmp, formats=("txt",))
                ex.extend(T.triage_examples(T.gold_decisions(Path(tmp) / "labels.jsonl"), "generated"))
            sources.append(f"jixiao corpus generate: {n_generated} reports, seed {seed}; findings against their labels")
        if len(set(ex.y)) < 2:
            raise JixiaoError("训练数据不足：需要既有确认也有驳回的决定", "not enough data: need both confirmed and rejected decisions")
        scores = {"cv_folds": folds, "cv": T.cross_validate_triage(ex, folds, C=C)}
        saved = None if no_save else T.fit_and_save(ex, out or _default_out("triage"), task="finding triage (问题可信度)",
                                                    scores=scores, sources=sources, C=C)
    except JixiaoError as e:
        click.echo(e.line(), err=True)
        sys.exit(EXIT_INPUT)
    _print_scores(scores, saved, fmt, ex)


def _spacy_wins(scores: dict) -> bool:
    """The textcat beats the scikit-learn model: a higher macro F1 over all examples."""
    return scores["spacy_textcat_cv"]["all"]["model"]["macro_f1"] > scores["cv"]["all"]["model"]["macro_f1"]


def _print_scores(scores: dict, saved, fmt: str, ex) -> None:
    if fmt == "json":
        click.echo(json.dumps({"examples": len(ex.X), "labels": ex.counts(), "by_origin": ex.origins(),
                               "scores": scores, "saved": str(saved) if saved else None}, ensure_ascii=False))
        return
    click.echo(f"样本 / examples: {len(ex.X)}  来源 / by origin: {ex.origins()}")
    click.echo(f"标签 / labels: {ex.counts()}")
    click.echo(f"\n交叉验证（{scores['cv_folds']} 折，按报告分组）/ grouped {scores['cv_folds']}-fold cross-validation:")
    for name, block in scores["cv"].items():
        click.echo(f"  [{name}]")
        for who, s in (block.items() if "model" in block else [("model", block)]):
            click.echo(f"    {who:<11} " + "  ".join(f"{k}={v}" for k, v in s.items() if not isinstance(v, dict)))
            for lb, v in (s.get("per_label") or {}).items():
                click.echo(f"                {lb:<12} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} n={v['support']}")
    if "spacy_textcat_cv" in scores:
        click.echo("  [spaCy textcat]")
        for name, block in scores["spacy_textcat_cv"].items():
            for who, s in block.items():
                click.echo(f"    {name:<10} {who:<11} " + "  ".join(f"{k}={v}" for k, v in s.items()
                                                                 if not isinstance(v, dict)))
    if saved:
        click.echo(f"\n模型已保存 / model saved: {saved} (card: {saved}/README.md)")
