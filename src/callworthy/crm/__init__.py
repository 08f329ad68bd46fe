"""CRM exports, pure: read a CSV stream, map its columns with a format (YAML data), make rows.

No database and no files of its own: the services hand it a stream and store what
it returns (`services/importer.py`, `services/dnc.py`).
"""

from callworthy.crm.csvfile import CsvTable, formula_safe, header_key, read_csv, write_csv
from callworthy.crm.formats import (
    FIELDS,
    CrmFormat,
    default_formats,
    get_format,
    load_formats,
)
from callworthy.crm.rows import Activity, LineProblem, ParsedFile, ProspectKey, parse_file

__all__ = [
    "FIELDS",
    "Activity",
    "CrmFormat",
    "CsvTable",
    "LineProblem",
    "ParsedFile",
    "ProspectKey",
    "default_formats",
    "formula_safe",
    "get_format",
    "header_key",
    "load_formats",
    "parse_file",
    "read_csv",
    "write_csv",
]
