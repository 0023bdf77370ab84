"""Write the example's fictional basenheter into data/exempel/ (how those files were made).

Usage: python scripts/make_example_units.py data/exempel

Writes `enheter.csv` (30 primary-care, 24 hospital and 4 dental units, invented names),
`enhetsutfall.csv` (each unit's ja/nej for the plan's indicators that count units, 2024-T1 …
2025-T3, about one unit in twelve not reporting) and `enhetsbedomningar.csv` (the units' own
assessments of five delmål), sets `aggregering` (and `omrade`) on those indicators in
`indikatorer.csv`, and drops their board rows from `utfall.csv` for the periods the units now
give (2023 stays as the board reported it). Deterministic (a fixed seed) and safe to repeat.
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import timedelta
from pathlib import Path

from hsn_analysis.periods import Period

PERIODS = ["2024-T1", "2024-T2", "2024-T3", "2025-T1", "2025-T2", "2025-T3"]
PLACES = [
    "Björkbacken",
    "Älvstranden",
    "Granlunda",
    "Norrmyra",
    "Forsbyn",
    "Tallåsen",
    "Ekbacka",
    "Strömsund",
    "Västerhöjd",
    "Mossaberg",
    "Renbäcken",
    "Kvarnåsen",
    "Sjöviken",
    "Lövånger",
    "Hällnäset",
    "Fjällbacka",
    "Ålidhem",
    "Tegsnäs",
    "Östermalm",
    "Kronoparken",
    "Myrbacka",
    "Solbacken",
    "Granbyn",
    "Lindåker",
    "Stensjö",
    "Brännan",
    "Ängsbacka",
    "Furuvik",
    "Ljungdalen",
    "Rönnbäck",
]
SPECIALTIES = [
    "Medicinkliniken",
    "Kirurgkliniken",
    "Ortopedkliniken",
    "Kvinnokliniken",
    "Barn-_och_ungdomskliniken",
    "Psykiatriska_kliniken",
    "Akutkliniken",
    "Geriatriska_kliniken",
]
HOSPITALS = ["Norrsjö sjukhus", "Älvdala sjukhus", "Fjällkusten sjukhus"]
DENTAL = [
    "Tandvårdskliniken Norrmyra",
    "Tandvårdskliniken Sjöviken",
    "Specialisttandvården",
    "Tandvårdskliniken Fjällbacka",
]

# indicator → (aggregering, område or "", the share ja to aim at per period)
INDICATORS = {
    "I2.4.1": ("andel_ja", "", {"2024-T3": 46.3, "2025-T3": 63.0}),
    "I4.1.1": (
        "andel_ja",
        "Primärvård",
        dict(zip(PERIODS, [50, 53.3, 60, 63.3, 70, 76.7], strict=True)),
    ),
    "I4.1.2": (  # 2025-T2 has no values at all: the board's "utfall saknas" stays
        "andel_ja",
        "",
        {"2024-T1": 22, "2024-T2": 26.5, "2024-T3": 30, "2025-T1": 33.5, "2025-T3": 41.0},
    ),
    "I5.1.4": ("andel_ja", "", {"2024-T3": 82.4, "2025-T3": 91.7}),
    "I6.1.1": ("andel_ja", "", {"2024-T3": 48.5, "2025-T3": 71.0}),
    "I6.1.2": ("andel_ja", "", dict(zip(PERIODS, [12.5, 17, 21.5, 27, 38, 44.5], strict=True))),
}
# delmål the units assess; D4.1 in 2025-T2: the board says red, most units green.
ASSESSED = ["D2.1", "D2.4", "D4.1", "D5.1", "D6.1"]
BOARD_DISAGREES = ("D4.1", "2025-T2")
STATUS_WORD = {"gron": "uppnås", "gul": "delvis", "rod": "uppnås ej"}
COMMENTS = {
    "gron": "Arbetet går enligt plan på enheten.",
    "gul": "Delvis på plats; rutinen är inte införd fullt ut i alla arbetslag.",
    "rod": "Har inte kommit igång på grund av bemanningsläget; en plan tas fram under hösten.",
}


def units() -> list[tuple[str, str, str]]:
    """(enhet_id, namn, omrade) of every unit."""
    rows = [(f"PV{i:02d}", f"Hälsocentral {p}", "Primärvård") for i, p in enumerate(PLACES, 1)]
    clinics = [f"{s.replace('_', ' ')}, {h}" for h in HOSPITALS for s in SPECIALTIES]
    rows += [(f"SV{i:02d}", name, "Sjukhusvård") for i, name in enumerate(clinics, 1)]
    rows += [(f"TV{i:02d}", name, "Tandvård") for i, name in enumerate(DENTAL, 1)]
    return rows


def chief_address(unit: str) -> str:
    """The invented address of a unit's chief, on a domain that can never receive mail."""
    return f"enhetschef.{unit.lower()}@exempel.invalid"


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file, delimiter=";"))


