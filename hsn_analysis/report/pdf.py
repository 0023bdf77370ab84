"""The board's report as a PDF/A-2a and PDF/UA-1 for the diarium, typeset by Typst.

The template (`typst/rapport.typ`, package data) takes the report's data as one JSON string
(`print_document.project`) and the charts as SVG files beside it. Typst checks both standards
while it writes: a chart without alt text, a missing title or language, or a character no font
can draw is an error, not a PDF (`TypstError`, which the run reports in its pdf step).

Fonts: DejaVu Sans, the open font matplotlib ships (so the charts and the text match, and no
system font is needed for Swedish); for what it lacks, emoji (Noto Color Emoji) and Chinese,
Japanese and Korean (WenQuanYi Micro Hei), found where Debian installs them. Nothing else: the
archived file never depends on which other fonts a machine happens to have, and a character
none of them has fails the run, naming it (`MissingGlyph`), instead of printing an empty box.
"""

from __future__ import annotations

import atexit
import functools
import json
import logging
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hsn_analysis.words import report_text

if TYPE_CHECKING:
    from typst import PDFStandard

TEMPLATE = Path(__file__).resolve().parent / "typst" / "rapport.typ"
# Typst checks the document against both while it writes it.
PDF_STANDARDS: tuple[PDFStandard, ...] = ("a-2a", "ua-1")
# The families in the order Typst tries them for each character.
FONT_FAMILIES = ["DejaVu Sans", "Noto Color Emoji", "WenQuanYi Micro Hei"]
# matplotlib's own copies of DejaVu: regular, bold, their obliques and the monospace.
OWN_FONTS = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
    "DejaVuSansMono.ttf",
)
# Where Debian's fonts-noto-color-emoji and fonts-wqy-microhei put theirs (the Makefile installs
# both); a file that is missing is skipped, and a character that then has no font fails the run
# by name.
FALLBACK_FONTS = (
    Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
)
SOFT_HYPHEN = "\u00ad"
logger = logging.getLogger(__name__)
_MISSING_GLYPH = re.compile(r"the text `\"(?P<text>.*?)\"` could not be displayed")


@dataclass(frozen=True)
class DocumentInfo:
    """What the PDF says about itself (document information and XMP)."""

    title: str
    author: str
    subject: str
    language: str = "sv"
    created: datetime | None = None
    keywords: tuple[str, ...] = ()
    identifier: str = ""  # the diarienummer
    version: str = ""
    document_date: date | None = None  # dokumentdatum


class MissingGlyph(Exception):
    """A character of the data that no font of the PDF can draw, and the text it is in."""

    def __init__(self, char: str, text: str = "") -> None:
        self.char = char
        self.text = text or char
        code = " ".join(f"U+{ord(c):04X}" for c in char)
        super().__init__(report_text.PDF_MISSING_GLYPH.format(char=char, code=code, text=self.text))


def _texts(value: Any) -> Iterator[str]:
    """Every string in the template's data, in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def font_files() -> list[Path]:
    """matplotlib's DejaVu fonts, and the fallback fonts that exist on this machine."""
    import matplotlib

    own = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return [own / name for name in OWN_FONTS] + [f for f in FALLBACK_FONTS if f.is_file()]


@functools.lru_cache(maxsize=1)
def fonts() -> Any:
    """The fonts, scanned once per process (a `typst.Fonts`).

    Typst reads fonts from folders, and a folder holds more than we want: matplotlib's also
    has Last Resort, whose boxes would stand in for any character no other font has, the very
    empty box the standards forbid. So the chosen files are linked into a folder of their own.
    """
    import typst

    folder = Path(tempfile.mkdtemp(prefix="hsn-typsnitt-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for path in font_files():
        try:
            (folder / path.name).symlink_to(path)
        except OSError:  # a file system without symbolic links
            shutil.copyfile(path, folder / path.name)
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(folder)]
    )


def info_data(info: DocumentInfo) -> dict[str, Any]:
    """The document's metadata as the template's `meta` takes it."""
    keywords = list(info.keywords)
    if info.version:
        keywords.append(f"version {info.version}")
    if info.document_date:
        keywords.append(f"dokumentdatum {info.document_date.isoformat()}")
    return {
        "title": info.title,
        "author": info.author,
        "subject": info.subject,
        "keywords": keywords,
        "fonts": FONT_FAMILIES,
    }


def render_pdf(document: dict[str, Any], folder: Path, info: DocumentInfo) -> bytes:
    """The PDF/A-2a and PDF/UA-1 of `document` (`print_document.project`'s data), whose chart
    files are in `folder` (the template is compiled there). Raises MissingGlyph naming a text
    no font can draw, `typst.TypstError` for any other breach of the standards."""
    import typst

    meta = {**document["meta"], **info_data(info)}
    data = json.dumps({**document, "meta": meta}, ensure_ascii=False, allow_nan=False)
    # Soft hyphens are the HTML's hints for its narrow columns; Typst hyphenates Swedish itself,
    # and a soft hyphen in the text makes its font's one hyphen glyph read back as a soft
    # hyphen everywhere, so "avdelnings- och" would copy as "avdelnings\xad och".
    data = data.replace(SOFT_HYPHEN, "")
    main = folder / TEMPLATE.name
    main.write_bytes(TEMPLATE.read_bytes())
    timestamp = info.created.replace(microsecond=0).astimezone() if info.created else None
    try:
        pdf, warnings = typst.compile_with_warnings(
            str(main),
            root=str(folder),
            font_paths=fonts(),
            ignore_system_fonts=True,
            sys_inputs={"data": data},
            pdf_standards=list(PDF_STANDARDS),
            timestamp=timestamp,
        )
    except typst.TypstError as exc:
        found = _MISSING_GLYPH.search(str(exc))
        if found:
            char = found["text"]
            text = next((t for t in _texts(document) if char in t), char)
            raise MissingGlyph(char, text) from exc
        raise
    for warning in warnings:
        logger.warning("PDF: %s", warning.message)
    return bytes(pdf)
