"""The mail that carries a published report: a short summary in the body, the report attached.

Mail clients are not browsers: Gmail and Outlook show no `data:` images and drop or clip big
`<style>` blocks and big messages. So the body is a small HTML page with inline styles only and
the chart as a `cid:` image, with a plain-text alternative; the full report rides along as a
`.html` attachment, byte for byte the published file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

import pandas as pd

from hsn_analysis.mail.config import MailConfig
from hsn_analysis.report import palette
from hsn_analysis.report.charts import status_per_goal, status_per_goal_alt
from hsn_analysis.report.markup import esc, figure_png
from hsn_analysis.runs.published import PublishedReport
from hsn_analysis.words import labels
from hsn_analysis.words.json_keys import COUNT_KEY, STATUS_OF_KEY
from hsn_analysis.words.report_text import run_time_text

# The body is a 640 px column, the width most mail clients are designed around.
BODY_WIDTH = 640
_PAD = 28
IMAGE_WIDTH = BODY_WIDTH - 2 * _PAD
_FONT = "'Segoe UI',Calibri,Arial,Helvetica,sans-serif"
_PAGE = "#F4F6F8"
# (rollup column, status) in the order the text alternative lists them: worst first.
_COUNTS = tuple((COUNT_KEY[s], s) for s in ("rod", "gul", "gron", "ej_bedomd"))  # worst first


def subject(config: MailConfig, report: PublishedReport) -> str:
    """The subject line from the template, on one line whatever the board's name holds."""
    period = report.period
    text = config.subject_template.format_map(
        {
            "period": period.label,
            "kod": period.code,
            "namnd": str(report.record.get("namnd", "")),
            "ar": str(period.year),
        }
    )
    return " ".join(text.split())


def attachment_name(report: PublishedReport) -> str:
    """`uppfoljning-2025-T2.html`: the report's own file name."""
    return report.html.name


def attachment_sentence(config: MailConfig, report: PublishedReport) -> str:
    """Where the whole report is: the attached HTML, PDF/A or both, as the config chooses."""
    if config.attachments == ("pdf",):
        return labels.MAIL_ATTACHMENT_PDF.format(file=report.pdf.name)
    if "pdf" in config.attachments:
        return labels.MAIL_ATTACHMENT_BOTH.format(html=report.html.name, pdf=report.pdf.name)
    return labels.MAIL_ATTACHMENT.format(file=attachment_name(report))


def build_message(config: MailConfig, report: PublishedReport) -> EmailMessage:
    """The mail of `report` to every recipient of `config`.

    multipart/mixed → [multipart/alternative → (text/plain, multipart/related → (text/html,
    image/png)), the report as a text/html and/or an application/pdf attachment (`bilaga`)].
    """
    record = report.record
    # The record counts under the JSON's keys; the chart reads the roll-up's status codes.
    goals = pd.DataFrame(record.get("mal") or []).rename(columns=STATUS_OF_KEY)
    fig = status_per_goal(goals)
    png, (width, height) = figure_png(fig)
    shown = min(width, IMAGE_WIDTH)  # scaled down to the column, never up
    cid = make_msgid(domain=config.sender.domain)
    image = _Image(cid[1:-1], status_per_goal_alt(goals), shown, round(height * shown / width))

    msg = EmailMessage()
    msg["Subject"] = subject(config, report)
    msg["From"] = config.sender
    msg["To"] = config.recipients
    if config.reply_to is not None:
        msg["Reply-To"] = config.reply_to
    msg["Date"] = format_datetime(datetime.now().astimezone())
    msg["Message-ID"] = make_msgid(domain=config.sender.domain)
    # RFC 3834: a machine sent this, so out-of-office replies are not sent back to it.
    msg["Auto-Submitted"] = "auto-generated"

    pdf = report.read_pdf() if "pdf" in config.attachments else None  # checked before writing
    attached = attachment_sentence(config, report)
    msg.set_content(text_body(report, attached))
    msg.add_alternative(html_body(report, image, attached), subtype="html")
    html_part = msg.get_body(("html",))
    assert html_part is not None  # added just above
    html_part.add_related(
        png, maintype="image", subtype="png", cid=cid, disposition="inline", filename="status.png"
    )
    if "html" in config.attachments:
        msg.add_attachment(
            report.read_html(),
            maintype="text",
            subtype="html",
            filename=attachment_name(report),
            params={"charset": "utf-8"},
        )
    if pdf is not None:
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=report.pdf.name)
    # Set last: making the message multipart moves every Content-* header into the first part.
    msg["Content-Language"] = "sv"
    return msg


@dataclass(frozen=True)
class _Image:
    """The chart as the HTML body refers to it: Content-ID without <>, alt text, shown size."""

    cid: str
    alt: str
    width: int
    height: int


def _run_time(record: dict[str, Any]) -> str | None:
    try:
        started = datetime.fromisoformat(str(record["startad"]))
    except (KeyError, ValueError):
        return None
    return run_time_text(started)


def _red_subgoals(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for d in record.get("delmal_lista") or [] if d.get("status") == "rod"]


def _intro(report: PublishedReport) -> str:
    period = report.period
    return labels.MAIL_INTRO.format(period=period.label, description=period.description)


def _goal_counts(goal: dict[str, Any]) -> str:
    counts = [
        f"{labels.STATUS_SYMBOL[status]} {goal.get(column, 0)} "
        f"{labels.SUBGOAL_STATUS_LABEL[status].lower()}"
        for column, status in _COUNTS
        if goal.get(column, 0)
    ]
    return ", ".join(counts) if counts else labels.ALT_NO_SUBGOALS


