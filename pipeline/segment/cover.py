"""The cover letter: its paragraphs and headings, and the signatures under it."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline import patterns
from pipeline.model import Block, BodyLine
from pipeline.segment.parts import is_table_row, paragraph_text, starts_list_item
from pipeline.text import join_lines

_MAX_HEADING_LENGTH = 90


def cover_blocks(paragraphs: Sequence[Sequence[BodyLine]]) -> tuple[list[Block], list[tuple[str, ...]]]:
    """Sort the paragraphs before the first question into text blocks and signature blocks.

    A signature block is a paragraph that names a role ("De minister van ...") followed by a
    one-line paragraph with the name of who signed, or a paragraph of the name with the role
    under it ("M.A.M. Adriaansens" / "Minister van Economische Zaken en Klimaat").
    """
    blocks: list[Block] = []
    signatures: list[tuple[str, ...]] = []
    filled = [
        part
        for paragraph in paragraphs
        if paragraph
        for bold_split in split_bold_heading(paragraph)
        for salutation_split in split_salutation(bold_split)
        for part in split_list_items(salutation_split)
    ]
    filled = join_tables(filled)
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
        blocks.append(text_block(paragraph))
        index += 1
    return blocks, signatures


def join_tables(paragraphs: Sequence[Sequence[BodyLine]]) -> list[Sequence[BodyLine]]:
    """Rows of a table set apart by white space are still one table."""
    joined: list[Sequence[BodyLine]] = []
    for paragraph in paragraphs:
        rows = all(is_table_row(line.text) for line in paragraph)
        if rows and joined and all(is_table_row(line.text) for line in joined[-1]):
            joined[-1] = [*joined[-1], *paragraph]
        else:
            joined.append(paragraph)
    return joined


def split_list_items(paragraph: Sequence[BodyLine]) -> list[Sequence[BodyLine]]:
    """Each item of a list printed with no space between the items stands apart, and so does a
    table from the text around it."""
    pieces: list[list[BodyLine]] = []
    for line in paragraph:
        previous = pieces[-1][-1].text if pieces else ""
        if pieces and (starts_list_item(line.text, previous) or is_table_row(line.text) != is_table_row(previous)):
            pieces.append([])
        if not pieces:
            pieces.append([])
        pieces[-1].append(line)
    return list(pieces)


def split_salutation(paragraph: Sequence[BodyLine]) -> list[Sequence[BodyLine]]:
    """ "Geachte heer/mevrouw," printed right above the first paragraph stands apart."""
    if len(paragraph) > 1 and patterns.SALUTATION.match(paragraph[0].text):
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


def text_block(paragraph: Sequence[BodyLine]) -> Block:
    """A paragraph of running text, or a heading: a short bold or numbered title, no sentence.

    >>> text_block([BodyLine("2. Controles door de Arbeidsinspectie en de", 2, 1),
    ...             BodyLine("Inspectie Leefomgeving en Transport (ILT)", 2, 2)]).kind
    'heading'
    """
    if all(is_table_row(line.text) for line in paragraph):
        return Block("table", paragraph_text([line.text for line in paragraph]), paragraph[0].page)
    text = join_lines(line.text for line in paragraph)
    numbered = bool(patterns.SECTION_NUMBER.match(text))
    bold = all(line.bold or line.italic for line in paragraph)
    is_heading = (
        any(char.isalpha() for char in text)  # the Aanhangsel's number ("1314") is no heading
        and len(paragraph) <= 2
        and len(text) <= 2 * _MAX_HEADING_LENGTH
        and (len(paragraph) == 1 or numbered)
        and not text.endswith((".", ",", ";", ":"))
        and (bold or numbered)
    )
    return Block("heading" if is_heading else "paragraph", text, paragraph[0].page)
