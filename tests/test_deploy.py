"""The deployment kit in `deploy/` runs the tertial schedule and agrees with the command line."""

from __future__ import annotations

import re
import shlex
import shutil
import string
import subprocess
import tomllib
from pathlib import Path

import pytest

from hsn_analysis.cli import build_parser
from hsn_analysis.mail import config_file as mail_config

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SERVICE = DEPLOY / "hsn-report.service"
TIMER = DEPLOY / "hsn-report.timer"
CRONTAB = DEPLOY / "crontab"
MAIL_EXAMPLE = DEPLOY / "mottagare.exempel.toml"
ENV_EXAMPLE = DEPLOY / "miljo.exempel"

CALENDAR = "*-01,05,09-05 06:00:00"
CRON_SCHEDULE = ["0", "6", "5", "1,5,9", "*"]
PROGRAM = "/opt/hsn_analysis/.venv/bin/hsn-report"
CONFIG = "/etc/hsn-report/mottagare.toml"
OUTPUTS = "/srv/hsn/outputs"

Unit = dict[str, dict[str, list[str]]]


def parse_unit(path: Path) -> Unit:
    """A systemd unit file as {section: {key: [values]}}.

    Not configparser: systemd allows a key more than once (Environment=, ReadWritePaths=), and an
    empty assignment (`Key=`) resets the list so far. Lines ending in a backslash continue.
    """
    unit: Unit = {}
    section: dict[str, list[str]] | None = None
    logical: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not logical and (not line or line[0] in "#;"):
            continue
        if line.endswith("\\"):
            logical.append(line[:-1])
            continue
        line = " ".join([*logical, line]).strip()
        logical = []
        if line.startswith("[") and line.endswith("]"):
            section = unit.setdefault(line[1:-1], {})
            continue
        assert section is not None, f"{path.name}: a setting before any [section]: {line}"
        key, sep, value = line.partition("=")
        assert sep, f"{path.name}: not a Key=value line: {line}"
        key, value = key.strip(), value.strip()
        if value:
            section.setdefault(key, []).append(value)
        else:
            section[key] = []
    return unit


def one(unit: Unit, section: str, key: str) -> str:
    values = unit.get(section, {}).get(key, [])
    assert len(values) == 1, f"[{section}] {key}= should be set once, found {values}"
    return values[0]


def environment(unit: Unit) -> dict[str, str]:
    """The variables of every Environment= line (each may hold several quoted assignments)."""
    variables = {}
    for value in unit["Service"].get("Environment", []):
        for assignment in shlex.split(value):
            name, _, setting = assignment.partition("=")
            variables[name] = setting
    return variables


def service_command() -> list[str]:
    """ExecStart= split as a shell would: the program first."""
    return shlex.split(one(parse_unit(SERVICE), "Service", "ExecStart"))


def cron_entries(path: Path = CRONTAB) -> tuple[dict[str, str], list[tuple[list[str], str]]]:
    """The crontab's variables and its jobs (five time fields and the command)."""
    variables, jobs = {}, []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        assignment = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)", line)
        if assignment:
            name, value = assignment.groups()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            variables[name] = value
            continue
        fields = line.split(maxsplit=5)
        jobs.append((fields[:5], fields[5]))
    return variables, jobs


def shell_words(command: str) -> list[str]:
    """A shell command line as words, with operators (&&, ;, >>, …) as words of their own."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    return list(lexer)


def cron_command() -> tuple[list[str], list[str]]:
    """The hsn-report command of the crontab's one job: (the words before it, the command)."""
    _, jobs = cron_entries()
    assert len(jobs) == 1, jobs
    words = shell_words(jobs[0][1])
    start = next(i for i, word in enumerate(words) if word.endswith("/hsn-report"))
    end = next((i for i in range(start, len(words)) if set(words[i]) <= set("();<>|&")), len(words))
    return words[:start], words[start:end]


def parse_cli(argv: list[str]):
    """Parse `argv` as `hsn-report` would, failing the test (not exiting) on a usage error."""
    try:
        return build_parser().parse_args(argv)
    except SystemExit as exc:
        pytest.fail(f"hsn-report does not accept {shlex.join(argv)} (exit {exc.code})")


# --- The timer ---


def test_timer_fires_at_six_on_the_fifth_of_january_may_and_september():
    assert one(parse_unit(TIMER), "Timer", "OnCalendar") == CALENDAR


def test_timer_catches_up_a_missed_run_and_starts_the_report_service_once_enabled():
    timer = parse_unit(TIMER)
    assert one(timer, "Timer", "Persistent") == "true"
    assert one(timer, "Timer", "Unit") == SERVICE.name
    assert one(timer, "Install", "WantedBy") == "timers.target"


# --- The service ---


