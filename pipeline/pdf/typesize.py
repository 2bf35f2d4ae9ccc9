"""Type sizes, named once: how much smaller (or larger) than the type beside it a line or a
character must be set to be a footnote marker, a superscript, a footnote or body text.

Each is a ratio of a size in points: of the line a character stands in, or of the page's body
size (the most common size of the text above its footnotes). They differ on purpose: where a
rule or a raised baseline says more, less of a difference in size is needed.
"""

from __future__ import annotations

MARKER = 0.85
"""A character set below this part of its line's size is not of the line's own type: a footnote
marker (raised) or a chemical index (lowered, the 2 of CO2). It does not set the line's height,
and when its baseline makes it a row of its own, it is given to the line it stands on."""

SUPERSCRIPT = 0.8
"""A digit below this part of its line's size that stands above the baseline is written as a
superscript digit ("¹"): a footnote marker in the line's text. (Smaller than MARKER: a digit
is written as a superscript only when it is clearly so.)"""

BODY = 0.95
"""A line of at least this part of the body size is in body type (a bold face or a rounding
sets it a little apart). Below a footnote rule, a line under it is a footnote."""

FOOTNOTE = 0.9
"""On a page without a footnote rule, footnotes are told from the body by their type alone: the
body is at least this part of the body size, footnotes below it (no rule says where they start,
so they must be clearly smaller)."""

FOOTNOTE_AT_MOST = 1.15
"""Below the rule, a block that opens with a footnote's number is footnotes up to this part of
the body size (a linked URL is often set larger than the note's own text); above it, a heading."""

LOGO = 3.0
"""A glyph or two at this many times the body size or more is a picture set in type (the "2" of
the Tweede Kamer atop an Aanhangsel), not text."""
