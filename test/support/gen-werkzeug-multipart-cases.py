# Run (pip's Werkzeug 3.1.8, or PYTHONPATH=<werkzeug-3.1.8>/src): python3 test/support/gen-werkzeug-multipart-cases.py > test/support/werkzeug-multipart-cases.json
# Generates random, often malformed, multipart bodies and records Werkzeug 3.1.8's answers.
import io, json, random, base64
from werkzeug.wrappers import Request
from werkzeug.exceptions import HTTPException

def answer(data, ct, **limits):
    r = Request.from_values(input_stream=io.BytesIO(data), content_length=len(data), content_type=ct, method="POST")
    for k, v in limits.items(): setattr(r, k, v)
    try:
        form = [[k, v] for k, v in r.form.items(multi=True)]
        files = [[k, f.filename, base64.b64encode(f.read()).decode()] for k, f in r.files.items(multi=True)]
        return {"form": form, "files": files}
    except HTTPException as e:
        return {"status": e.code}

def body(rng, b):
    lb = rng.choice([b"\r\n"] * 6 + [b"\n", b"\r"])
    out = b""
    if rng.random() < 0.2: out += rng.choice([b"preamble", b"\r\n", b"\n\n", b"junk--" + b])
    if rng.random() < 0.2 and out: out += lb
    for i in range(rng.randint(0, 4)):
        out += b"--" + b + rng.choice([b"", b"", b"", b" ", b"\t "]) + lb
        headers = []
        kind = rng.random()
        name = rng.choice([b"a", b"b", b"", b"x y", b"\xc3\xa9", b"a[b]"])
        if kind < 0.85:
            cd = b'form-data; name="' + name + b'"'
            if rng.random() < 0.4: cd += b'; filename="' + rng.choice([b"f.txt", b"", b"../p", b"a%22b", b"\xe2\x98\x83"]) + b'"'
            if rng.random() < 0.1: cd = b"form-data;" + lb + b" name=" + name
            headers.append(b"Content-Disposition: " + cd)
        if rng.random() < 0.3: headers.append(b"Content-Type: text/plain; charset=" + rng.choice([b"utf-8", b"iso-8859-1", b"ascii", b"utf-7", b"latin1"]))
        if rng.random() < 0.1: headers.append(b"garbage")
        if rng.random() < 0.05: headers.append(b"X: \xff")
        rng.shuffle(headers)
        out += lb.join(headers) + lb + lb
        content = bytes(rng.choice(b"ab\r\n-\xe9\xff ") for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.1: content += b"--" + b
        out += content + lb
    out += b"--" + b + rng.choice([b"--", b"--", b"--\r\n", b"--epilogue", b"", b"-"])
    if rng.random() < 0.1: out = out[: rng.randint(0, len(out))]
    return out

rng = random.Random(20261126)
cases = []
for i in range(400):
    b = rng.choice([b"foo", b"----WebKitFormBoundary7MA4YWxkTrZu0gW", b"a.b+c"])
    data = body(rng, b)
    ct = "multipart/form-data; boundary=" + ('"' + b.decode() + '"' if b"+" in b else b.decode())
    limits = {}
    if rng.random() < 0.15: limits["max_form_parts"] = rng.randint(0, 3)
    # (no small max_form_memory_size: there wz deliberately differs, see docs/forms.md)
    cases.append({"body": base64.b64encode(data).decode(), "contentType": ct, "limits": {"maxFormParts": limits.get("max_form_parts"), "maxFormMemorySize": limits.get("max_form_memory_size")}, "werkzeug": answer(data, ct, **limits)})

# Well-formed bodies with real content: several fields and files per body, every charset the
# decoder knows, quoted and escaped names, contents holding CR, LF and boundary look-alikes, and
# sizes that cross the parser's buffer edges. Werkzeug parses each into a non-empty answer.
def valid_body(rng, b):
    lb = b"\r\n"
    out = b""
    if rng.random() < 0.2: out += b"preamble text" + lb
    for i in range(rng.randint(1, 6)):
        name = rng.choice([b"title", b"tags", b"tags", b"note", b"\xc3\xa9t\xc3\xa9", b"a[b]", b"x y", b'q\\"t'])
        out += b"--" + b + lb
        cd = b'Content-Disposition: form-data; name="' + name + b'"'
        is_file = rng.random() < 0.4
        if is_file: cd += b'; filename="' + rng.choice([b"notes.txt", b"photo.JPG", b"\xe2\x98\x83.bin", b"C:\\temp\\a.txt", b"dir/b.csv"]) + b'"'
        headers = [cd]
        if is_file: headers.append(b"Content-Type: " + rng.choice([b"text/plain", b"application/octet-stream", b"image/jpeg"]))
        elif rng.random() < 0.3: headers.append(b"Content-Type: text/plain; charset=" + rng.choice([b"utf-8", b"iso-8859-1", b"latin1"]))
        out += lb.join(headers) + lb + lb
        size = rng.choice([0, 1, 5, 40, 300, 1500, 5000])
        alphabet = b"abc xyz\r\n-\xc3\xa9" if not is_file else bytes(range(256))
        content = bytes(rng.choice(alphabet) for _ in range(size))
        if rng.random() < 0.2: content += b"\r\n--" + b[:-1]
        out += content + lb
    out += b"--" + b + b"--" + rng.choice([b"", b"\r\n", b"\r\nepilogue"])
    return out

rng = random.Random(20261207)
for i in range(200):
    b = rng.choice([b"foo", b"----WebKitFormBoundary7MA4YWxkTrZu0gW", b"a.b+c"])
    data = valid_body(rng, b)
    ct = "multipart/form-data; boundary=" + ('"' + b.decode() + '"' if b"+" in b else b.decode())
    cases.append({"body": base64.b64encode(data).decode(), "contentType": ct, "limits": {"maxFormParts": None, "maxFormMemorySize": None}, "werkzeug": answer(data, ct)})
print(json.dumps({"generator": "Werkzeug 3.1.8, seeds 20261126 (400 malformed) and 20261207 (200 well-formed)", "cases": cases}))
