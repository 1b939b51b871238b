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


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The blank zh pipeline with jieba and jixiao's components (built once per process)."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("jixiao_quantities")
    nlp.add_pipe("jixiao_claims")
    return nlp
