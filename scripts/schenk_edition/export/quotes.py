"""The quote register's data as downloads: `citat.json` (schema: docs/citat.schema.json), `citat.csv` and the
Hall norms table as `normer.csv`, from the records of `model.quotes`."""

from __future__ import annotations

import csv
import io
import json
import re

from ..core.escape import csv_cell
from ..core.release import current, label
from ..model.edition import Edition
from ..model.harvard import EDITION_KIND, harvard_report
from ..model.quotes import CSV_FIELDS, readings_csv, records


def labels(ed: Edition) -> dict[str, dict[str, str]]:
    """The names of the vocabularies' ids that the records use (docs/_data/teman.yml, normer.yml,
    handlingsutrymme.yml), keyed by the record's field: what the explorer on /citat/ shows."""
    return {field: {t.id: t.name for t in terms.values()}
            for field, terms in (("teman", ed.themes), ("norm", ed.norms), ("handlingsutrymme", ed.discretion))}


def to_json(ed: Edition) -> str:
    payload = {
        "$schema": "citat.schema.json",
        "kalla": harvard_report(ed.work),
        **({"utgava": f"{EDITION_KIND}, {label(rel)}"} if (rel := current(ed.root)) else {}),
        "citat": records(ed),
        "etiketter": labels(ed),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def to_csv(ed: Edition) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in records(ed):
        row = dict(r, teman=";".join(r["teman"]), norm=";".join(r["norm"]),
                   handlingsutrymme=";".join(r["handlingsutrymme"]), lasningar=readings_csv(r["lasningar"]))
        writer.writerow({k: "" if row[k] is None else csv_cell(row[k]) for k in CSV_FIELDS})
    return buf.getvalue()


_ROW = re.compile(r'<tr id="(norm-\d+)"><td>(.*?)</td><td>(.*?)</td></tr>')


def norms_csv(ed: Edition) -> str:
    """The Hall norms table (the printed table on s. 15) as CSV: row id, professional, bureaucratic norm."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "professionell_norm", "byrakratisk_norm"])
    for doc in ed.documents:
        for line in doc.lines:
            m = _ROW.search(line)
            if m:
                writer.writerow([csv_cell(cell) for cell in m.groups()])
    return buf.getvalue()
