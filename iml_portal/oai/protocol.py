"""OAI-PMH 2.0's rules for a request: its verb and arguments, dates, resumption tokens, and the
protocol's own error codes (section 3.6 of the specification)."""

import datetime
import re
from dataclasses import dataclass

from django.core import signing

# Each verb's arguments: required, optional, and the one that must come alone.
VERBS = {
    "Identify": ((), (), None),
    "ListMetadataFormats": ((), ("identifier",), None),
    "ListSets": ((), (), "resumptionToken"),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "GetRecord": (("identifier", "metadataPrefix"), (), None),
}

# The datestamps' granularity (the finest a harvester may ask for).
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
# setSpec's syntax: colon-separated parts of unreserved URI characters.
SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")

TOKEN_SALT = "iml_portal.oai.resumption-token"


class OAIError(Exception):
    """One of the protocol's errors: answered with HTTP 200 and <error code="…">."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def hides_arguments(self):
        # The response to a bad verb or argument repeats the base URL only (section 3.2).
        return self.code in ("badVerb", "badArgument")


def parse(query):
    """(verb, {argument: value}) from a QueryDict, or OAIError (badVerb, badArgument)."""
    verbs = query.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OAIError("badVerb", "The verb is missing, repeated or not an OAI-PMH verb.")
    verb = verbs[0]
    arguments = {}
    for name, values in query.lists():
        if name == "verb":
            continue
        if len(values) > 1:
            raise OAIError("badArgument", f"The argument {name} is repeated.")
        if not values[0]:
            raise OAIError("badArgument", f"The argument {name} is empty.")
        arguments[name] = values[0]
    required, optional, exclusive = VERBS[verb]
    unknown = sorted(set(arguments) - {*required, *optional, exclusive})
    if unknown:
        raise OAIError("badArgument", f"{verb} takes no argument {', '.join(unknown)}.")
    if exclusive in arguments:
        if len(arguments) > 1:
            raise OAIError("badArgument", f"{exclusive} must be the only argument.")
    else:
        missing = [name for name in required if name not in arguments]
        if missing:
            raise OAIError("badArgument", f"{verb} needs {', '.join(missing)}.")
    if "set" in arguments and not SET_SPEC.fullmatch(arguments["set"]):
        raise OAIError("badArgument", "The set is not a setSpec.")
    return verb, arguments


def datestamp(moment):
    """A datetime as the protocol writes it, in UTC to the second."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(value, name):
    """(the earliest moment `value` names, the first moment after it, its granularity)."""
    try:
        if _DAY.fullmatch(value):
            start = datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.UTC)
            return start, _after(start, days=1), "day"
        if _SECOND.fullmatch(value):
            start = datetime.datetime.fromisoformat(value)
            return start, _after(start, seconds=1), "second"
    except ValueError:
        pass
    raise OAIError("badArgument", f"{name} is not a date: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")


def _after(moment, **delta):
    try:
        return moment + datetime.timedelta(**delta)
    except OverflowError:  # 9999-12-31: nothing comes after it
        return None


@dataclass(frozen=True)
class Selection:
    """What a list request selects: records changed from `since` (inclusive) until before
    `until` (None: no bound), in a set, for a metadata format."""

    metadata_prefix: str
    set_spec: str | None = None
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None

    @classmethod
    def from_arguments(cls, arguments):
        since = until = None
        granularities = set()
        if "from" in arguments:
            since, _next, granularity = _moment(arguments["from"], "from")
            granularities.add(granularity)
        if "until" in arguments:
            until_start, until, granularity = _moment(arguments["until"], "until")
            granularities.add(granularity)
        if len(granularities) > 1:
            raise OAIError("badArgument", "from and until must have the same granularity.")
        if since is not None and "until" in arguments and since > until_start:
            raise OAIError("badArgument", "from is later than until.")
        return cls(arguments["metadataPrefix"], arguments.get("set"), since, until)


def make_token(verb, arguments, *, kind, after, cursor):
    """A resumption token: the request's arguments and where the next page starts (after the
    record of primary key `after` among the provider `kind`'s records, `cursor` records
    already sent), signed so that it cannot be altered. Keyset paging needs no state on the
    server, and the token never expires."""
    selection = {
        name: arguments[name]
        for name in ("metadataPrefix", "from", "until", "set")
        if arguments.get(name)
    }
    return signing.dumps(
        {"verb": verb, "arguments": selection, "kind": kind, "after": after, "cursor": cursor},
        salt=TOKEN_SALT,
        compress=True,
    )


def read_token(token, verb):
    """(arguments, kind, after, cursor) from a token made for `verb`, or badResumptionToken."""
    try:
        state = signing.loads(token, salt=TOKEN_SALT)
        arguments, kind = state["arguments"], state["kind"]
        after, cursor = state["after"], state["cursor"]
        valid = (
            state["verb"] == verb
            and isinstance(arguments, dict)
            and isinstance(kind, str)
            and (after is None or isinstance(after, int))
            and isinstance(cursor, int)
        )
    except (signing.BadSignature, TypeError, KeyError, ValueError):
        valid = False
    if not valid:
        raise OAIError("badResumptionToken", "The resumption token is not valid.")
    return arguments, kind, after, cursor
