"""The XML of OAI-PMH responses, built with ElementTree: the envelope (responseDate, request,
then the verb's element or the errors), headers and oai_dc records."""

import re
import xml.etree.ElementTree as ET

from django.utils import timezone

from .protocol import datestamp

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{{{XSI}}}schemaLocation"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC = "http://purl.org/dc/elements/1.1/"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

# The metadata formats served: prefix -> (schema, namespace).
METADATA_FORMATS = {"oai_dc": (OAI_DC_SCHEMA, OAI_DC)}

for _prefix, _uri in [("xsi", XSI), ("oai_dc", OAI_DC), ("dc", DC), ("oai-id", OAI_IDENTIFIER)]:
    ET.register_namespace(_prefix, _uri)

# Characters XML 1.0 cannot carry (control characters but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF): left out of any text or attribute.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text):
    return _NOT_XML.sub("", str(text))


def element(parent, tag, text=None, namespace=None, **attributes):
    """A child of `parent` in `namespace` (OAI-PMH's by default), with `text` and `attributes`
    made safe for XML."""
    child = ET.SubElement(
        parent, _name(tag, namespace), {name: clean(value) for name, value in attributes.items()}
    )
    if text is not None:
        child.text = clean(text)
    return child


def _name(tag, namespace):
    # OAI-PMH's elements are left unqualified, in the default namespace the root declares (as
    # the specification's examples do); ElementTree gives the others their registered prefix.
    return tag if namespace in (None, OAI) else f"{{{namespace}}}{tag}"


def container(tag):
    """A verb's element (<ListRecords>, …), to fill and pass to `document()`."""
    return ET.Element(tag)


def document(base_url, *, arguments=None, body=None, errors=()):
    """The whole response as UTF-8 bytes. `arguments` are the request's (None for a bad verb
    or argument, whose response repeats only the base URL); `body` the verb's element, or
    `errors` a list of (code, message)."""
    root = ET.Element("OAI-PMH", {"xmlns": OAI, SCHEMA_LOCATION: f"{OAI} {OAI_SCHEMA}"})
    element(root, "responseDate", datestamp(timezone.now()))
    element(root, "request", base_url, **(arguments or {}))
    for code, message in errors:
        element(root, "error", message, code=code)
    if body is not None:
        root.append(body)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def header(parent, identifier, stamp, set_specs):
    head = element(parent, "header")
    element(head, "identifier", identifier)
    element(head, "datestamp", datestamp(stamp))
    for spec in set_specs:
        element(head, "setSpec", spec)
    return head


def oai_dc(parent, fields):
    """<metadata><oai_dc:dc> with the Dublin Core (element, value, language) triples."""
    metadata = element(parent, "metadata")
    dc = element(
        metadata,
        "dc",
        namespace=OAI_DC,
        **{SCHEMA_LOCATION: f"{OAI_DC} {OAI_DC_SCHEMA}"},
    )
    for name, value, language in fields:
        if value:
            item = element(dc, name, value, namespace=DC)
            if language:
                item.set(XML_LANG, language)
    return metadata
