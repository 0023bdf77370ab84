"""Excel forms: handing out the tertial's questions per owner and collecting the answers.

May import reading, words, rules and the base modules; never report, runs, mail or cli (an
import-linter contract in pyproject.toml). `cli.forms` holds the commands `mall` and `samla`.
"""
