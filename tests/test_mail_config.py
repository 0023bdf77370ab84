"""The recipient file (mottagare.toml): what it accepts, and a clear message for every mistake."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mailserver import PASSWORD

from hsn_analysis.mail.config import MailConfigError, load_mail_config

pytest_plugins = ("mailserver",)  # its fixtures: mail_ca

GOOD = """\
avsandare = "HSN uppföljning <hsn-uppfoljning@region.example>"
mottagare = ["Anna Andersson <anna.andersson@region.example>", "sekreterare@region.example"]

[smtp]
server = "smtp.region.example"
sakerhet = "starttls"
"""
ENV = {"HSN_SMTP_LOSENORD": PASSWORD}


def write(folder: Path, text: str, name: str = "mottagare.toml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path, environ: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(MailConfigError) as caught:
        load_mail_config(path, ENV if environ is None else environ)
    return caught.value.problems


def test_a_minimal_file_gets_the_documented_defaults(tmp_path):
    config = load_mail_config(write(tmp_path, GOOD), {})
    assert config.sender.addr_spec == "hsn-uppfoljning@region.example"
    assert config.sender.display_name == "HSN uppföljning"
    assert [r.addr_spec for r in config.recipients] == [
        "anna.andersson@region.example",
        "sekreterare@region.example",
    ]
    assert config.recipients[0].display_name == "Anna Andersson"
    assert config.subject_template == "Uppföljning {period} – {namnd}"
    assert config.reply_to is None
    assert (config.server, config.port, config.security) == ("smtp.region.example", 587, "starttls")
    assert config.server_address == "smtp.region.example:587"
    assert config.username is None and config.password is None
    assert config.password_variable == "HSN_SMTP_LOSENORD"
    assert config.timeout_s == 30
    assert config.ca_file is None


@pytest.mark.parametrize(("security", "port"), [("starttls", 587), ("ssl", 465), ("ingen", 25)])
def test_the_default_port_follows_the_security_mode(tmp_path, security, port):
    text = GOOD.replace('"starttls"', f'"{security}"')
    assert load_mail_config(write(tmp_path, text), {}).port == port


def test_every_optional_key_is_read(tmp_path, mail_ca):
    text = GOOD.replace(
        "[smtp]",
        'amne = "{kod}: {namnd} {ar}"\n'
        'svara_till = "Nämndsekreterare <namnd@region.example>"\n[smtp]',
    )
    text += f"""\
