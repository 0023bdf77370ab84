"""The mail of a published report: its parts, the short HTML summary and the attachment."""

from __future__ import annotations

import email
import email.policy
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from mailserver import GOALS, make_report, write_config

from hsn_analysis.mail.config import load_mail_config
from hsn_analysis.mail.message import build_message
from hsn_analysis.report.charts import status_per_goal_alt
from hsn_analysis.runs.published import NotPublished
from hsn_analysis.words import labels
from hsn_analysis.words.json_keys import STATUS_OF_KEY

MAX_BODY_BYTES = 100_000  # Gmail clips a message body over ≈ 102 KB


@pytest.fixture
def config(tmp_path):
    extra = 'svara_till = "Nämndens kansli <kansli@region.example>"'
    return load_mail_config(write_config(tmp_path, 25, extra=extra), {})


@pytest.fixture
def report(tmp_path):
    return make_report(tmp_path)


@pytest.fixture
def message(config, report):
    """The message as a recipient's mail client reads it back."""
    sent = build_message(config, report)
    return email.message_from_bytes(sent.as_bytes(), policy=email.policy.default)


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def structure(part) -> object:
    if part.is_multipart():
        return (part.get_content_type(), [structure(p) for p in part.iter_parts()])
    return part.get_content_type()


def test_the_message_has_a_summary_with_its_chart_and_the_report_attached(message):
    assert structure(message) == (
        "multipart/mixed",
        [
            (
                "multipart/alternative",
                ["text/plain", ("multipart/related", ["text/html", "image/png"])],
            ),
            "text/html",
            "application/pdf",
        ],
    )


def test_the_html_body_shows_the_chart_by_its_content_id(message):
    (src,) = re.findall(r'<img src="([^"]+)"', html_of(message))
    image = next(p for p in message.walk() if p.get_content_type() == "image/png")
    assert src == f"cid:{image['Content-ID'].strip('<>')}"
    assert image.get_content_disposition() == "inline"
    assert image.get_content().startswith(b"\x89PNG")


def test_the_chart_has_the_alt_text_and_size_of_the_report_chart(message, report):
    html = html_of(message)
    goals = pd.DataFrame(report.record["mal"]).rename(columns=STATUS_OF_KEY)  # keys → codes
    alt = status_per_goal_alt(goals)
    assert f'alt="{alt}"' in html
    assert re.search(r'<img [^>]*width="\d+" height="\d+" style="[^"]*max-width:100%', html)


def test_the_report_is_attached_byte_for_byte_under_its_own_name(message, report):
    attachment, pdf = message.iter_attachments()
    assert attachment.get_filename() == "uppfoljning-2025-T2.html"
    assert attachment.get_content_type() == "text/html"
    assert attachment.get_payload(decode=True) == report.html.read_bytes()
    assert pdf.get_filename() == "uppfoljning-2025-T2.pdf"
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_payload(decode=True) == report.pdf.read_bytes()


def test_the_headers_name_sender_every_recipient_and_the_subject(message):
    assert message["From"] == "HSN uppföljning <hsn-uppfoljning@region.example>"
    assert [a.addr_spec for a in message["To"].addresses] == [
        "anna.andersson@region.example",
        "sekreterare@region.example",
    ]
    assert message["Subject"] == "Uppföljning Tertial 2 2025 – Hälso- och sjukvårdsnämnden"
    assert message["Reply-To"] == "Nämndens kansli <kansli@region.example>"
    assert message["Message-ID"].endswith("@region.example>")
    assert message["Date"].datetime is not None
    assert message["Auto-Submitted"] == "auto-generated"


def test_the_subject_template_may_use_every_field(tmp_path, report):
    extra = 'amne = "{kod} {ar}: {namnd}, {period}"'
    config = load_mail_config(write_config(tmp_path, 25, extra=extra), {})
    subject = build_message(config, report)["Subject"]
    assert subject == "2025-T2 2025: Hälso- och sjukvårdsnämnden, Tertial 2 2025"


def test_a_line_break_in_the_board_name_does_not_break_the_subject(config, tmp_path):
    report = make_report(tmp_path, namnd="Hälso- och\nsjukvårdsnämnden")
    assert build_message(config, report)["Subject"].endswith("– Hälso- och sjukvårdsnämnden")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_html_body_uses_inline_styles_only_and_fetches_nothing(message):
    html = html_of(message)
    parser = _Tags()
    parser.feed(html)
    names = {tag for tag, _ in parser.tags}
    assert "style" not in names and "script" not in names and "link" not in names
    assert ("html", {"lang": "sv"}) in parser.tags
    assert "data:" not in html
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html)
    assert all(
        attrs.get("src", "").startswith("cid:") for tag, attrs in parser.tags if tag == "img"
    )
    assert not any(k.startswith("on") for _, attrs in parser.tags for k in attrs)


