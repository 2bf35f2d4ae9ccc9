"""kamerbrief: Dutch letters to parliament from PDF or text to structured JSON, Markdown and HTML.

The library entry points; the command line (``kamerbrief``) is a thin layer over them.
"""

from __future__ import annotations

from pipeline.model import Document
from pipeline.render import render
from pipeline.run import Result, build_document, convert_batch, convert_document, convert_file

__all__ = ["Document", "Result", "build_document", "convert_batch", "convert_document", "convert_file", "render"]
