# Regenerates test/support/werkzeug-request-properties.json with Werkzeug 3.1.8 (pip's werkzeug):
#   python3 test/support/werkzeug-request-properties.py > test/support/werkzeug-request-properties.json
# Request properties from headers, Response helpers and every HTTP exception's response, so the
# wiring of each documented property is tested, not only the header parsers beneath it.
import json, datetime
import werkzeug, werkzeug.exceptions as ex
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response
from importlib.metadata import version

assert version("werkzeug") == "3.1.8", version("werkzeug")

def req(headers):
    return Request(EnvironBuilder(path="/", headers=headers).get_environ())

def ts(d):
    return None if d is None else d.timestamp()

LANGS = ["en", "de-AT", "fr-FR", "en-GB", "pt"]
ENCODINGS = ["gzip", "br", "identity", "deflate"]
CHARSETS = ["utf-8", "iso-8859-1", "ascii"]
request_cases = []
for headers in [
    [],
    [("Accept-Language", "de-AT,de;q=0.9,en;q=0.5")],
    [("Accept-Language", "fr")],
    [("Accept-Language", "en-US, en;q=0.8, *;q=0.1")],
    [("Accept-Language", "pt-BR;q=0, pt;q=0.3")],
    [("Accept-Encoding", "gzip, deflate, br;q=1.0, *;q=0")],
    [("Accept-Encoding", "identity;q=0, br;q=0.5")],
    [("Accept-Encoding", "")],
    [("Accept-Charset", "utf-8, iso-8859-1;q=0.5")],
    [("Accept-Charset", "UTF-8;q=0.2, ascii")],
    [("If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")],
    [("If-Unmodified-Since", "Sunday, 06-Nov-94 08:49:37 GMT")],
    [("If-Unmodified-Since", "not a date")],
    [("Referer", "https://example.com/a?b=c")],
    [("Max-Forwards", "10")],
    [("Max-Forwards", "x")],
    [("Max-Forwards", "-1")],
    [("Pragma", "no-cache, x=1")],
    [("Access-Control-Request-Headers", "X-Token, content-type")],
    [("Access-Control-Request-Method", "PUT")],
    [("Origin", "https://app.example")],
]:
    r = req(headers)
    request_cases.append({
        "headers": headers,
        "acceptLanguages": [[v, q] for v, q in r.accept_languages],
        "acceptLanguagesBest": r.accept_languages.best_match(LANGS),
        "acceptEncodings": [[v, q] for v, q in r.accept_encodings],
        "acceptEncodingsBest": r.accept_encodings.best_match(ENCODINGS),
        "acceptCharsets": [[v, q] for v, q in r.accept_charsets],
        "acceptCharsetsBest": r.accept_charsets.best_match(CHARSETS),
        "ifUnmodifiedSince": ts(r.if_unmodified_since),
        "referrer": r.referrer,
        "maxForwards": r.max_forwards,
        "pragma": r.pragma.to_header(),
        "pragmaNoCache": "no-cache" in r.pragma,
        "accessControlRequestHeaders": list(r.access_control_request_headers or []),
        "accessControlRequestMethod": r.access_control_request_method,
        "origin": r.origin,
    })

response_cases = []
for body, overwrite, weak, preset in [(b"hello", False, False, None), (b"hello", False, True, None), (b"", False, False, None),
                                      (b"hello", False, False, "abc"), (b"hello", True, False, "abc"), ("h\u00e9llo", False, False, None)]:
    resp = Response(body)
    if preset: resp.set_etag(preset)
    resp.add_etag(overwrite=overwrite, weak=weak)
    response_cases.append({"body": body if isinstance(body, str) else body.decode(), "overwrite": overwrite, "weak": weak, "preset": preset, "etag": resp.headers.get("ETag")})

csp_cases = []
for directives in [[("default_src", "'self'")], [("default_src", "'self'"), ("img_src", "*"), ("script_src", "'self' cdn.example")], [("upgrade_insecure_requests", "")]]:
    resp = Response()
    for k, v in directives: setattr(resp.content_security_policy, k, v)
    resp.content_security_policy_report_only.default_src = "'none'"
    csp_cases.append({"directives": directives, "header": resp.headers.get("Content-Security-Policy"), "reportOnly": resp.headers.get("Content-Security-Policy-Report-Only")})

exceptions = []
for name in sorted(dir(ex)):
    cls = getattr(ex, name)
    if not (isinstance(cls, type) and issubclass(cls, ex.HTTPException) and cls.code): continue
    args = {"MethodNotAllowed": lambda: cls(valid_methods=["POST", "GET"]),
            "Unauthorized": lambda: cls(www_authenticate=werkzeug.datastructures.WWWAuthenticate("basic", {"realm": "wz"})),
            "RequestedRangeNotSatisfiable": lambda: cls(length=100),
            "TooManyRequests": lambda: cls(retry_after=120),
            "ServiceUnavailable": lambda: cls(retry_after=30)}.get(name, lambda: cls())
    e = args()
    resp = e.get_response()
    exceptions.append({"class": name, "code": e.code, "name": e.name, "description": e.description,
                       "status": resp.status, "headers": [[k, v] for k, v in resp.headers.items()], "body": resp.get_data(as_text=True)})

print(json.dumps({"werkzeug": "3.1.8", "request": request_cases, "addEtag": response_cases, "csp": csp_cases, "exceptions": exceptions}, indent=1, ensure_ascii=False))
