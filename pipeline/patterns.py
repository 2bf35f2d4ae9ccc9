"""The regular expressions of the pipeline, compiled once and named by what they recognise."""

from __future__ import annotations

import regex

# --- Reading -------------------------------------------------------------------------------

BARE_URL_LINE = regex.compile(r"^\s*(?:https?://|www\.)\S+\s*$", regex.IGNORECASE)
"""A line that is nothing but a URL: the link-annotation list after a page's text."""

# --- Page furniture ------------------------------------------------------------------------

PAGE_NUMBER = regex.compile(
    r"""^\s*(?:
        Pagina\s+\d+\s+van\s+\d+           # Rijkshuisstijl: "Pagina 3 van 9"
      | -\s*\d+\s*-                        # "- 3 -"
      | \d{1,3}                            # a bare page number
    )\s*$""",
    regex.VERBOSE | regex.IGNORECASE,
)

PAGE_FURNITURE = regex.compile(
    r"""^(?:
        Pagina\s*\d+\s*van\s*\d+ | \d+\s*Pagina\s*\d+\s*van\s*\d+       # "Pagina 3 van 9", "3Pagina1van3"
      | ah-tk-\d{8}-\d+                                                # Aanhangsel footer
      | ISSN\s[\d\s-]+
      | .*Tweede\s+Kamer,\s+vergaderjaar\s+\d{4}[–-]\d{4},\s+Aanhangsel\s*\d*
      | Tweede\s+Kamer,\s+vergaderjaar\s+\d{4}[–-]\d{4},\s+\d{2}\s?\d{3}(?:\s+[A-Z]{1,5})?,\s+nr\.\s*\d+\s*\d*
                                                                       # Kamerstuk footer of a nota
      | ’s-Gravenhage\s+\d{4}                                          # the imprint beside it
    )$""",
    regex.VERBOSE,
)
"""Running heads and footers that repeat on every page: never part of the letter's text."""

_FOLIO = r"""(?:
        (?:pagina|page|blad)\s*(?P<number>\d{1,4})(?:\s*(?:van|of|/)\s*(?P<total>\d{1,4}))?   # "Pagina 2 van 4"
      | (?P<number>\d{1,4})\s*/\s*(?P<total>\d{1,4})                                   # "2/6"
      | -\s*(?P<number>\d{1,4})\s*-                                                      # "- 2 -"
      | (?P<number>\d{1,3})                                                              # a bare number
    )"""
FOLIO_AT_END = regex.compile(rf"(?:^|\s){_FOLIO}$", regex.VERBOSE | regex.IGNORECASE)
FOLIO_AT_START = regex.compile(rf"^{_FOLIO}(?:\s|$)", regex.VERBOSE | regex.IGNORECASE)
"""A page's own number at the end or the start of a running head or footer ("Totaallijst … 2/6",
"Pagina 2 van 4 Kenmerk …"): the part of the line that changes from page to page, with the page
count it may give."""

RUNNING_FOOTER = regex.compile(
    r"""Tweede\s+Kamer,\s+vergaderjaar\s+\d{4}[–-]\d{4},\s+Aanhangsel\s*\d*\s*$
      | (?:^|’s-Gravenhage\s+\d{4})                  # a Kamerstuk's footer opens its line (or follows the imprint):
        Tweede\s+Kamer,\s+vergaderjaar\s+\d{4}[–-]\d{4},\s+\d{2}\s?\d{3}(?:\s+[A-Z]{1,5})?,\s+nr\.\s*\d+\s*\d*\s*$""",
    regex.VERBOSE,
)
"""The footer that closes every page of an Aanhangsel or a Kamerstuk: in text with no page
breaks, where a page ends. A footnote that cites a Kamerstuk ("2Tweede Kamer, vergaderjaar
2023–2024, 19 637, nr. 3198", its number glued to it) is none."""

# --- Footnotes -----------------------------------------------------------------------------

FOOTNOTE_START = regex.compile(r"^(?P<number>[1-9]\d{0,2})\s+(?P<text>\S.*)$")
"""A footnote definition at a page bottom: number, white space, text ("13  Recruiter ...")."""

FOOTNOTE_NUMBER_ALONE = regex.compile(r"^(?P<number>[1-9]\d{0,2})(?P<text>)$")
"""A footnote's number on a line of its own, its text (a long URL) on the next line."""