def test_service_is_a_oneshot_run_from_the_clone_as_its_own_user_with_the_password_file():
    service = parse_unit(SERVICE)
    assert one(service, "Service", "Type") == "oneshot"
    assert one(service, "Service", "User") not in ("root", "0")
    assert one(service, "Service", "WorkingDirectory") == "/opt/hsn_analysis"
    assert one(service, "Service", "EnvironmentFile") == "/etc/hsn-report/miljo"
    assert service_command()[0] == PROGRAM


def test_service_limits_a_run_with_the_timeout_that_applies_to_a_oneshot_service():
    # For Type=oneshot the run is the unit's start-up: TimeoutStartSec= limits it, while
    # RuntimeMaxSec= is ignored (systemd.service(5); systemd logs a warning about it).
    service = parse_unit(SERVICE)
    assert one(service, "Service", "TimeoutStartSec") == "30min"
    assert "RuntimeMaxSec" not in service["Service"]


def test_service_sets_time_zone_locale_path_and_writable_folders_for_the_jupyter_kernel():
    service = parse_unit(SERVICE)
    env = environment(service)
    assert env["TZ"] == "Europe/Stockholm"
    assert env["LANG"] in ("C.UTF-8", "sv_SE.UTF-8")
    assert env["PATH"].split(":")[0] == str(Path(PROGRAM).parent)
    # HOME (IPython, matplotlib) and the kernel's connection file: folders systemd creates for
    # the user and keeps writable under ProtectSystem=strict.
    assert env["HOME"] == "/var/lib/" + one(service, "Service", "StateDirectory")
    assert env["JUPYTER_RUNTIME_DIR"] == "/run/" + one(service, "Service", "RuntimeDirectory")


def test_service_is_hardened_and_may_write_the_outputs_folder_it_is_given():
    service = parse_unit(SERVICE)
    for key, value in [
        ("NoNewPrivileges", "yes"),
        ("PrivateTmp", "yes"),
        ("ProtectSystem", "strict"),
        ("ProtectHome", "yes"),
    ]:
        assert one(service, "Service", key) == value, key
    args = parse_cli(service_command()[1:])
    assert service["Service"]["ReadWritePaths"] == [OUTPUTS] == [str(args.out)]


def test_service_makes_the_automatic_period_and_mails_it():
    args = service_command()[1:]
    assert args[:3] == ["run", "--period", "auto"]
    assert "--send" in args
    assert args[args.index("--config") + 1] == CONFIG


@pytest.mark.parametrize("source", ["service", "crontab"])
def test_the_command_is_accepted_by_the_command_line_as_it_is_today(source):
    """The kit cannot drift from the CLI: its arguments parse with the real parser."""
    command = service_command() if source == "service" else cron_command()[1]
    args = parse_cli(command[1:])
    assert args.command == "run"
    assert args.period == "auto"
    assert args.send is True
    assert Path(args.config) == Path(CONFIG)
    assert args.data == Path("/srv/hsn/data")
    assert args.out == Path(OUTPUTS)


# --- cron ---


def test_crontab_runs_on_the_same_days_and_hour_as_the_timer():
    _, jobs = cron_entries()
    assert [fields for fields, _ in jobs] == [CRON_SCHEDULE]


def test_crontab_runs_the_services_command_under_a_thirty_minute_timeout_into_its_log():
    before, command = cron_command()
    assert command == service_command()
    assert before[-2:] == ["timeout", "30m"]
    _, jobs = cron_entries()
    assert jobs[0][1].endswith(">> /var/log/hsn-report/korning.log 2>&1")


def test_crontab_sets_the_same_environment_as_the_service_and_reads_the_password_file():
    variables, _ = cron_entries()
    service_env = environment(parse_unit(SERVICE))
    for name in ("TZ", "PATH", "HOME", "LANG"):
        assert variables[name] == service_env[name], name
    assert variables["CRON_TZ"] == "Europe/Stockholm"
    before, _ = cron_command()
    assert before[before.index(".") + 1] == "/etc/hsn-report/miljo"
    assert before[before.index("cd") + 1] == "/opt/hsn_analysis"


def test_crontab_says_that_cron_neither_catches_up_nor_limits_a_run():
    text = CRONTAB.read_text(encoding="utf-8")
    assert "does not catch up" in text
    assert "Persistent=true" in text
    assert "no run-time limit" in text


# --- Example configuration ---


def _all_keys(table: dict, prefix: str = "") -> list[str]:
    keys = []
    for key, value in table.items():
        keys.append(prefix + key)
        if isinstance(value, dict):
            keys += _all_keys(value, f"{prefix}{key}.")
    return keys