def write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file, delimiter=";", lineterminator="\r\n").writerows(rows)


def main(folder: Path) -> None:
    rng = random.Random(2025)
    all_units = units()
    write(
        folder / "enheter.csv",
        [["enhet_id", "namn", "omrade", "ansvarig", "e_post"]]
        + [[u, n, a, "Enhetschef", chief_address(u)] for u, n, a in all_units],
    )
    # Each unit's readiness: the most ready units say ja first, so a unit rarely goes back.
    readiness = {u: rng.random() for u, _, _ in all_units}
    values = [["indikator_id", "enhet_id", "period", "varde", "kommentar"]]
    for indicator, (_, area, targets) in INDICATORS.items():
        expected = [u for u, _, a in all_units if not area or a == area]
        for period, share in targets.items():
            reporting = [u for u in expected if rng.random() > 1 / 12]
            ranked = sorted(reporting, key=readiness.get)
            ja = set(ranked[: round(share / 100 * len(reporting))])
            values += [[indicator, u, period, "ja" if u in ja else "nej", ""] for u in reporting]
    write(folder / "enhetsutfall.csv", values)

    board = {(r[0], r[1]): r[2] for r in read(folder / "bedomningar.csv")[1:]}
    colour = {"uppnås": "gron", "delvis": "gul", "uppnås ej": "rod"}
    order = ["rod", "gul", "gron"]
    assessments = [
        ["delmal_id", "enhet_id", "period", "status", "kommentar", "forfattare", "datum"]
    ]
    for period in PERIODS:
        written = Period.parse(period).end + timedelta(days=14)
        for subgoal in ASSESSED:
            centre = order.index(colour.get(board.get((subgoal, period), "delvis"), "gul"))
            for unit, _, _ in all_units:
                if rng.random() < 1 / 10:
                    continue  # not reported
                if (subgoal, period) == BOARD_DISAGREES:
                    status = rng.choices(order, weights=[1, 2, 7])[0]
                else:
                    step = rng.choices([-1, 0, 1], weights=[2, 5, 2])[0]
                    status = order[min(2, max(0, centre + step))]
                comment = COMMENTS[status] if status != "gron" or rng.random() < 0.2 else ""
                day = written + timedelta(days=rng.randrange(10))
                assessments.append(
                    [
                        subgoal,
                        unit,
                        period,
                        STATUS_WORD[status],
                        comment,
                        "Enhetschef" if comment else "",
                        day.isoformat(),
                    ]
                )
    write(folder / "enhetsbedomningar.csv", assessments)

    indicators = read(folder / "indikatorer.csv")
    header = indicators[0]
    if "aggregering" not in header:
        header += ["aggregering", "omrade"]
        for row in indicators[1:]:
            row += ["", ""]
    at = header.index("aggregering")
    for row in indicators[1:]:
        if row[0] in INDICATORS:
            row[at], row[at + 1] = INDICATORS[row[0]][0], INDICATORS[row[0]][1]
    write(folder / "indikatorer.csv", indicators)

    given = {(i, p) for i, (_, _, t) in INDICATORS.items() for p in t}
    outcomes = read(folder / "utfall.csv")
    write(
        folder / "utfall.csv",
        [outcomes[0]] + [r for r in outcomes[1:] if (r[0], r[1]) not in given],
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(Path(sys.argv[1]))
