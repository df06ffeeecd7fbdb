"""What every citation download of the site shares (a publication, an instrument): BibTeX
escaping, RIS lines and JSON-LD safe inside a <script> element. Each app says what it cites."""

import json

from django.utils.safestring import mark_safe

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text):
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in " ".join(str(text).split()))


def bibtex_entry(entry_type, key, fields):
    """`fields`: [(name, value already escaped)]."""
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


def ris_record(lines):
    """RIS: one tag per line, "XX  - value" (the final "ER  - " keeps its space, as strict
    readers want), CRLF line ends; a value never spans lines."""
    lines = [*lines, ("ER", "")]
    return "".join(f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in lines)


def csl_json(item):
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def json_ld_script(data):
    """schema.org JSON-LD text, safe inside <script type="application/ld+json">: as Django's
    json_script does, no "<", ">" or "&" can close the script element early."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)
