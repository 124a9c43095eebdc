# Run: PYTHONPATH=/tmp/wzsrc/src python3 test/support/gen-werkzeug-urlencoded-cases.py > test/support/werkzeug-urlencoded-cases.json
# Random urlencoded bodies (escapes, invalid UTF-8, +, &, =, non-ASCII) and Werkzeug 3.1.8's parse.
import io, json, random, base64
from werkzeug.wrappers import Request
rng = random.Random(7)
atoms = ["a", "b", "=", "&", "+", "%", "%2", "%zz", "%41", "%e2", "%98", "%83", "%C3", "%A9", "%FF", "%80", "%F0%9F", "%ED%A0%80", "%EF%BB%BF", "é", "☃", " ", "%25", "%26", "%3D", "[", "]", ";", "%C0%AF", "%F4%90%80%80", "%E0%80"]
cases = []
for i in range(300):
    text = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 14)))
    data = text.encode()
    if rng.random() < 0.05: data += b"\xff"
    r = Request.from_values(input_stream=io.BytesIO(data), content_length=len(data), content_type="application/x-www-form-urlencoded", method="POST")
    cases.append({"body": base64.b64encode(data).decode(), "werkzeug": [[k, v] for k, v in r.form.items(multi=True)]})
print(json.dumps({"generator": "Werkzeug 3.1.8, seed 7", "cases": cases}))
