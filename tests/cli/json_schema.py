"""A JSON Schema (draft-07) validator for the keywords the SARIF 2.1.0 schema
uses, so the SARIF test needs nothing beyond the Python standard library.

It implements every keyword it accepts and refuses a schema that uses any
other one (SchemaError, raised when the schema is loaded, for every
subschema whether or not a document reaches it): an unimplemented keyword
must not let a document pass unchecked.

    errors = Validator(schema).errors(document)   # [] when valid
"""
import math
import re

# Keywords that only annotate: they constrain nothing.
ANNOTATIONS = {"$schema", "$id", "title", "description", "default"}
ASSERTIONS = {"$ref", "type", "properties", "required", "additionalProperties", "items",
              "enum", "minimum", "maximum", "minItems", "uniqueItems", "pattern", "format",
              "anyOf", "oneOf"}
TYPES = {"object", "array", "string", "integer", "number", "boolean", "null"}

# RFC 3986 (appendix A), for the uri and uri-reference formats.
_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = r"!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_SEGMENT = rf"{_PCHAR}*"
_SEGMENT_NZ = rf"{_PCHAR}+"
_SEGMENT_NZ_NC = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}@]|{_PCT})+"
_USERINFO = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*"
_HOST = rf"(?:\[[0-9A-Fa-f:.]+\]|(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})*)"
_AUTHORITY = rf"(?:{_USERINFO}@)?{_HOST}(?::[0-9]*)?"
_PATH_ABEMPTY = rf"(?:/{_SEGMENT})*"
_PATH_ABSOLUTE = rf"/(?:{_SEGMENT_NZ}(?:/{_SEGMENT})*)?"
_PATH_ROOTLESS = rf"{_SEGMENT_NZ}(?:/{_SEGMENT})*"
_PATH_NOSCHEME = rf"{_SEGMENT_NZ_NC}(?:/{_SEGMENT})*"
_QUERY_FRAGMENT = rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?"
URI = re.compile(rf"[A-Za-z][A-Za-z0-9+.\-]*:"
                 rf"(?://{_AUTHORITY}{_PATH_ABEMPTY}|{_PATH_ABSOLUTE}|{_PATH_ROOTLESS}|)"
                 rf"{_QUERY_FRAGMENT}")
RELATIVE_REF = re.compile(rf"(?://{_AUTHORITY}{_PATH_ABEMPTY}|{_PATH_ABSOLUTE}|"
                          rf"{_PATH_NOSCHEME}|){_QUERY_FRAGMENT}")
# RFC 3339 section 5.6.
DATE_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?"
                       r"(?:[Zz]|[+-](\d{2}):(\d{2}))", re.ASCII)


class SchemaError(Exception):
    """The schema uses something this validator does not implement."""


def _ecma_regex(pattern):
    """Compiles an ECMA-262 pattern with Python's re: digits and word
    characters are ASCII there, and '$' ends the input (Python's also matches
    before a final newline)."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        out.append(r"\Z" if ch == "$" and not in_class else ch)
        i += 1
    return re.compile("".join(out), re.ASCII)


def _is_date_time(s):
    m = DATE_TIME.fullmatch(s)
    if not m:
        return False
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    off_h, off_m = (int(g) if g else 0 for g in m.groups()[6:])
    return (1 <= month <= 12 and 1 <= day <= days[month - 1] and hour < 24 and minute < 60
            and second <= 60 and off_h < 24 and off_m < 60)


FORMATS = {
    "uri": lambda s: URI.fullmatch(s) is not None,
    "uri-reference": lambda s: URI.fullmatch(s) is not None
                               or RELATIVE_REF.fullmatch(s) is not None,
    "date-time": _is_date_time,
}


def _type_of(value):
    """The JSON types value belongs to (an integral number is both)."""
    if value is None:
        return {"null"}
    if isinstance(value, bool):
        return {"boolean"}
    if isinstance(value, int):
        return {"integer", "number"}
    if isinstance(value, float):
        return {"integer", "number"} if value.is_integer() else {"number"}
    if isinstance(value, str):
        return {"string"}
    if isinstance(value, list):
        return {"array"}
    if isinstance(value, dict):
        return {"object"}
    raise TypeError(f"not a JSON value: {value!r}")


def _canonical(value):
    """A hashable form under JSON equality: 1 == 1.0, but true != 1."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, list):
        return ("array", tuple(_canonical(v) for v in value))
    return ("object", frozenset((k, _canonical(v)) for k, v in value.items()))