def test_the_body_says_title_count_sentence_and_that_the_report_is_attached(message, report):
    record = report.record
    for body in (html_of(message), text_of(message)):
        assert record["sammanfattning"] in body
        assert "uppföljning av nämndplan 2025, Tertial 2 2025" in body
        assert "bifogade filerna uppfoljning-2025-T2.html" in body  # and the PDF: both
        assert "öppnas i valfri webbläsare, även utan nätverk" in body
        assert "PDF/A för diariet och för utskrift" in body
        assert labels.EXAMPLE_DATA_BANNER in body
        assert "2025-09-05 kl. 06:00" in body


def test_the_subgoals_that_will_not_be_reached_are_listed_with_their_goal(message, report):
    red = [d for d in report.record["delmal_lista"] if d["status"] == "rod"]
    assert [d["delmal_id"] for d in red] == ["D2.3", "D2.4", "D4.2"]
    html, text = html_of(message), text_of(message)
    for d in red:
        assert f"<strong>{d['delmal_id']}</strong> {d['namn']}" in html
        assert f"(mål {d['mal_id']})" in html
        assert f"■ {d['delmal_id']} {d['namn']} (mål {d['mal_id']})" in text
    # Told by symbol and words as well as by colour.
    assert "■" in html and "Delmål som inte kommer att uppnås" in html


def test_without_red_subgoals_the_body_says_there_are_none(config, tmp_path):
    goals = [("M1", "Trygga uppväxtvillkor", {"uppnas": 2, "delvis": 1})]
    message = build_message(config, make_report(tmp_path, goals=goals))
    for part in (message.get_body(("html",)), message.get_body(("plain",))):
        assert labels.MAIL_RED_NONE in part.get_content()
        assert "■" not in part.get_content().split(labels.MAIL_CHART_HEADING)[0]


def test_real_data_does_not_get_the_example_banner(config, tmp_path):
    message = build_message(config, make_report(tmp_path, exempeldata=False))
    assert "EXEMPELDATA" not in message.get_body(("html",)).get_content()
    assert "EXEMPELDATA" not in message.get_body(("plain",)).get_content()


def test_text_from_the_record_is_escaped_in_the_html(config, tmp_path):
    goals = [("M1", "<b>Mål</b>", {"uppnas_ej": 1})]
    report = make_report(
        tmp_path,
        goals=goals,
        titel="<script>alert(1)</script> & co",
        sammanfattning='Ett "citat" <i>kursivt</i>',
    )
    report.record["delmal_lista"][0]["namn"] = "<img src=x onerror=alert(1)>"
    message = build_message(config, report)
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "<img src=x" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Ett &quot;citat&quot; &lt;i&gt;kursivt&lt;/i&gt;" in html
    assert "<img src=x onerror=alert(1)>" in message.get_body(("plain",)).get_content()


def test_the_plain_text_lists_each_goal_with_its_counts(message):
    text = text_of(message)
    assert "M2 En god och nära vård: ■ 2 kommer inte att uppnås, ▲ 2 kommer delvis att uppnås" in (
        text
    )
    assert "M6 En hållbar miljö- och klimatregion: ○ 1 ej bedömd" in text


@pytest.mark.parametrize("n_goals", [7, 20])
def test_the_message_without_the_attachment_stays_under_100_kb(config, tmp_path, n_goals):
    goals = [
        (f"M{i + 1}", f"{GOALS[i % 7][1]} och mer text", GOALS[i % 7][2]) for i in range(n_goals)
    ]
    message = build_message(config, make_report(tmp_path, goals=goals))
    size = len(message.as_bytes()) - sum(len(a.as_bytes()) for a in message.iter_attachments())
    assert size < MAX_BODY_BYTES, size


def test_a_board_without_goals_still_gets_a_message(config, tmp_path):
    message = build_message(config, make_report(tmp_path, goals=[]))
    assert labels.CHART_NO_GOALS in html_of(message)


# --- bilaga: which files ride along (issue 15) ------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "types", "sentence"),
    [
        ('"html"', ["text/html"], "den bifogade filen uppfoljning-2025-T2.html"),
        ('"pdf"', ["application/pdf"], "den bifogade filen uppfoljning-2025-T2.pdf, en PDF/A"),
        ('"båda"', ["text/html", "application/pdf"], "filerna uppfoljning-2025-T2.html"),
        ('"Bada"', ["text/html", "application/pdf"], "och uppfoljning-2025-T2.pdf"),
    ],
)
def test_the_config_chooses_the_attachments_and_the_body_names_them(
    tmp_path, report, choice, types, sentence
):
    config = load_mail_config(write_config(tmp_path, 25, extra=f"bilaga = {choice}"), {})
    sent = email.message_from_bytes(
        build_message(config, report).as_bytes(), policy=email.policy.default
    )
    assert [a.get_content_type() for a in sent.iter_attachments()] == types
    assert sentence in text_of(sent) and sentence in html_of(sent)


def test_a_pdf_that_is_not_the_one_the_run_wrote_is_never_mailed(config, report):
    report.pdf.write_bytes(b"%PDF-1.7 annan fil")
    with pytest.raises(NotPublished, match="SHA-256"):
        build_message(config, report)


def test_a_report_without_pdf_tells_how_to_send_the_html_alone(config, report):
    report.pdf.unlink()
    with pytest.raises(NotPublished, match='bilaga = "html"'):
        build_message(config, report)
