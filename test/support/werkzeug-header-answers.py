# Regenerates test/support/werkzeug-header-answers.json from Werkzeug 3.1.8's own test inputs
# (from a checkout's tests/ folder, or the strings of the previous recording) plus probes:
#   PYTHONPATH=/path/to/werkzeug-3.1.8/src python3 test/support/werkzeug-header-answers.py \
#     /path/to/werkzeug-3.1.8/tests > test/support/werkzeug-header-answers.json
#   python3 test/support/werkzeug-header-answers.py test/support/werkzeug-header-answers.json > new.json
# Each parser below has a twin in test/http-werkzeug-answers.test.ts; keep them in step.
import ast, json, sys
from werkzeug.http import *
from werkzeug.sansio.http import parse_cookie as sparse_cookie
from werkzeug.datastructures import *
from werkzeug._internal import _plain_int
strings=set()
if sys.argv[1].endswith(".json"):
    # The strings of an earlier recording (Werkzeug's test inputs, already filtered), so the probes
    # below can be added without a Werkzeug source checkout.
    strings.update(json.load(open(sys.argv[1]))["strings"])
else:
    for f in [sys.argv[1] + "/test_http.py", sys.argv[1] + "/test_datastructures.py"]:
        for node in ast.walk(ast.parse(open(f).read())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 100 and not node.value.startswith(("test_", "def ", "\n    ")):
                strings.add(node.value)
# extra probes
strings.update(["", " ", ",", ";", "=", '"', "a=b", 'W/"x"', "*", "bytes=0-", "max-age=5", "text/html;level=1;q=0.5", "en-US,en;q=0.9", "Basic Og==", "Sun, 06 Nov 1994 08:49:37 GMT"])
# probes with real content for the parsers whose inputs above are mostly not of their kind
strings.update([
    "bytes=0-499", "bytes=500-999", "bytes=-500", "bytes=9500-", "bytes=0-0,-1", "bytes=5-2", "bytes=0-10, 20-30", "items=1-2",
    "bytes 0-499/1234", "bytes 500-999/*", "bytes */1234", "bytes 5-2/10", "bytes 0-99/100",
    "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Mon, 01 Jan 2024 00:00:00 GMT", "Tue, 29 Feb 2000 23:59:59 GMT",
    "06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 +0100",
    "0", "1", "42", "86400", "007", "-1", "+5", "1_000", "12345678901234567890", " 12 ",
    "default-src 'self'", "default-src 'self'; img-src *; script-src 'self' cdn.example", "upgrade-insecure-requests; default-src https:",
    "max-age=0, must-revalidate", "no-cache, no-store, max-age=60, s-maxage=300, private", "public, max-age=31536000, immutable",
    "max-stale, min-fresh=10, only-if-cached, stale-if-error=5",
    '"abc", W/"def", "ghi"', 'W/"weak"', '"strong"', '*, "x"',
    "session=abc123; theme=dark", 'a="quoted value"; b=2', "x=1; x=2; y", "lang=en-US; __Host-id=7",
    'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", response="6629fae49393a05397450978507c4ef1"',
    "Bearer abc.def.ghi", "Basic dXNlcjpwYXNz", 'Basic realm="wz", charset="UTF-8"', 'Bearer realm="api", error="invalid_token"',
    "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", "application/json;q=0.5, text/plain",
    "gzip, deflate, br;q=1.0, identity;q=0.5, *;q=0", "da, en-gb;q=0.8, en;q=0.7", "utf-8, iso-8859-1;q=0.5",
    'form-data; name="field"; filename="a b.txt"', "text/plain; charset=utf-8; format=flowed", 'attachment; filename*=UTF-8\'\'%e2%82%ac%20rates',
])
strings=sorted(s for s in strings if "\n" not in s or s in ("a\n",))
def d(x): return sorted([list(i) for i in x.items()])
def ts(x): return None if x is None else x.timestamp()
import signal
class Hang(Exception): pass
def _alarm(*a): raise Hang()
signal.signal(signal.SIGALRM, _alarm)
def run(fn, s):
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try: return fn(s)
    except Hang: return "HANG"
    except Exception as e: return "ERROR"
    finally: signal.setitimer(signal.ITIMER_REAL, 0)
def acc(a): return [[v,q] for v,q in a]
P = {
 "options": lambda s: (lambda r: [r[0], d(r[1])])(parse_options_header(s)),
 "list": lambda s: parse_list_header(s),
 "dict": lambda s: d(parse_dict_header(s)),
 "accept": lambda s: (lambda a: [acc(a), a.provided, a.to_header(), a.best_match(["gzip","identity","br"])])(parse_accept_header(s, Accept)),
 "mime": lambda s: (lambda a: [acc(a), a.to_header(), run(lambda _: a.best_match(["text/html","application/json","text/plain;format=flowed","image/*"]), 0), run(lambda _: [a.accept_html, a.accept_json], 0)])(parse_accept_header(s, MIMEAccept)),
 "lang": lambda s: (lambda a: [acc(a), a.best_match(["en","de-AT","fr-fr", "en-GB"])])(parse_accept_header(s, LanguageAccept)),
 "reqcc": lambda s: (lambda c: [d(c), c.max_age, c.no_cache, c.no_store, c.max_stale, c.min_fresh, c.only_if_cached, c.stale_if_error])(parse_cache_control_header(s, cls=RequestCacheControl)),
 "respcc": lambda s: (lambda c: [c.to_header(), c.no_cache, c.private, c.s_maxage])(parse_cache_control_header(s, cls=ResponseCacheControl)),
 "csp": lambda s: (lambda c: [d(c), c.to_header()])(parse_csp_header(s)),
 "set": lambda s: (lambda h: [list(h), h.to_header(), len(h)])(parse_set_header(s)),
 "etags": lambda s: (lambda e: [sorted(x if x is not None else "" for x in e._strong), sorted(e._weak), e.star_tag, bool(e)])(parse_etags(s)),
 "range": lambda s: (lambda r: None if r is None else [r.units, [list(x) for x in r.ranges], r.to_header(), r.range_for_length(100)])(parse_range_header(s)),
 "crange": lambda s: (lambda r: None if r is None else [r.units, r.start, r.stop, r.length, r.to_header()])(parse_content_range_header(s)),
 "ifrange": lambda s: (lambda r: [r.etag, ts(r.date)])(parse_if_range_header(s)),
 "date": lambda s: ts(parse_date(s)),
 "age": lambda s: (lambda a: None if a is None else a.total_seconds())(parse_age(s)),
 "cookie": lambda s: [list(x) for x in sparse_cookie(s).items(multi=True)],
 "auth": lambda s: (lambda a: None if a is None else [a.type, d(a.parameters), a.token, a.to_header()])(Authorization.from_header(s)),
 "www": lambda s: (lambda a: None if a is None else [a.type, d(a.parameters), a.token, a.to_header()])(WWWAuthenticate.from_header(s)),
 "unquote_etag": lambda s: list(unquote_etag(s)),
 "quote": lambda s: [quote_header_value(s), quote_header_value(s, allow_token=False), unquote_header_value(s)],
 "dump_cookie": lambda s: dump_cookie("k", s),
 "plain_int": lambda s: _plain_int(s),
 "content_length": lambda s: __import__("werkzeug.sansio.utils").sansio.utils.get_content_length(s, s),
}
results = {k: [run(f, s) for s in strings] for k, f in P.items()}
import re
keep = [i for i, s in enumerate(strings)
        if (not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", s) or len(s) <= 3 or s in ("gzip", "bytes", "Basic", "Bearer", "Digest", "token"))
        and not re.fullmatch(r"[A-Za-z][a-z]+( [a-z]+){3,}.*", s)]
empty = strings.index("")
out = {
    "about": "Werkzeug 3.1.8 answers for the header-like string literals of its tests/test_http.py and tests/test_datastructures.py. Per parser only answers that differ from its answer for the empty string are listed; HANG means Werkzeug never returns.",
    "strings": [strings[i] for i in keep],
    "default": {k: v[empty] for k, v in results.items()},
    "answers": {k: {str(j): v[i] for j, i in enumerate(keep) if v[i] != v[empty]} for k, v in results.items()},
}
sys.stdout.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")))