def text_body(report: PublishedReport, attached: str | None = None) -> str:
    """The plain-text alternative: the same message as the HTML, the chart as a list."""
    record = report.record
    lines = [str(record.get("titel", "")), ""]
    if record.get("exempeldata"):
        lines += [labels.EXAMPLE_DATA_BANNER, ""]
    lines += [_intro(report), "", str(record.get("sammanfattning", "")), ""]
    red = _red_subgoals(record)
    if red:
        lines.append(labels.MAIL_RED_HEADING + ":")
        symbol = labels.STATUS_SYMBOL["rod"]
        for d in red:
            goal = labels.MAIL_RED_GOAL.format(goal=d.get("mal_id", ""))
            lines.append(f"  {symbol} {d.get('delmal_id', '')} {d.get('namn', '')} ({goal})")
    else:
        lines.append(labels.MAIL_RED_NONE)
    lines += ["", labels.MAIL_CHART_HEADING + ":"]
    for goal in record.get("mal") or []:
        name = f"{goal.get('mal_id', '')} {goal.get('namn', '')}".strip()
        lines.append("  " + labels.MAIL_TEXT_GOAL.format(goal=name, counts=_goal_counts(goal)))
    lines += ["", attached or labels.MAIL_ATTACHMENT.format(file=attachment_name(report))]
    when = _run_time(record)
    if when:
        lines += ["", labels.MAIL_CREATED.format(when=when)]
    return "\n".join(lines) + "\n"


def _p(text: str, style: str = "") -> str:
    return f'<p style="margin:0 0 14px;{style}">{text}</p>'


def _h2(text: str) -> str:
    return (
        f'<h2 style="margin:22px 0 8px;font-size:16px;line-height:1.3;color:{palette.BRAND};">'
        f"{text}</h2>"
    )


def _red_section(record: dict[str, Any]) -> str:
    red = _red_subgoals(record)
    swatch = palette.STATUS_SWATCH["rod"]
    symbol = labels.STATUS_SYMBOL["rod"]
    # The symbol and the heading's words tell the status; the colour only repeats it.
    mark = (
        f'<span aria-hidden="true" style="display:inline-block;min-width:1.4em;'
        f"text-align:center;background:{swatch.fill};color:{swatch.text};border-radius:3px;"
        f'margin-right:6px;">{symbol}</span>'
    )
    if not red:
        return _h2(esc(labels.MAIL_RED_HEADING)) + _p(esc(labels.MAIL_RED_NONE))
    items = "".join(
        f'<li style="margin:0 0 6px;">{mark}<strong>{esc(d.get("delmal_id", ""))}</strong> '
        f"{esc(d.get('namn', ''))} "
        f'<span style="color:{palette.MUTED};white-space:nowrap;">'
        f"({esc(labels.MAIL_RED_GOAL.format(goal=d.get('mal_id', '')))})</span></li>"
        for d in red
    )
    heading = f"{mark}{esc(labels.MAIL_RED_HEADING)}"
    return _h2(heading) + f'<ul style="margin:0 0 14px;padding:0;list-style:none;">{items}</ul>'


def html_body(report: PublishedReport, image: _Image, attached: str | None = None) -> str:
    """The HTML body: inline styles only, no script, nothing fetched; the chart by `cid:`."""
    record = report.record
    parts = [
        f'<h1 style="margin:0 0 16px;font-size:21px;line-height:1.3;color:{palette.BRAND};">'
        f"{esc(record.get('titel', ''))}</h1>"
    ]
    if record.get("exempeldata"):
        gul = palette.STATUS_SWATCH["gul"]
        parts.append(
            _p(
                f"<strong>{esc(labels.EXAMPLE_DATA_BANNER)}</strong>",
                f"padding:10px 14px;background:{gul.fill};color:{gul.text};"
                f"border:1px solid {palette.INK};",
            )
        )
    parts.append(_p(esc(_intro(report))))
    parts.append(_p(f"<strong>{esc(record.get('sammanfattning', ''))}</strong>"))
    parts.append(_red_section(record))
    parts.append(_h2(esc(labels.MAIL_CHART_HEADING)))
    parts.append(
        f'<img src="cid:{esc(image.cid)}" alt="{esc(image.alt)}" width="{image.width}" '
        f'height="{image.height}" style="display:block;max-width:100%;height:auto;border:0;'
        f'margin:0 0 18px;">'
    )
    attachment = attached or labels.MAIL_ATTACHMENT.format(file=attachment_name(report))
    parts.append(
        _p(
            esc(attachment),
            f"padding:12px 14px;background:{_PAGE};border-left:4px solid {palette.BRAND};",
        )
    )
    when = _run_time(record)
    if when:
        parts.append(
            _p(esc(labels.MAIL_CREATED.format(when=when)), f"font-size:13px;color:{palette.MUTED};")
        )
    content = "".join(parts)
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(record.get('titel', ''))}</title></head>"
        f'<body style="margin:0;padding:0;background:{_PAGE};">'
        # Tables, not divs: Outlook for Windows lays out mail with Word and ignores max-width.
        f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        f'style="background:{_PAGE};"><tr><td align="center" style="padding:24px 12px;">'
        f'<table role="presentation" width="{BODY_WIDTH}" cellpadding="0" cellspacing="0" '
        f'border="0" style="width:100%;max-width:{BODY_WIDTH}px;background:#FFFFFF;'
        f'border:1px solid {palette.GRID};"><tr><td style="padding:24px {_PAD}px;'
        f"font-family:{_FONT};font-size:15px;line-height:1.5;color:{palette.INK};"
        f'text-align:left;">{content}</td></tr></table>'
        "</td></tr></table></body></html>"
    )
