"""The spaCy pipeline: blank ``zh`` with the jieba segmenter, plus jixiao's components.

    nlp = jixiao.nlp.pipeline()
    sdoc = nlp("社会公众满意度≥90%，群众满意度达85%。")
    sdoc.spans["quantities"], sdoc.spans["claims"]     # span.label_: kind / role

Components are registered the spaCy way and declare what they assign, so trained components
(a spancat or textcat) can be added after them. ``jixiao check`` itself does not run spaCy:
the same extraction functions run directly on the Document, which keeps the hot path free of
segmentation; the pipeline is for analysts and for training.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc


def _char_span(doc: Doc, start: int, end: int, label: str):
    return doc.char_span(start, end, label=label, alignment_mode="expand")


@Language.component("jixiao_quantities", assigns=["doc.spans"])
def quantities_component(doc: Doc) -> Doc:
    """Tag every quantity: ``doc.spans["quantities"]``, label = kind (money, percent, count …)."""
    from .extract.quantities import extract_quantities

    spans = []
    for q in extract_quantities(doc.text):
        sp = _char_span(doc, q.span[0], q.span[1], q.kind)
        if sp is not None:
            spans.append(sp)
    doc.spans["quantities"] = spans
    return doc


@Language.component("jixiao_claims", assigns=["doc.spans"])
def claims_component(doc: Doc) -> Doc:
    """Tag every claim: ``doc.spans["claims"]``, label = role (target, actual, budget …)."""
    from .document import build_document
    from .extract.claims import tag_claims
    from .model import RawDocument, RawParagraph, SourceLoc

    lines = doc.text.split("\n")
    line_start, pos = [], 0
    for line in lines:
        line_start.append(pos)
        pos += len(line) + 1
    raw = RawDocument(blocks=[RawParagraph(text=t, loc=SourceLoc(paragraph=i)) for i, t in enumerate(lines)])
    jdoc = build_document(raw, source="<spacy>", format="txt", sha256="")
    spans = []
    for c in tag_claims(jdoc):
        block, a = jdoc.source_offset(c.span[0])
        _, b = jdoc.source_offset(c.span[1] - 1)
        if block is None or a is None or b is None:
            continue
        base = line_start[block.loc.paragraph]
        sp = _char_span(doc, base + a, base + b + 1, c.role)
        if sp is not None:
            spans.append(sp)
    doc.spans["claims"] = spans
    return doc


class ClaimRoles:
    """Gives the claims the rules leave as ``other`` the role a trained textcat predicts with at
    least ``threshold`` confidence (jixiao.learn.spacy_textcat; ``jixiao train claims --spacy``)."""

    def __init__(self, textcat: Language, threshold: float):
        self.textcat, self.threshold = textcat, threshold

    def __call__(self, doc: Doc) -> Doc:
        from .learn.features import LEFT_CHARS, MARK_CLOSE, MARK_OPEN, RIGHT_CHARS

        spans = list(doc.spans.get("claims", []))
        todo = [i for i, sp in enumerate(spans) if sp.label_ == "other"]
        text = doc.text
        contexts = []
        for i in todo:
            a, b = spans[i].start_char, spans[i].end_char
            left = text[max(0, a - LEFT_CHARS):a].rsplit("\n", 1)[-1]
            right = text[b:b + RIGHT_CHARS].split("\n", 1)[0]
            contexts.append(f"#r_other|{left}{MARK_OPEN}{text[a:b]}{MARK_CLOSE}{right}")
        for i, cdoc in zip(todo, self.textcat.pipe(contexts)):
            role = max(cdoc.cats, key=cdoc.cats.get)
            if role != "other" and cdoc.cats[role] >= self.threshold:
                sp = spans[i]
                spans[i] = doc.char_span(sp.start_char, sp.end_char, label=role, alignment_mode="expand")
        doc.spans["claims"] = spans
        return doc


@Language.factory("jixiao_claim_roles", assigns=["doc.spans"], requires=["doc.spans"],
                  default_config={"model": "claims-spacy", "threshold": 0.5})
def claim_roles_component(nlp: Language, name: str, model: str, threshold: float) -> ClaimRoles:
    from .learn.spacy_textcat import load_textcat

    textcat = load_textcat(model)
    if textcat is None:
        raise ValueError(f"no spaCy claim-role model at {model!r} (jixiao train claims --spacy)")
    return ClaimRoles(textcat, threshold)


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The blank zh pipeline with jieba and jixiao's components (built once per process); with
    the trained claim-role textcat when it is shipped (models/claims-spacy)."""
    import spacy

    from .learn.models import models_dir

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("jixiao_quantities")
    nlp.add_pipe("jixiao_claims")
    base = models_dir()
    if base is not None and (base / "claims-spacy" / "spacy").is_dir():
        nlp.add_pipe("jixiao_claim_roles", config={"model": str(base / "claims-spacy")})
    return nlp