GLUED_FOOTNOTE_START = regex.compile(
    r"""^(?P<number>[1-9]\d{0,2}?)
    (?P<text>(?:\p{Lu}|https?://|www\.|\d{4}Z|(?:19|20)\d\d\s|[a-z0-9-]+\.(?:nl|eu|com|org|int|net|be|de)\b).*)$""",
    regex.VERBOSE,
)
"""A footnote definition as text extractors give it, its number glued to the text
("1RTV Noord, 9 oktober 2024", "8https://ec.europa.eu/...", "2wetten.nl – Regeling ...", "22023 Annual
report": footnote 2, "2023 Annual report"); the shortest number that leaves such a text."""

QUESTION_OR_ANSWER_LINE = regex.compile(r"^(?:Vra(?:ag|gen)|Antwoord(?:en)?)\b")
"""A line that opens a question or an answer: never part of a footnote block."""

MARKER_LINE = regex.compile(r"^(?P<numbers>[1-9]\d{0,2}(?:\s+[1-9]\d{0,2})*)(?P<punctuation>[,;:]?)$")
"""A line of nothing but footnote markers, where a text extractor put the raised digits apart, with
the comma that followed them ("6,"; a full stop would make "vraag\n5." a marker)."""

NUMBERING_WORD = regex.compile(
    r"\b(?:vraag|vragen|artikel|artikelen|nr\.?|nummer|pagina|blz\.?|bijlage|hoofdstuk|paragraaf|lid|onderdeel)$",
    regex.IGNORECASE,
)
"""A word a number follows as part of the text ("antwoord op vraag 5"): no footnote marker after it."""

LEADING_MARKER = regex.compile(r"^(?P<number>[1-9]\d{0,2})(?P<punctuation>[.,;:]?)\s+(?=\p{L})")
"""Footnote marker digits a text extractor put at the start of the next line ("4 van het ..."),
with the punctuation that followed the marker ("2. Met dit ...": "jeugdzorg2. Met dit ...")."""

GLUED_MARKER = regex.compile(
    r"""
    (?<=
        \p{L}                              # glued to a word: "worden12"
      | \p{L}[’'"”)\]]                     # after a closing quote or bracket: "technologie’3"
      | \p{L}[’'"”)\]]?[.,;:!?]            # after punctuation that ends a word: "bedrijfsleven.5"
      | \p{L}[.,;:!?][’'"”)\]]             # "computer?”12"
    )
    (?P<digits>[1-9]\d{0,3})
    (?=[\s.,;:!?)’'"”]|$)
    """,
    regex.VERBOSE,
)
"""Digits glued to the end of a word: a footnote reference if the page defines that footnote."""

NAMES_WITH_DIGITS = frozenset(
    {"D66", "JA21", "CO2", "NO2", "PM10", "G7", "G20", "F35", "F16", "A2", "A4", "H2", "COVID19"}
)
"""Names that end in digits and are never a footnote reference, even where that footnote exists."""

WORD_BEFORE_DIGITS = regex.compile(r"\p{L}+$")

SUPERSCRIPT_MARKER = regex.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
"""Footnote references that a PDF extractor recognised as superscript by size and baseline."""

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

# --- Questions and answers -----------------------------------------------------------------

MAX_LABEL_NUMBERS = 50
"""A label names at most this many numbers or ranges; a longer list is text, not a label (a list
of 30,000 numbers once made 30,000 questions that each repeated it: 300 MB of JSON)."""

_NUMBER_LIST = rf"\d{{1,3}}(?:\s*(?:,\s*en|,|en|&|t/m|tot\s+en\s+met|[-–—])?\s*\d{{1,3}}){{0,{MAX_LABEL_NUMBERS - 1}}}"
"""Question numbers as labels print them: "3, 4, 5, 9 en 10", "7, 8, 9 10 en 11", "4-7", "4 t/m 7"."""

NUMBER_OR_RANGE = regex.compile(r"(?P<first>\d{1,3})(?:\s*(?:[-–—]|t/m|tot\s+en\s+met)\s*(?P<last>\d{1,3}))?")
"""One number of a label, or a range of them: "4", "4-7", "4 – 7", "4 t/m 7", "4 tot en met 7"."""

NUMBERED_QUESTION = regex.compile(r"^(?P<number>\d{1,3})(?:[.)](?!\d)\s*(?P<text>\S.*)|\s*[.)]?\s*)$")
"""A question as the numbered paragraph of an answer letter: "4. Hoe voorkomen we ...", or its
number alone on a line ("4", "4.") with the question below it; "1.1 Overgangsbepaling" numbers a
section, not a question."""