class Validator:
    def __init__(self, schema):
        if schema.get("$schema") != "http://json-schema.org/draft-07/schema#":
            raise SchemaError(f"not a draft-07 schema: {schema.get('$schema')!r}")
        self.root = schema
        self.patterns = {}
        self._check_schema(schema, "#", root=True)

    # -- loading -------------------------------------------------------------

    def _check_schema(self, s, where, root=False):
        if not isinstance(s, dict):
            raise SchemaError(f"{where}: a schema must be an object")
        for k in s:
            if k not in ANNOTATIONS | ASSERTIONS and not (root and k == "definitions"):
                raise SchemaError(f"{where}: keyword {k!r} is not implemented")
        if "$ref" in s:
            if set(s) - {"$ref"} - ANNOTATIONS:
                # draft-07 ignores a $ref's siblings; a schema relying on them is
                # not what it seems.
                raise SchemaError(f"{where}: $ref with sibling assertions")
            self._resolve(s["$ref"], where)
        types = s.get("type", [])
        for t in types if isinstance(types, list) else [types]:
            if t not in TYPES:
                raise SchemaError(f"{where}: unknown type {t!r}")
        if "format" in s and s["format"] not in FORMATS:
            raise SchemaError(f"{where}: format {s['format']!r} is not implemented")
        if "pattern" in s:
            try:
                self.patterns[s["pattern"]] = _ecma_regex(s["pattern"])
            except re.error as e:
                raise SchemaError(f"{where}: pattern {s['pattern']!r}: {e}") from e
        for k in ("minimum", "maximum", "minItems"):
            if k in s and (isinstance(s[k], bool) or not isinstance(s[k], (int, float))):
                raise SchemaError(f"{where}: {k} must be a number")
        for k in ("uniqueItems",):
            if k in s and not isinstance(s[k], bool):
                raise SchemaError(f"{where}: {k} must be a boolean")
        if "items" in s and not isinstance(s["items"], dict):
            raise SchemaError(f"{where}: only a single items schema is implemented")
        for name, sub in s.get("properties", {}).items():
            self._check_schema(sub, f"{where}/properties/{name}")
        if isinstance(s.get("additionalProperties"), dict):
            self._check_schema(s["additionalProperties"], f"{where}/additionalProperties")
        elif "additionalProperties" in s and not isinstance(s["additionalProperties"], bool):
            raise SchemaError(f"{where}: additionalProperties must be a schema or boolean")
        if "items" in s:
            self._check_schema(s["items"], f"{where}/items")
        for k in ("anyOf", "oneOf"):
            for i, sub in enumerate(s.get(k, [])):
                self._check_schema(sub, f"{where}/{k}/{i}")
        for name, sub in s.get("definitions", {}).items():
            self._check_schema(sub, f"#/definitions/{name}")

    def _resolve(self, ref, where="#"):
        prefix = "#/definitions/"
        name = ref[len(prefix):] if ref.startswith(prefix) else None
        if name is None or name not in self.root.get("definitions", {}):
            raise SchemaError(f"{where}: $ref {ref!r} is not a local definition")
        return self.root["definitions"][name]

    # -- validating ----------------------------------------------------------

    def errors(self, instance):
        out = []
        self._validate(instance, self.root, "", out)
        return out

    def _validate(self, v, s, path, out):
        if "$ref" in s:
            self._validate(v, self._resolve(s["$ref"]), path, out)
            return
        at = path or "/"
        kinds = _type_of(v)
        if "type" in s:
            allowed = s["type"] if isinstance(s["type"], list) else [s["type"]]
            if not kinds & set(allowed):
                out.append(f"{at}: {v!r:.60} is not of type {allowed}")
                return
        if "enum" in s and _canonical(v) not in {_canonical(e) for e in s["enum"]}:
            out.append(f"{at}: {v!r:.60} is not one of {s['enum']}")
        if "number" in kinds:
            if "minimum" in s and v < s["minimum"]:
                out.append(f"{at}: {v} is less than the minimum {s['minimum']}")
            if "maximum" in s and v > s["maximum"]:
                out.append(f"{at}: {v} is more than the maximum {s['maximum']}")
            if isinstance(v, float) and not math.isfinite(v):
                out.append(f"{at}: {v} is not a JSON number")
        if "string" in kinds:
            if "pattern" in s and not self.patterns[s["pattern"]].search(v):
                out.append(f"{at}: {v!r:.60} does not match {s['pattern']!r}")
            if "format" in s and not FORMATS[s["format"]](v):
                out.append(f"{at}: {v!r:.60} is not a valid {s['format']}")
        if "array" in kinds:
            if "minItems" in s and len(v) < s["minItems"]:
                out.append(f"{at}: fewer than {s['minItems']} items")
            if s.get("uniqueItems"):
                seen = set()
                for i, item in enumerate(v):
                    c = _canonical(item)
                    if c in seen:
                        out.append(f"{path}/{i}: repeats an earlier item (uniqueItems)")
                    seen.add(c)
            if "items" in s:
                for i, item in enumerate(v):
                    self._validate(item, s["items"], f"{path}/{i}", out)
        if "object" in kinds:
            for name in s.get("required", []):
                if name not in v:
                    out.append(f"{at}: required property {name!r} is missing")
            props = s.get("properties", {})
            extra = s.get("additionalProperties", True)
            for name, item in v.items():
                where = f"{path}/{name.replace('~', '~0').replace('/', '~1')}"
                if name in props:
                    self._validate(item, props[name], where, out)
                elif extra is False:
                    out.append(f"{at}: property {name!r} is not allowed")
                elif isinstance(extra, dict):
                    self._validate(item, extra, where, out)
        if "anyOf" in s:
            if not any(not self._sub_errors(v, sub, path) for sub in s["anyOf"]):
                out.append(f"{at}: matches none of anyOf "
                           + "; ".join(str(sub) for sub in s["anyOf"]))
        if "oneOf" in s:
            n = sum(1 for sub in s["oneOf"] if not self._sub_errors(v, sub, path))
            if n != 1:
                out.append(f"{at}: matches {n} of oneOf, not exactly one")

    def _sub_errors(self, v, s, path):
        out = []
        self._validate(v, s, path, out)
        return out