port = 2525
anvandare = "hsn-rapport"
losenord_variabel = "MITT_LOSEN"
tidsgrans_s = 2.5
ca_fil = "{mail_ca.ca_file}"
"""
    config = load_mail_config(write(tmp_path, text), {"MITT_LOSEN": PASSWORD})
    assert config.subject_template == "{kod}: {namnd} {ar}"
    assert config.reply_to is not None
    assert config.reply_to.addr_spec == "namnd@region.example"
    assert (config.port, config.username, config.password) == (2525, "hsn-rapport", PASSWORD)
    assert config.password_variable == "MITT_LOSEN"
    assert config.timeout_s == 2.5
    assert config.ca_file == mail_ca.ca_file


def test_a_relative_ca_file_is_found_beside_the_recipient_file(tmp_path, mail_ca):
    (tmp_path / "ca.pem").write_bytes(mail_ca.ca_file.read_bytes())
    config = load_mail_config(write(tmp_path, GOOD + 'ca_fil = "ca.pem"\n'), {})
    assert config.ca_file == tmp_path / "ca.pem"


def test_a_single_recipient_may_be_written_without_a_list(tmp_path):
    text = GOOD.replace("mottagare = [", 'mottagare = "anna@region.example"\n# [')
    config = load_mail_config(write(tmp_path, text), {})
    assert [r.addr_spec for r in config.recipients] == ["anna@region.example"]


def test_a_domain_with_swedish_letters_is_written_in_its_ascii_form(tmp_path):
    text = GOOD.replace("sekreterare@region.example", "Åsa Öberg <asa@västerbotten.example>")
    config = load_mail_config(write(tmp_path, text), {})
    assert config.recipients[1].addr_spec == "asa@xn--vsterbotten-l8a.example"
    assert config.recipients[1].display_name == "Åsa Öberg"


def test_a_byte_order_mark_from_notepad_is_accepted(tmp_path):
    path = tmp_path / "mottagare.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert load_mail_config(path, {}).server == "smtp.region.example"


def test_the_password_is_kept_out_of_repr(tmp_path):
    text = GOOD + 'anvandare = "hsn-rapport"\n'
    config = load_mail_config(write(tmp_path, text), ENV)
    assert config.password == PASSWORD
    assert PASSWORD not in repr(config)
    assert PASSWORD not in str(config)


# (what is changed in the good file, a fragment of the expected message)
MISTAKES = [
    pytest.param(
        ("[smtp]", 'bilaga = "word"\n[smtp]'),
        'nyckeln bilaga har värdet \'word\': giltiga värden: "html", "pdf" eller "båda"',
        id="attachment-unknown",
    ),
    pytest.param(
        ("[smtp]", "bilaga = 1\n[smtp]"), "nyckeln bilaga har värdet 1", id="attachment-number"
    ),
    pytest.param(
        ("[smtp]", '[smtp]\nport = "abc"'),
        "mottagare.toml: nyckeln smtp.port har värdet 'abc': ange ett heltal 1–65535.",
        id="port-not-a-number",
    ),
    pytest.param(("[smtp]", "[smtp]\nport = 0"), "smtp.port har värdet 0", id="port-zero"),
    pytest.param(("[smtp]", "[smtp]\nport = 65536"), "smtp.port har värdet 65536", id="port-big"),
    pytest.param(("[smtp]", "[smtp]\nport = true"), "smtp.port har värdet true", id="port-bool"),
    pytest.param(
        ("[smtp]", "[smtp]\ntidsgrans_s = 0"),
        "nyckeln smtp.tidsgrans_s har värdet 0: ange ett positivt antal sekunder",
        id="timeout-zero",
    ),
    pytest.param(
        ("[smtp]", '[smtp]\ntidsgrans_s = "30"'),
        "smtp.tidsgrans_s har värdet '30'",
        id="timeout-text",
    ),
    pytest.param(
        ('"starttls"', '"tls"'),
        "nyckeln smtp.sakerhet har värdet 'tls': ange sakerhet = \"starttls\"",
        id="security-unknown",
    ),
    pytest.param(('sakerhet = "starttls"', ""), "nyckeln smtp.sakerhet saknas", id="no-security"),
    pytest.param(
        ('server = "smtp.region.example"', ""), "nyckeln smtp.server saknas", id="no-server"
    ),
    pytest.param(
        ('"smtp.region.example"', '"smtp.region.example:587"'),
        "porten anges för sig, t.ex. port = 587",
        id="server-with-port",
    ),
    pytest.param(
        ('"smtp.region.example"', '"smtps://smtp.region.example"'),
        'utan "smtps://"',
        id="server-with-scheme",
    ),
    pytest.param(("[smtp]", "[smtp]"), "", id="the-good-file-as-a-control"),
    pytest.param(
        ('avsandare = "HSN uppföljning <hsn-uppfoljning@region.example>"', ""),
        "nyckeln avsandare saknas",
        id="no-sender",
    ),
    pytest.param(
        ("<hsn-uppfoljning@region.example>", "hsn-uppfoljning"),
        "nyckeln avsandare har värdet 'HSN uppföljning hsn-uppfoljning': det är ingen e-postadress",
        id="sender-not-an-address",
    ),
    pytest.param(
        ("hsn-uppfoljning@region.example", "hsn-uppfoljning@region"),
        "adressen saknar en domän med punkt efter @",
        id="sender-domain-without-dot",
    ),
    pytest.param(
        ("anna.andersson@", "åsa.öberg@"),
        "nyckeln mottagare (post 1) har värdet 'Anna Andersson <åsa.öberg@region.example>': "
        "delen före @ har tecken utanför a–z (åö)",
        id="recipient-non-ascii-local-part",
    ),
    pytest.param(
        ('"sekreterare@region.example"', '"@region.example"'),
        "nyckeln mottagare (post 2) har värdet '@region.example': adressen saknar namnet före @",
        id="recipient-without-local-part",
    ),
    pytest.param(
        ('"sekreterare@region.example"', '"a@region.example, b@region.example"'),
        "ange en adress per post",
        id="two-recipients-in-one-text",
    ),
    pytest.param(
        ('"sekreterare@region.example"', '"ANNA.Andersson@Region.example"'),
        "nyckeln mottagare har adressen ANNA.Andersson@region.example två gånger (post 1 och 2)",
        id="duplicate-recipient",
    ),
    pytest.param(
        ("mottagare = [", "mottagere = ["),
        "nyckeln mottagere är okänd och används inte. Menade du mottagare?",
        id="typo-in-a-key",
    ),
    pytest.param(
        ("mottagare = [", "mottagere = ["), "nyckeln mottagare saknas", id="no-recipients"
    ),
    pytest.param(
        ("mottagare = [", "mottagare = []\n# ["),
        "nyckeln mottagare har värdet []: listan är tom",
        id="empty-recipient-list",
    ),
    pytest.param(
        ("mottagare = [", "mottagare = 5\n# ["),
        "nyckeln mottagare har värdet 5: ange mottagarna som en lista",
        id="recipients-not-a-list",
    ),
    pytest.param(
        ("[smtp]", 'svara_till = "ingen adress"\n[smtp]'),
        "nyckeln svara_till har värdet 'ingen adress'",
        id="bad-reply-to",
    ),
    pytest.param(
        ("[smtp]", 'amne = "Uppföljning {tertial}"\n[smtp]'),
        "nyckeln amne har värdet 'Uppföljning {tertial}': okänt fält {tertial}",
        id="unknown-subject-field",
    ),
    pytest.param(
        ("[smtp]", 'amne = "Uppföljning {period"\n[smtp]'),
        "klamrarna stämmer inte (en { eller } saknar sin motsvarighet)",
        id="unbalanced-subject-brace",
    ),
    pytest.param(
        ("[smtp]", 'amne = "Uppföljning {ar:d}"\n[smtp]'),
        "skriv fälten utan formatkod",
        id="subject-format-spec",
    ),
    pytest.param(
        ("[smtp]", 'amne = ""\n[smtp]'),
        "nyckeln amne har värdet '': ämnesraden får inte vara tom",
        id="empty-subject",
    ),
    pytest.param(
        ("[smtp]", 'losenord = "hemligt"\n[smtp]'),
        "nyckeln losenord: lösenordet får inte stå i filen. Ta bort raden och lägg lösenordet "
        "i miljövariabeln HSN_SMTP_LOSENORD",
        id="password-in-the-file",
    ),
    pytest.param(
        ("[smtp]", '[smtp]\npassword = "hemligt"'),
        "nyckeln smtp.password: lösenordet får inte stå i filen",
        id="password-in-the-smtp-table",
    ),
    pytest.param(
        ("[smtp]", '[smtp]\nlosenord_variabel = "MITT LÖSEN"'),
        "nyckeln smtp.losenord_variabel ska vara namnet på en miljövariabel, men värdet ser inte "
        "ut som ett sådant namn (värdet visas inte",
        id="bad-variable-name",
    ),
    pytest.param(
        ("[smtp]", '[smtp]\nanvandare = "hsn-rapport"\nlosenord_variabel = "SAKNAS"'),
        "miljövariabeln SAKNAS med lösenordet saknas eller är tom",
        id="password-variable-not-set",
    ),
    pytest.param(
        ("[smtp]", '[smtp]\nanvandare = "hsn-rapport"\nlosenord_variabel = "TOM"'),
        "miljövariabeln TOM med lösenordet saknas eller är tom",
        id="password-variable-empty",
    ),
    pytest.param(
        ("[smtp]", '[smtp]\nanvandare = "hsn-rapport"\nlosenord_variabel = "ICKE_ASCII"'),
        "lösenordet i miljövariabeln ICKE_ASCII har tecken utanför ASCII",
        id="password-not-ascii",
    ),
    pytest.param(
        ("[smtp]", '[smtp]\nanvandare = "användare"'),
        "användarnamnet får bara ha tecken inom ASCII",
        id="user-not-ascii",
    ),
    pytest.param(
        ("[smtp]", '[smtp]\nca_fil = "saknas.pem"'),
        "nyckeln smtp.ca_fil har värdet 'saknas.pem': filen finns inte",
        id="ca-file-missing",
    ),
    pytest.param(
        ("[smtp]", '[smtp]\nca_fil = "mottagare.toml"'),
        "filen går inte att läsa som CA-certifikat i PEM-format",
        id="ca-file-not-a-certificate",
    ),
    pytest.param(
        ("[smtp]", "[smtp]\nservr = 1"),
        "nyckeln smtp.servr är okänd och används inte. Menade du server?",
        id="unknown-smtp-key",
    ),
    pytest.param(
        ("[smtp]", "port = 25\n[smtp]"),
        "nyckeln port är okänd och används inte. Den hör till tabellen [smtp]",
        id="smtp-key-above-the-table",
    ),
    pytest.param(
        ("[smtp]", '[smtp]\namne = "x"'),
        "nyckeln smtp.amne är okänd och används inte. Den hör inte till [smtp]",
        id="top-key-below-the-table",
    ),
    pytest.param(
        ('[smtp]\nserver = "smtp.region.example"\nsakerhet = "starttls"\n', ""),
        "nyckeln [smtp] saknas: lägg till tabellen [smtp]",
        id="no-smtp-table",
    ),
]


@pytest.mark.parametrize(("change", "expected"), MISTAKES)
def test_each_mistake_gets_a_message_naming_file_key_and_value(tmp_path, change, expected):
    path = write(tmp_path, GOOD.replace(*change))
    environ = {**ENV, "TOM": "", "ICKE_ASCII": "lösenord"}
    if not expected:  # the control: the good file loads
        assert load_mail_config(path, environ).port == 587
        return
    problems = problems_of(path, environ)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(f"{path}: ") for p in problems)


def test_a_user_without_the_password_variable_is_an_error_naming_it(tmp_path):
    path = write(tmp_path, GOOD + 'anvandare = "hsn-rapport"\n')
    (problem,) = problems_of(path, {})
    assert "smtp.anvandare har värdet 'hsn-rapport'" in problem
    assert "miljövariabeln HSN_SMTP_LOSENORD" in problem


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    text = """\
    avsandare = "hsn-uppfoljning"
    mottagere = ["anna@region.example"]
    losenord = "hemligt"

    [smtp]
    server = "smtp.region.example"
    port = "abc"
    sakerhet = "tls"
    """
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 6, problems
    for fragment in ("losenord", "mottagere", "avsandare", "mottagare saknas", "port", "sakerhet"):
        assert any(fragment in p for p in problems), fragment


def test_the_password_is_never_in_a_message(tmp_path):
    text = GOOD.replace('"starttls"', '"tls"') + 'anvandare = "hsn-rapport"\n'
    problems = problems_of(write(tmp_path, text))
    assert problems
    assert not any(PASSWORD in p for p in problems)


def test_a_password_written_in_the_file_is_not_repeated_in_the_message(tmp_path):
    problems = problems_of(write(tmp_path, GOOD + 'losenord = "Hemligt-123"\n'))
    assert not any("Hemligt-123" in p for p in problems)


@pytest.mark.parametrize("typed", ["Sommar2025x", "hemligt lösen!", "p4ssw0rd"])
def test_a_password_typed_where_the_variable_name_belongs_is_never_echoed(tmp_path, typed):
    text = GOOD + f'anvandare = "hsn-rapport"\nlosenord_variabel = "{typed}"\n'
    problems = problems_of(write(tmp_path, text))
    assert any("smtp.losenord_variabel ska vara namnet på en miljövariabel" in p for p in problems)
    assert not any(typed in p for p in problems), problems


def test_a_toml_syntax_error_gives_one_message_with_line_and_column(tmp_path):
    path = write(tmp_path, GOOD.replace('sakerhet = "starttls"', "sakerhet = starttls"))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}: felaktig TOML (")
    assert "line 6, column 12" in problem


def test_a_missing_file_has_its_own_message(tmp_path):
    (problem,) = problems_of(tmp_path / "saknas.toml")
    assert problem.startswith(f"{tmp_path / 'saknas.toml'}: filen finns inte.")


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "mottagare.toml"
    path.write_bytes(GOOD.encode("cp1252"))
    (problem,) = problems_of(path)
    assert "filen är inte sparad som UTF-8" in problem


@pytest.mark.parametrize(
    ("line", "attached"),
    [("", ("html", "pdf")), ('bilaga = "PDF"', ("pdf",)), ('bilaga = " html "', ("html",))],
)
def test_bilaga_chooses_the_attached_files_both_by_default(tmp_path, line, attached):
    path = write(tmp_path, GOOD.replace("[smtp]", f"{line}\n[smtp]"))
    assert load_mail_config(path, ENV).attachments == attached