BARE_QUESTION_NUMBERS = regex.compile(r"^(?P<numbers>\d{1,3}(?:\s*(?:,\s*en|,|en)\s*\d{1,3})+)\s*\.?$")
"""The numbers of a block of questions alone on a line, printed in the margin: "6, 7 en 8"."""

MARGIN_QUESTION = regex.compile(r"^(?P<numbers>\d{1,3}(?:\s*(?:,\s*en|,|en)\s*\d{1,3})*)\s+(?P<text>[\p{Lu}“‘\"'].*)$")
"""A question whose number is printed in the margin before its first line: "5 De leden vragen ...",
"5, 6 en 7 Kan de regering ..."."""

QUESTION_CONTINUATION = regex.compile(
    r"""^(?:
        Zo\s+(?:ja|nee|neen|niet)\b | Indien\s+(?:ja|nee|niet|dat)\b | En\s+zo\s+ja\b | Graag\b
      | Waarom\s+(?:wel|niet)\b | Kunt\s+u\s+(?:uw|het|dit|dat)\s+(?:antwoord\s+)?toelichten
    )""",
    regex.VERBOSE,
)
"""How a question's own second paragraph begins: "Zo ja, graag een toelichting.", "Zo nee, waarom niet?"."""

ANSWER_HEADER = regex.compile(
    r"""\bAntwoord\s+van\s+(?:de\s+)?(?:[Mm]inister|[Ss]taatssecretaris)
      | \bantwoorden\s+op\s+(?:de\s+)?(?:schriftelijke\s+)?(?:Kamer)?vragen
      | \b[Bb]eantwoording\s+(?:van\s+)?(?:de\s+)?(?:schriftelijke\s+)?(?:Kamer)?vragen
      | \bNota\s+naar\s+aanleiding\s+van\s+het\s+verslag""",
    regex.VERBOSE | regex.IGNORECASE,
)
"""What marks a document of answers even where no answer carries a label."""

PARTY_STATEMENT = regex.compile(r"^De\s+leden\s+van\s+de\s+[\w\p{L}-]+-?fractie", regex.IGNORECASE)
"""A committee member's statement between the questions of a nota: "De leden van de VVD-fractie ..."."""

CLOSING_FORMULA = regex.compile(
    r"""^(?:Hoogachtend | Met\s+(?:de\s+meeste\s+)?hoogachting
      | Met\s+(?:vriendelijke|hartelijke|collegiale)\s+groet(?:en)? | Vriendelijke\s+groet(?:en)?
    )\s*,?\s*$""",
    regex.VERBOSE | regex.IGNORECASE,
)
"""The formula that closes a letter above its signature: a line of its own, no letter text."""

SECTION_OPENING = regex.compile(
    r"^(?:Vragen\s+en\s+opmerkingen|Inbreng|Opmerkingen)\s+van\s+de\s+(?:leden|fractie)\b", regex.IGNORECASE
)
"""The heading a committee opens a fractie's part of its questions with ("Vragen en opmerkingen
van de leden van de D66-fractie"), in any type. (Not "Vragen van de fractie …": that opens the
questions of a whole letter, with who asked them.)"""

NOTA_HEADER = regex.compile(
    r"\bNota\s+naar\s+aanleiding\s+van\s+het\s+(?:nader\s+)?verslag\b|\bMemorie\s+van\s+antwoord\b", regex.IGNORECASE
)
"""The title of the government's written answers to a committee's questions on a bill: a nota
(Tweede Kamer) or a memorie van antwoord (Eerste Kamer)."""

COMMITTEE_ASKS = regex.compile(
    r"""\bleden\s+
        (?:van\s+(?:de\s+)?(?:fractie\s+van\s+(?:de\s+)?)?[\p{L}\d/-]+\s+)?     # "van de PvdA-fractie",
                                                                           # "van de fractie van de SP"
        (?:(?:tevens|voorts|ook|nog|daarnaast|verder|eveneens|graag|het\s+kabinet|de\s+regering)\s+)*
        (?:vragen|vroegen|vernemen|verzoeken|willen|wensen)\b
      | \b(?:vragen|vroegen|vernemen|verzoeken|willen|wensen)\s+(?:de|deze|die)\s+(?:genoemde\s+)?leden\b
      | (?:^|[.;]\s+)(?:Zij|Deze\s+leden)\s+(?:(?:ook|tevens|voorts|graag|nog)\s+)*
        (?:wensen|willen|verzoeken)\s+(?:(?:graag|nog)\s+)?(?:te\s+)?(?:vernemen|weten)\b""",
    regex.VERBOSE | regex.IGNORECASE,
)
"""How a committee's report asks without a question mark: "De leden van de PvdA-fractie vernemen
graag ...", "Deze leden vragen of ...", "..., zo vragen deze leden.", "... stellen vragen over de
strafmaat. Zij wensen te vernemen of ..." ("De leden hebben nog enkele vragen" asks nothing yet)."""

