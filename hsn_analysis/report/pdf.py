"""The report page → a PDF/A-2b for the diarium, rendered by WeasyPrint from the same HTML.

PDF/A-2b, not -3: nothing is attached to the document, and part 2 is what archives accept most
widely. WeasyPrint's variant adds the sRGB output intent, embeds every font (subsetted) and
writes the PDF/A identification into the XMP metadata; this module adds the document's
language and identifier to that XMP, tags the structure, and sets the font explicitly (DejaVu,
from Debian's `fonts-dejavu-core`, which the Makefile installs), so that the archived file
never depends on which fonts a machine happens to have.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from hsn_analysis.paths import TEMPLATES

PDF_VARIANT = "pdf/a-2b"
PDF_STYLESHEET = TEMPLATES / "hsn_rapport" / "pdf.css"
# rapport.css lets table cells break anywhere, so that a long word never pushes a table past
# its room. WeasyPrint prices that in: a cell's narrowest width is measured by laying its text
# out again after every character, which was over a third of the render (3,3 s of 9 on the
# example). Sized by whole words instead (break-word: still broken if it cannot fit), the
# columns come out as before or better (no "Primärvår-d"), and the render is ≈ 2,3 s faster.
# Where a word is wider than its table's room, the page is rendered again without this rule.
WHOLE_WORD_COLUMNS = "td { overflow-wrap: break-word !important; }"
# The variant is given to both steps: rendering takes its output intent (sRGB) from it.
_OPTIONS: dict[str, Any] = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}
# Layout rounding: a table is wider than its room only by more than this (CSS px).
_WIDTH_SLACK = 0.5
# WeasyPrint warns about CSS it ignores (e.g. screen-only properties); the report's run log
# should not fill with those.
_QUIET_LOGGERS = ("weasyprint", "fontTools")


@dataclass(frozen=True)
class DocumentInfo:
    """What the PDF says about itself (document information and XMP)."""

    title: str
    author: str
    subject: str
    language: str = "sv"
    created: datetime | None = None
    keywords: tuple[str, ...] = ()
    identifier: str = ""  # the diarienummer: dc:identifier
    version: str = ""  # xmpMM:VersionID
    document_date: date | None = None  # dokumentdatum: dc:date


def import_weasyprint() -> None:
    """Import WeasyPrint (≈ 0,7 s) now, e.g. in a thread while the report's kernel boots."""
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    import weasyprint  # noqa: F401  (deferred: only report runs need it)


def render_pdf(page: str, info: DocumentInfo) -> bytes:
    """The PDF/A of one self-contained report page (`export.export_html`'s output)."""
    document = laid_out(page)
    document.metadata = _metadata(document.metadata, info)
    pdf = document.write_pdf(**_OPTIONS)
    assert pdf is not None  # write_pdf without a target returns the bytes
    return bytes(pdf)


def laid_out(page: str) -> Any:
    """The page laid out in A4 pages by WeasyPrint (a `weasyprint.Document`), columns sized by
    whole words unless a word is too long for its table's room."""
    import_weasyprint()
    from weasyprint import CSS, HTML

    html = HTML(string=page, base_url=str(TEMPLATES))
    base = CSS(filename=str(PDF_STYLESHEET))
    document = html.render(stylesheets=[base, CSS(string=WHOLE_WORD_COLUMNS)], **_OPTIONS)
    if not tables_fit(document):
        document = html.render(stylesheets=[base], **_OPTIONS)
    return document


def tables_fit(document: Any) -> bool:
    """Whether every table of a laid-out `weasyprint.Document` kept to the width it was given."""
    try:
        for page in document.pages:
            box = getattr(page, "_page_box", None)
            if box is None or _too_wide_tables(box, box.width):
                return False
    except (AttributeError, KeyError, TypeError):
        # The boxes are WeasyPrint's internals: a version that shapes them otherwise cannot be
        # checked, so the page is rendered with the report's own rules, as before this check.
        return False
    return True


def _too_wide_tables(box: Any, room: float) -> list[Any]:
    """The tables under a laid-out box that came out wider than the width they were given (or,
    with width auto, than their containing block): what a word too long for its column does.

    `room` is the content width of the containing block that `box` sits in.
    """
    from weasyprint.formatting_structure.boxes import BlockContainerBox, LineBox, ParentBox

    found = []
    if getattr(box, "is_table_wrapper", False):
        table = box.get_wrapped_table()
        wanted = table.style["width"]
        if wanted == "auto":
            edges = box.margin_width() - box.width  # the wrapper's own margins
            edges += table.border_width() - table.width  # the table's borders and paddings
            limit = room - edges
        elif wanted.unit == "%":
            limit = wanted.value / 100 * room
        else:  # computed lengths are in px
            limit = wanted.value
        if wanted != "auto" and table.style["box_sizing"] == "border-box":
            limit -= table.border_width() - table.width
        if table.width > limit + _WIDTH_SLACK:
            found.append(table)
    if isinstance(box, BlockContainerBox) and not isinstance(box, LineBox):
        room = box.width
    if isinstance(box, ParentBox):
        for child in box.children:
            found += _too_wide_tables(child, room)
    return found


def _metadata(rendered: Any, info: DocumentInfo) -> Any:
    """WeasyPrint's metadata of the rendered page (its anchors, attachments), with our fields."""
    from weasyprint.pdf.metadata import NS, DocumentMetadata

    class ReportMetadata(DocumentMetadata):  # type: ignore[misc]
        """Adds dc:language, dc:identifier, dc:date and xmpMM:VersionID: all predefined XMP
        properties, so PDF/A needs no extension schema for them."""

        def generate_rdf_metadata(self, variant: Any, version: Any, conformance: Any) -> bytes:
            from xml.etree.ElementTree import SubElement, fromstring, tostring

            rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
            bags = [("language", info.language)]
            if info.identifier:
                bags.append(("identifier", info.identifier))
            for name, value in bags:
                element = SubElement(rdf, f"{{{NS['rdf']}}}Description")
                element.attrib[f"{{{NS['rdf']}}}about"] = ""
                if name == "language":
                    element = SubElement(element, f"{{{NS['dc']}}}{name}")
                    element = SubElement(element, f"{{{NS['rdf']}}}Bag")
                    SubElement(element, f"{{{NS['rdf']}}}li").text = value
                else:
                    SubElement(element, f"{{{NS['dc']}}}{name}").text = value
            if info.document_date:
                element = SubElement(rdf, f"{{{NS['rdf']}}}Description")
                element.attrib[f"{{{NS['rdf']}}}about"] = ""
                element = SubElement(element, f"{{{NS['dc']}}}date")
                element = SubElement(element, f"{{{NS['rdf']}}}Seq")
                SubElement(element, f"{{{NS['rdf']}}}li").text = info.document_date.isoformat()
            if info.version:
                element = SubElement(rdf, f"{{{NS['rdf']}}}Description")
                element.attrib[f"{{{NS['rdf']}}}about"] = ""
                SubElement(element, f"{{{NS['xmpMM']}}}VersionID").text = info.version
            return bytes(tostring(rdf, encoding="utf-8"))

    created = info.created.isoformat(timespec="seconds") if info.created else None
    return ReportMetadata(
        title=info.title,
        authors=[info.author],
        description=info.subject,
        keywords=list(info.keywords),
        generator="hsn-analysis",
        created=created,
        modified=created,
        lang=info.language,
        attachments=rendered.attachments,
    )