def test_example_mail_config_follows_the_schema():
    config = tomllib.loads(MAIL_EXAMPLE.read_text(encoding="utf-8"))
    assert set(config) <= set(mail_config.TOP_KEYS)
    assert isinstance(config["avsandare"], str)
    assert config["mottagare"] and all(isinstance(m, str) for m in config["mottagare"])
    fields = {name for _, name, _, _ in string.Formatter().parse(config["amne"]) if name}
    assert fields <= {"period", "kod", "namnd", "ar"}
    smtp = config["smtp"]
    assert set(smtp) <= set(mail_config.SMTP_KEYS)
    assert {"server", "port", "sakerhet"} <= set(smtp)
    assert isinstance(smtp["port"], int)
    assert smtp["sakerhet"] in ("starttls", "ssl", "ingen")


def test_example_mail_config_holds_no_password_only_the_name_of_its_variable():
    config = tomllib.loads(MAIL_EXAMPLE.read_text(encoding="utf-8"))
    secret = re.compile(r"losen|lösen|passw|secret|hemlig", re.I)
    assert [k for k in _all_keys(config) if secret.search(k)] == ["smtp.losenord_variabel"]
    assert config["smtp"]["losenord_variabel"] == "HSN_SMTP_LOSENORD"


def test_example_environment_file_leaves_the_password_empty_and_asks_for_mode_600():
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    settings = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert settings == ["HSN_SMTP_LOSENORD="]
    assert any("600" in line for line in lines if line.lstrip().startswith("#"))


# --- README ---


def test_the_scheduling_document_explains_the_schedule_and_scaling_and_the_readme_links_it():
    assert "(docs/scheduling.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    readme = (ROOT / "docs" / "scheduling.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", readme, re.M)
    assert headings[:2] == ["Scheduled runs", "Scaling out"]
    assert "journalctl -u hsn-report" in readme
    assert "systemctl enable --now hsn-report.timer" in readme
    assert "0 6 5 1,5,9 *" in readme


# --- systemd's own checks, where systemd-analyze exists ---

needs_systemd_analyze = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed"
)


@needs_systemd_analyze
def test_systemd_reads_the_calendar_as_the_fifth_of_january_may_and_september_at_six():
    result = subprocess.run(
        ["systemd-analyze", "calendar", "--iterations=3", CALENDAR],
        capture_output=True,
        text=True,
        check=False,
        env={"TZ": "Europe/Stockholm", "LANG": "C.UTF-8", "SYSTEMD_COLORS": "0"},
    )
    assert result.returncode == 0, result.stderr
    assert f"Normalized form: {CALENDAR}" in result.stdout
    # Local (Swedish) times only, not the "(in UTC)" lines beside them.
    elapses = re.findall(
        r"(?:Next elapse|Iter\. #\d+): \w+ \d{4}-(\d\d)-(\d\d) (\d\d:\d\d:\d\d)", result.stdout
    )
    assert len(elapses) == 3
    assert sorted(month for month, _, _ in elapses) == ["01", "05", "09"]
    assert {(day, time) for _, day, time in elapses} == {("05", "06:00:00")}


@needs_systemd_analyze
def test_systemd_finds_nothing_wrong_in_the_units(tmp_path):
    for unit in (SERVICE, TIMER):
        shutil.copy(unit, tmp_path / unit.name)
    result = subprocess.run(
        ["systemd-analyze", "verify", SERVICE.name, TIMER.name],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={"LANG": "C.UTF-8", "SYSTEMD_COLORS": "0", "PATH": "/usr/bin:/bin"},
    )
    # The clone is not installed on this machine; everything else must pass without a word.
    not_installed = f"Command {PROGRAM} is not executable"
    complaints = [
        line for line in result.stderr.splitlines() if line.strip() and not_installed not in line
    ]
    assert complaints == []


def test_the_example_mail_configuration_passes_the_real_check():
    from hsn_analysis.mail.config import load_mail_config

    config = load_mail_config(MAIL_EXAMPLE, {"HSN_SMTP_LOSENORD": "test"})
    assert config.security == "starttls" and config.port == 587
    assert len(config.recipients) == 2


def test_the_reminder_crontab_runs_paminn_for_the_ended_tertial_each_morning_of_the_answers():
    variables, jobs = cron_entries(DEPLOY / "crontab-paminn")
    ((times, command),) = jobs
    assert times == ["0", "8", "2-14", "1,5,9", "*"]  # no weekday: cron would OR it in
    words = shell_words(command)
    start = next(i for i, word in enumerate(words) if word.endswith("/hsn-report"))
    end = next(i for i in range(start, len(words)) if set(words[i]) <= set("();<>|&"))
    args = parse_cli(words[start + 1 : end])
    assert (args.command, args.period, args.dry_run) == ("paminn", "auto", False)
    assert args.config == Path("/etc/hsn-report/mottagare.toml")
    assert variables["TZ"] == cron_entries()[0]["TZ"] == "Europe/Stockholm"
