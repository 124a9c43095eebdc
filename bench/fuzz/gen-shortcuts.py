# Seeded random route tables and requests aimed at the code tier's shortcuts (first-character
# guard, exact-static table and its last-segment 404, folded-chain merge-slashes retry, length
# mask), written as oracle input (../shared/oracle format, without "expect"):
#   python3 bench/fuzz/gen-shortcuts.py --seed 1 --cases 200 [--host-rate 0.1] [--subdomain-rate 0.15] > /tmp/in.json
#   python3 ../shared/oracle/oracle.py /tmp/in.json > /tmp/out.w3.json
import json, random, sys

args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
rng = random.Random(int(args.get("--seed", "1")))
NCASES = int(args.get("--cases", "200"))

WORDS = ["docs", "install", "instal", "intro", "a", "b", "ab", "ba", "api", "v1", "v2", "users", "user",
         "x.json", "é", "édit", "~t", "-", "%41", "A", "Z", "0", "12", "abc", "abd", "acb", "zz", "q"]
DYN = ["<N>", "<int:N>", "<int(signed=True):N>", "<int(fixed_digits=2):N>", "<int(min=3, max=50):N>", "<float:N>",
       "<uuid:N>", "<any(a, b, ab, abc):N>", "<string(length=2):N>", "<string(minlength=2, maxlength=3):N>",
       "<string(minlength=0):N>", "v<int:N>", "<N>.json", "a<N>"]
METHODS = ["GET", "POST", "PUT", "DELETE"]


def segment(n):
    r = rng.random()
    if r < 0.7:
        return rng.choice(WORDS), n
    return rng.choice(DYN).replace("N", f"p{n}"), n + 1


def rule_path(static_first=False):
    n = 0
    segs = []
    if static_first:
        segs.append(rng.choice(WORDS))
    for _ in range(rng.randint(0 if static_first else 1, 3 if static_first else 4)):
        if rng.random() < 0.05:
            segs.append(f"<path:p{n}>")
            n += 1
            if rng.random() < 0.4:
                segs.append(rng.choice(WORDS))
            break
        s, n = segment(n)
        segs.append(s)
    text = "/" + "/".join(segs)
    if rng.random() < 0.08:  # a doubled slash inside the rule
        k = text.rfind("/")
        if k > 0:
            text = text[:k] + "/" + text[k:]
    if rng.random() < 0.25:
        text += "/"
    if rng.random() < 0.03:
        text = "/"
    return text


def make_rules(host_matching, subdomains, static_first):
    rules = []
    for k in range(rng.randint(2, 14)):
        r = {"rule": rule_path(static_first), "endpoint": f"e{k % 6}"}
        x = rng.random()
        if x < 0.35:
            r["methods"] = rng.sample(METHODS, rng.randint(1, 2))
        elif x < 0.38:
            r["methods"] = []
        if rng.random() < 0.2:
            r["strict_slashes"] = False
        if rng.random() < 0.12:
            r["merge_slashes"] = False
        if rng.random() < 0.06:
            r["websocket"] = True
            r.pop("methods", None)
        if rng.random() < 0.06:
            r["defaults"] = {"extra": 1}
        if rng.random() < 0.04:
            r["build_only"] = True
        if rng.random() < 0.03:
            r["redirect_to"] = "/moved"
        if rng.random() < 0.03 and k > 0:
            r["alias"] = True
        if subdomains and rng.random() < 0.5:
            r["subdomain"] = rng.choice(["api", "www", "<sub>", "<int:n>", ""])
        if host_matching:
            r["host"] = rng.choice(["example.com", "api.example.com", "<h>.example.com"])
        rules.append(r)
    return rules


def static_texts(rules):
    return [r["rule"] for r in rules if "<" not in r["rule"]]


