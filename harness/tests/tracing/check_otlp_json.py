"""Independent reader for the OTLP/JSON trace files Gauntlet writes.

Checks the shape of an ExportTraceServiceRequest in the OTLP/JSON encoding
(resourceSpans / scopeSpans / spans, lowercase hex ids, decimal-string
Unix-nanosecond times, integer enums) with nothing but the standard library.
Usage: check_otlp_json.py FILE EXPECTED_SPAN_COUNT
Exit 0 when valid; 1 with one line per problem otherwise.
"""
import json
import re
import sys

HEX32 = re.compile(r"^[0-9a-f]{32}$")
HEX16 = re.compile(r"^[0-9a-f]{16}$")
DECIMAL = re.compile(r"^(0|[1-9][0-9]*)$")
VALUE_KEYS = {"stringValue": str, "boolValue": bool, "intValue": str, "doubleValue": (int, float)}
problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)


def check_attributes(attrs, where):
    check(isinstance(attrs, list), f"{where}: attributes is not a list")
    for a in attrs if isinstance(attrs, list) else []:
        check(isinstance(a.get("key"), str), f"{where}: attribute key is not a string")
        value = a.get("value", {})
        check(isinstance(value, dict) and len(value) == 1, f"{where}: attribute value must have one field")
        for k, v in value.items():
            check(k in VALUE_KEYS, f"{where}: unknown AnyValue field {k}")
            if k in VALUE_KEYS:
                check(isinstance(v, VALUE_KEYS[k]), f"{where}: {k} has type {type(v).__name__}")
            if k == "intValue":
                check(re.match(r"^-?[0-9]+$", v or "") is not None, f"{where}: intValue not decimal")


def main(path, expected):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    spans = []
    for rs in doc["resourceSpans"]:
        check_attributes(rs["resource"]["attributes"], "resource")
        check(any(a["key"] == "service.name" for a in rs["resource"]["attributes"]), "no service.name")
        for ss in rs["scopeSpans"]:
            check(isinstance(ss["scope"]["name"], str), "scope name is not a string")
            spans.extend(ss["spans"])
    check(len(spans) == expected, f"expected {expected} spans, found {len(spans)}")
    ids = {s.get("spanId") for s in spans}
    for i, s in enumerate(spans):
        where = f"span {i} ({s.get('name')})"
        check(HEX32.match(s.get("traceId", "")) is not None, f"{where}: traceId not 32 lowercase hex")
        check(HEX16.match(s.get("spanId", "")) is not None, f"{where}: spanId not 16 lowercase hex")
        if "parentSpanId" in s:
            check(HEX16.match(s["parentSpanId"]) is not None, f"{where}: parentSpanId not 16 hex")
            check(s["parentSpanId"] in ids, f"{where}: parent not in this trace file")
        check(isinstance(s.get("name"), str), f"{where}: name is not a string")
        check(type(s.get("kind")) is int and 1 <= s["kind"] <= 5, f"{where}: kind not an int in 1..5")
        for key in ("startTimeUnixNano", "endTimeUnixNano"):
            check(isinstance(s.get(key), str) and DECIMAL.match(s[key]) is not None,
                  f"{where}: {key} is not a decimal string")
        if all(isinstance(s.get(k), str) for k in ("startTimeUnixNano", "endTimeUnixNano")):
            check(int(s["endTimeUnixNano"]) >= int(s["startTimeUnixNano"]), f"{where}: ends before it starts")
        check_attributes(s.get("attributes", []), where)
        for e in s.get("events", []):
            check(isinstance(e.get("timeUnixNano"), str) and DECIMAL.match(e["timeUnixNano"]) is not None,
                  f"{where}: event time is not a decimal string")
            check(isinstance(e.get("name"), str), f"{where}: event name is not a string")
            check_attributes(e.get("attributes", []), where + " event")
        status = s.get("status", {})
        check(type(status.get("code", 0)) is int and status.get("code", 0) in (0, 1, 2),
              f"{where}: status.code not 0, 1 or 2")
        check(isinstance(status.get("message", ""), str), f"{where}: status.message not a string")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