COMMITTEE_OPENING = regex.compile(r"(?:De|Deze|Die|Ook|Voorts|Tevens|Tot\s+slot|Verder|Daarnaast)\b")
"""How a committee's paragraph that asks may open: "De leden ...", "Deze leden ...", "Voorts vragen ..."."""

QUESTIONS_HEADER = regex.compile(
    r"(?:\b(?:Mondelinge|Schriftelijke)\s+vragen|\bVragen)\s+van\s+(?:het|de)\s+(?:lid|leden)\s+(?!der\b)"
)
"""The header of a document of questions: "Vragen van het lid Eerdmans (JA21) aan ..."."""

MEDEDELING_HEADER = regex.compile(r"\bMededeling\s+van\s+(?:de\s+)?(?:[Mm]inister|[Ss]taatssecretaris)")
"""The header of an Aanhangsel Mededeling: "Mededeling van staatssecretaris Rummenie ..."."""

SECTION_NUMBER = regex.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+\p{Lu}")
"""A numbered section heading: "2. Controles ...", "1.2 Bodem ..."."""

LETTERED_HEADING = regex.compile(r"^[a-z]\)\s+\p{Lu}")
"""A lettered heading, as a fiche's form numbers its items: "c) Voorgestelde implementatietermijn ..."."""

QUESTION_LABEL = regex.compile(
    rf"^Vra(?:ag|gen)(?:\s+(?P<numbers>{_NUMBER_LIST}))?\s*(?P<colon>[:.])?\s*(?P<text>.*)$",
)
"""A question label: "Vraag 4", "Vraag 3, 4 en 5", "Vragen 7, 8, 9 10 en 11:", "Vraag:" with text after it."""

ANSWER_LABEL = regex.compile(
    rf"""^(?P<label>
        Antwoord(?:en)?                                  # "Antwoord", "Antwoorden"
        (?:\s+(?:op\s+)?(?:de\s+)?(?:vra(?:ag|gen)\s*)?  # "op vraag", "vraag", "op vragen"
           (?P<numbers>{_NUMBER_LIST}))?
        \s*[:.]?
    )\s*(?P<text>.*)$""",
    regex.VERBOSE,
)
"""An answer label: "Antwoord:", "Antwoord vraag 4 en 5:", "Antwoord op vragen 3, 4, 5, 9 en 10"."""

MEDEDELING_LABEL = regex.compile(r"^Mededeling\s*:?$")
"""The heading of the explanation that replaces the answers in an Aanhangsel Mededeling."""

_NOTE_LABEL = r"\[(?P<label>{label})\]"
_ANY_NOTE = r"\d{1,2}"

NOTE_LABEL = regex.compile(_NOTE_LABEL.format(label=_ANY_NOTE))
"""A note's label as printed in brackets: "[2]", in a question and before the note itself."""

NOTE_LABEL_AT_END = regex.compile(rf"(?:{NOTE_LABEL.pattern})$")
"""A note's label printed right after a word or URL, at the end of it ("...politie[3]")."""

NOTE_REFERENCE = regex.compile(
    r"""
      \[(?P<label>\d{1,2})\]                   # "[2]"
    | (?<=\p{L})(?P<label>\d{1,2})\)           # glued to its word, as a text layer gives it: "gedrag2)"
    | (?<![\w(\[])(?P<label>\d{1,2})\)         # "tourism’? 2)", "worden’ 1), waarin", "het bericht 1) over"
    """,
    regex.VERBOSE,
)
"""How a question refers to a note of its own: "[2]" or "2)". (A "2)" that numbers an item, "...: 1)
de kosten, 2) de baten", or closes a parenthesis is told apart by ``notes.note_references``.)"""

QUESTION_NOTE = regex.compile(rf"^(?:{NOTE_LABEL.pattern}|(?P<label>{_ANY_NOTE})[.)](?=\s))\s*(?P<text>.*)$")
"""A note of the questions themselves, printed after the last answer (or right after its question):
"[1] Volkskrant", "1) AD, ...", or as a Word list "1. Argos, ..."; only where the questions refer to
notes ("[1]", "1)")."""