def near_misses(text):
    out = [text]
    k = text.rstrip("/").rfind("/")
    last = text[k + 1:].rstrip("/")
    head = text[:k + 1]
    if last:
        i = rng.randrange(len(last))
        for c in ["q", "a", "1", "/", "é", "Z", "%"]:
            out.append(head + last[:i] + c + last[i + 1:])  # same length, one character off
        out.append(head + last[::-1])
        out.append(head + last[:-1])
        out.append(head + last + "x")
        out.append(head + "/" + last)
        out.append(head + last + "/")
        out.append(head + last + "//")
        out.append(head + "q" * len(last))
    out.append(text.replace("/", "//", 1))
    out.append("/" + text)
    if len(text) > 1:
        out.append(text[0] + chr(rng.choice([0x41, 0x7a, 0x30, 0x7f, 0x1f, 0xe9, 0x4e00, 0x20, 0x2f, 0x25])) + text[2:])
        out.append(text[:1] + "%" + format(ord(text[1]), "02X") + text[2:] if ord(text[1]) < 128 else text)
    if text.endswith("/"):
        out.append(text[:-1])
    return out


def fill(path):
    vals = ["7", "42", "-3", "05", "1.5", "a", "ab", "abc", "é", "12345678-1234-1234-1234-123456789abc", "x.json", "v3", "", "a/b"]
    out = []
    i = 0
    while i < len(path):
        if path[i] == "<":
            j = path.index(">", i)
            out.append(rng.choice(vals))
            i = j + 1
        else:
            out.append(path[i])
            i += 1
    return "".join(out)


def requests(rules, subdomains, host_matching):
    paths = set()
    for r in rules:
        paths.update(near_misses(fill(r["rule"])))
    for _ in range(10):
        segs = [rng.choice(WORDS + ["7", "", "Q", "é"]) for _ in range(rng.randint(0, 4))]
        paths.add("/" + "/".join(segs))
    paths.update(["/", "", "//", "/é", "/\x7f", "/ ", "/%", "/Q", "docs/install", "a", "//a//b", "/\U0001F600", "/\x00"])
    for r in rules[:4]:
        t = fill(r["rule"])
        paths.add(t.lstrip("/"))
        paths.add("/" + chr(rng.choice([0x80, 0xff, 0x100, 0x7f, 0x60, 0x40, 0x3f, 0x20, 0x21])) + t[1:])
    reqs = []
    for p in sorted(paths):
        for m in rng.sample(METHODS, 2):
            bind = {}
            if subdomains:
                bind = {"subdomain": rng.choice(["api", "www", "7", "other", ""])}
            if host_matching:
                bind = {"server_name": rng.choice(["example.com", "api.example.com", "x.example.com"])}
            ws = rng.random() < 0.08
            reqs.append({"path": p, "method": m, "query": "q=1" if rng.random() < 0.1 else "", "websocket": True if ws else None, "bind": bind})
    return reqs


cases = []
for c in range(NCASES):
    host_matching = rng.random() < float(args.get("--host-rate", "0.1"))
    subdomains = not host_matching and rng.random() < float(args.get("--subdomain-rate", "0.15"))
    static_first = rng.random() < 0.5
    rules = make_rules(host_matching, subdomains, static_first)
    # Often: several static keys sharing a prefix, so last-segment near misses meet real siblings.
    if rng.random() < 0.6:
        base = rng.choice(["/docs", "/a/b", "/api/v1", ""])
        for w in rng.sample(WORDS, 3):
            rules.append({"rule": f"{base}/{w}", "endpoint": "s" + str(len(rules)), **({"methods": ["GET"]} if rng.random() < 0.5 else {}),
                          **({"subdomain": rng.choice(["api", ""])} if subdomains else {}), **({"host": "example.com"} if host_matching else {})})
    m = {"strict_slashes": rng.random() < 0.8, "merge_slashes": rng.random() < 0.7, "host_matching": host_matching,
         "default_subdomain": "", "redirect_defaults": True, "sort_parameters": False}
    bind = {"server_name": "example.com", "script_name": "/", "subdomain": None, "url_scheme": "http", "default_method": "GET"}
    cases.append({"id": f"fuzz-{args.get('--seed', '1')}-{c}", "group": "fuzz", "map": m, "rules": rules, "bind": bind,
                  "match": requests(rules, subdomains, host_matching), "build": []})
print(json.dumps({"format": "werkzeug-routing-oracle/1", "cases": cases}))
