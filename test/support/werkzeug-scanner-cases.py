# Regenerates test/support/werkzeug-scanner-cases.json: Werkzeug 3.1.8's answers for random short
# strings over the characters that steer its backtracking regexes (quotes, escapes, separators,
# ASCII and Unicode whitespace, newlines), so wz's linear scanners can be checked against them:
#   python3 test/support/werkzeug-scanner-cases.py > test/support/werkzeug-scanner-cases.json
# Each parser below has a twin in test/http-scanners-werkzeug.test.ts; keep them in step.
import json, random, signal
from werkzeug.http import parse_etags, parse_accept_header
from werkzeug.sansio.http import parse_cookie
from werkzeug.sansio.multipart import MultipartDecoder, Field, File, NeedData
from werkzeug.datastructures import MIMEAccept

ALPHABET = ["a", "b", "=", ";", '"', "\\", " ", "\t", "\n", "\r", ",", "W", "/", "*", ".", "1", "\x0b", "\x1c", "\x85", "\xa0", "\u3000", "\ufeff"]
random.seed(15)

class Hang(Exception): pass
def _alarm(*a): raise Hang()
signal.signal(signal.SIGALRM, _alarm)
def run(fn, s):
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try: return fn(s)
    except Hang: return "HANG"
    except Exception: return "ERROR"
    finally: signal.setitimer(signal.ITIMER_REAL, 0)

def etags(s):
    e = parse_etags(s)
    return [sorted(x if x is not None else "" for x in e._strong), sorted(x if x is not None else "" for x in e._weak), e.star_tag]

def mime(s):
    a = parse_accept_header(s, MIMEAccept)
    return [[[v, q] for v, q in a], run(lambda _: a.best_match(["text/html", "application/json", "text/plain;format=flowed", "a/b", "a/b;c"]), 0)]

def part_headers(s):
    body = b"--X\r\nContent-Disposition: form-data; name=f\r\n" + s.encode("utf-8") + b"\r\n\r\nv\r\n--X--\r\n"
    decoder = MultipartDecoder(b"X")
    decoder.receive_data(body)
    decoder.receive_data(None)
    while True:
        event = decoder.next_event()
        if isinstance(event, (Field, File)):
            return [[k, v] for k, v in event.headers.items()]

PARSERS = {
    "cookie": lambda s: [list(x) for x in parse_cookie(s).items(multi=True)],
    "etags": etags,
    "mime": mime,
    "partHeaders": part_headers,
}
MIME_ALPHABET = ALPHABET + ["q", "=", "0", "html", "text", "json", "application", "*/*", "a/b"]

cases = {}
for name, parse in PARSERS.items():
    alphabet = MIME_ALPHABET if name == "mime" else ALPHABET
    seen = set()
    rows = []
    while len(rows) < 500:
        s = "".join(random.choice(alphabet) for _ in range(random.randint(0, 14)))
        if name == "partHeaders":
            s = "X-" + s.replace("\r", "").replace("\n\n", "\n")
        if s in seen: continue
        seen.add(s)
        rows.append([s, run(parse, s)])
    cases[name] = rows
print(json.dumps(cases, ensure_ascii=False, indent=0))
