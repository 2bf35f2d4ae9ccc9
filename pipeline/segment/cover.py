"""The cover letter: its paragraphs and headings, and the signatures under it."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline import patterns
from pipeline.model import Block, BodyLine
from pipeline.segment.blocks import Parse, build_blocks, split_paragraphs


def cover_blocks(
    paragraphs: Sequence[Sequence[BodyLine]], parse: Parse
) -> tuple[tuple[Block, ...], list[tuple[str, ...]]]:
    """Sort the paragraphs before the first question into text blocks and signature blocks.

    A signature block is a paragraph that names a role ("De minister van ...") followed by a
    one-line paragraph with the name of who signed, or a paragraph of the name with the role
    under it ("M.A.M. Adriaansens" / "Minister van Economische Zaken en Klimaat").
    """
    kept: list[Sequence[BodyLine]] = []
    signatures: list[tuple[str, ...]] = []
    filled = split_paragraphs(
        salutation_split
        for paragraph in paragraphs
        if paragraph
        for bold_split in split_bold_heading(paragraph)
        for salutation_split in split_salutation(bold_split)
    )
    index = 0
    while index < len(filled):
        paragraph = filled[index]
        texts = [line.text for line in paragraph]
        following = filled[index + 1] if index + 1 < len(filled) else None
        if (
            patterns.SIGNATORY_ROLE.match(texts[0])
            and len(texts) <= 3
            and following is not None
            and len(following) == 1
            and looks_like_name(following[0].text)
        ):
            signatures.append((*texts, following[0].text))
            index += 2
            continue
        if 2 <= len(texts) <= 4 and looks_like_name(texts[0]) and patterns.SIGNATORY_ROLE.match(texts[1]):
            signatures.append((*texts[1:], texts[0]))
            index += 1
            continue
        kept.append(paragraph)
        index += 1
    return build_blocks(kept, parse, headings=True), signatures


def split_salutation(paragraph: Sequence[BodyLine]) -> list[Sequence[BodyLine]]:
    """ "Geachte heer/mevrouw," printed right above the first paragraph stands apart, and so does
    "Hoogachtend," right above the signature."""
    opening = paragraph[0].text if paragraph else ""
    if len(paragraph) > 1 and (patterns.SALUTATION.match(opening) or patterns.CLOSING_FORMULA.match(opening)):
        return [paragraph[:1], paragraph[1:]]
    return [paragraph]


def split_bold_heading(paragraph: Sequence[BodyLine]) -> list[Sequence[BodyLine]]:
    """A bold or italic heading printed right above its text, with no space between, stands apart."""
    leading = 0
    while leading < len(paragraph) and (paragraph[leading].bold or paragraph[leading].italic):
        leading += 1
    if 0 < leading <= 2 and leading < len(paragraph):
        return [paragraph[:leading], paragraph[leading:]]
    return [paragraph]


def looks_like_name(text: str) -> bool:
    """A person's name as signed: a few capitalised words, initials allowed, no sentence.

    >>> looks_like_name("Alexandra C. van Huffelen")
    True
    >>> looks_like_name("Hoogachtend,")
    False
    """
    words = text.split()
    if not 2 <= len(words) <= 6 or text.rstrip().endswith((",", ":", ";")):
        return False
    capitals = sum(1 for word in words if word[:1].isupper())
    return capitals >= 2 and not text.rstrip().endswith("?")
