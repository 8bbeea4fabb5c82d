#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Validates ninjs documents against a JSON Schema with python3-jsonschema.

    validate.py SCHEMA DOCUMENT...

Prints each violation as "DOCUMENT: /json/pointer: message"; exits 0 when
every document is valid, 1 when any is not, 2 when it cannot check at all.
Dates are checked as RFC 3339 date-times (the schema's "format": "date-time",
which JSON Schema 2020-12 only annotates unless asked): a validator that could
not check them would pass a wrong date silently, so their checker must be
there (python3-rfc3339-validator).
"""
import json
import sys

from jsonschema import Draft202012Validator, FormatChecker


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as schema_file:
        schema = json.load(schema_file)
    Draft202012Validator.check_schema(schema)
    try:
        checker = FormatChecker(formats=["date-time"])
    except KeyError:
        checker = None
    if checker is None or "date-time" not in checker.checkers:
        print("validate.py: cannot check date-time values (install python3-rfc3339-validator)", file=sys.stderr)
        return 2
    validator = Draft202012Validator(schema, format_checker=checker)
    invalid = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as document_file:
            document = json.load(document_file)
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
        for error in errors:
            pointer = "/" + "/".join(str(part) for part in error.absolute_path)
            print(f"{path}: {pointer}: {error.message}")
        invalid += bool(errors)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
