"""URLs: the one home for normalising a URL, for which schemes may become a link, and for validating it.

A URL is cleaned the way a browser cleans it before anything decides about it (markdown-it-py
normalises and validates links at parse time the same way), so that "java\\tscript:" is seen as
the "javascript:" a browser would open.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import regex

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""The only schemes a link may have: web and mail addresses, never ``javascript:``, ``data:``, ``file:``."""

_TABS_AND_BREAKS = regex.compile(r"[\t\n\r]")
_CONTROLS_AND_SPACE = "".join(chr(code) for code in range(0x21))
_SCHEME = regex.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*):")
_AFTER_THE_SENTENCE = ".,;:»”’"
"""Punctuation printed after a URL that ends the sentence, not the URL."""


def as_browsers_read(url: str) -> str:
    """The URL as a browser reads it first (WHATWG URL): tabs and line breaks anywhere dropped,
    and control characters and spaces at either end.

    >>> as_browsers_read("\\x01 java\\tscript:alert(1)")
    'javascript:alert(1)'
    """
    return _TABS_AND_BREAKS.sub("", url).strip(_CONTROLS_AND_SPACE)


def scheme(url: str) -> str:
    """The URL's scheme in lower case as a browser reads it, or "" when it has none.

    >>> scheme("HTTPS://x.nl"), scheme("www.x.nl"), scheme("java\\nscript:x")
    ('https', '', 'javascript')
    """
    match = _SCHEME.match(as_browsers_read(url))
    return match["scheme"].lower() if match else ""


def is_safe(url: str) -> bool:
    """True if the URL may become a link as it stands: its own scheme is http, https or mailto.

    A URL without a scheme is no link either (a browser would read it as a path on our own site).

    >>> is_safe("https://nos.nl/a"), is_safe("mailto:a@b.nl"), is_safe("javascript:x"), is_safe("www.nos.nl")
    (True, True, False, False)
    """
    return scheme(url) in SAFE_SCHEMES


def normalise_url(url: str) -> str:
    """A URL as a link target: a scheme where the text had none, no trailing punctuation.

    >>> normalise_url("www.rijksoverheid.nl/documenten).")
    'https://www.rijksoverheid.nl/documenten'
    >>> normalise_url("HTTPS://nl.wikipedia.org/wiki/Vlag_(heraldiek)")
    'https://nl.wikipedia.org/wiki/Vlag_(heraldiek)'
    >>> normalise_url("java\\tscript:alert(1)")
    'javascript:alert(1)'
    """
    url = as_browsers_read(url).strip().rstrip(_AFTER_THE_SENTENCE)
    if url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    found = _SCHEME.match(url)
    if found is None:
        # Printed without a scheme: "www.nrc.nl/...", "regiopurmerend.nl/2024/...".
        return "https://" + url
    return found["scheme"].lower() + url[found.end("scheme") :]


def without_scheme(url: str) -> str:
    """The URL without ``http://`` or ``https://``, to compare a written URL with an annotation's."""
    return regex.sub(r"(?i)^https?://", "", url)


def is_plausible(url: str) -> bool:
    """True for a URL that parses and has a host with a dot (or is a mail address).

    >>> is_plausible("https://www.rijksoverheid.nl/a"), is_plausible("https://Discriminatie")
    (True, False)
    """
    if url.startswith("mailto:"):
        return "@" in url
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host.strip(".") and not regex.search(r"\s", url)
