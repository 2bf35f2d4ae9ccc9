"""Errors a user can act on: each names the file and says why (the exit codes are the batch's)."""

from __future__ import annotations


class ConversionError(Exception):
    """A document could not be converted; the message is one line for the user."""

    reason = "could not convert"

    def __init__(self, source: str, reason: str | None = None) -> None:
        self.source = source
        self.detail = reason or self.reason
        super().__init__(f"{source}: {self.detail}")


class UnreadableInput(ConversionError):
    """The file is not a PDF or text file we can read (empty, truncated, wrong type)."""

    reason = "not a readable PDF or text file"


class EncryptedPdf(ConversionError):
    """The PDF is encrypted and its text cannot be read."""

    reason = "encrypted PDF, cannot read its text"


class NoTextLayer(ConversionError):
    """The PDF has pages but no text: a scan."""

    reason = "no text layer; OCR it first"


class TooLarge(ConversionError):
    """The document exceeds the page limit."""

    reason = "too many pages"


class Timeout(ConversionError):
    """The document took longer than the per-document time limit."""

    reason = "took too long to convert"


class CorrectionError(ConversionError):
    """A corrections file is malformed or one of its corrections no longer applies."""

    reason = "corrections file does not apply"