FIRST_QUESTION_NOTE = regex.compile(r"^(?:\[1\]|(?<![\w(])1\))\s")
"""The first of the questions' own notes, as the questions refer to it."""

NOTES_HEADING = regex.compile(
    r"^(?:Noten|Noot|Voetnoten|Eindnoten|Bronnen|Bronvermelding|Verwijzingen)(?:\s+bij\s+de\s+vragen)?\s*:?$",
    regex.IGNORECASE,
)
"""A heading above the notes listed after the letter: "Noten", "Bronnen:"."""

RULE_LINE = regex.compile(r"^\s*[_–—-]{5,}\s*$")
"""A rule typed as a line of underscores or dashes: what a Word file's text sets above its notes."""

QUOTED = regex.compile(r"""[‘“«'"](?P<quoted>[^‘’“”«»'"]{8,}?)[’”»'"]""")
"""A title in quotes, as a question names the article it starts from and its note names it again."""

# --- Lists ---------------------------------------------------------------------------------

LIST_ITEM = regex.compile(
    r"""^(?P<marker>
        (?P<bullet>[•▪➢❖✓◦●■])                   # a bullet
      | (?P<dash>[–-])                          # a dash
      | (?P<number>\d{1,2}|[a-z])[.)]           # a number or letter: "1.", "2)", "a)"
    )\s+(?P<text>\S.*)$""",
    regex.VERBOSE | regex.DOTALL,
)
"""An item of a list as printed: its marker, then its text. A dash or a number opens an item only
after a line that ended a clause ("– Jeugd, Preventie en Sport)" goes on with the line before)."""

# --- Links ---------------------------------------------------------------------------------

URL = regex.compile(
    r"""(?:https?://|www\.|(?<![\w@./-])(?-i:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|eu|com|org|net|int|be|de|info))/)
    (?:[^\s<>"'”’()\[\]] | \([^\s()<>]*\))*        # brackets only in balanced pairs: "Vlag_(heraldiek)"
    (?:[^\s<>"'”’()\[\].,;:!?] | \([^\s()<>]*\))   # not ending in the sentence's punctuation""",
    regex.IGNORECASE | regex.VERBOSE,
)
"""A URL in text; one printed without a scheme only with a lower-case host ("vng.nl/sites/..."):
"Discriminatie.nl/Fryslân/Tumba" names an organisation, it is no address."""

URL_CONTINUATION = regex.compile(r"^[\w\-./~%?=&#+:;,@!$*()']+$")
"""What the start of a line must look like to continue a URL cut at the end of the line before."""

SITE_NAME = regex.compile(r"\b(?P<site>(?:[\w-]+\.)+(?:nl|eu|com|org|int|net|gov|uk|de|be))\b", regex.IGNORECASE)
"""A site named in a footnote: "(mckinsey.com)", "Rijksoverheid.nl"."""

# --- Metadata ------------------------------------------------------------------------------

KENMERK = regex.compile(r"\b(?P<kenmerk>20\d\dZ\d{5})\b")
"""A Tweede Kamer document number of questions: "2023Z00475"."""

SUBMITTED = regex.compile(r"(?:ingezonden|ingediend)\s+(?:op\s+)?(?P<date>\d{1,2}\s+\p{L}+\s+\d{4})", regex.IGNORECASE)

RECEIVED = regex.compile(r"ontvangen\s+(?:op\s+)?(?P<date>\d{1,2}\s+\p{L}+\s+\d{4})", regex.IGNORECASE)

LETTER_SIGN = regex.compile(
    r"""voorzitter\s*van\s*de\s*tweede\s*kamer     # the addressee, also as "De voorzittervan"
      | \bgeachte\s+voorzitter
      | \bhoogachtend\b""",
    regex.VERBOSE | regex.IGNORECASE,
)
"""What marks a letter to parliament: its addressee, its greeting or its closing."""

SALUTATION = regex.compile(r"^(?:Geachte|Beste|Hooggeachte)\b[^.?!]{0,60},$")
"""The greeting of a letter: "Geachte voorzitter,", "Geachte heer/mevrouw,"."""

SIGNATORY_ROLE = regex.compile(
    r"^(?:De\s+)?(?:minister|staatssecretaris|minister-president|Minister|Staatssecretaris)\b",
    regex.IGNORECASE,
)
