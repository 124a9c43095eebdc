# Regenerates test/support/werkzeug-client-headers.json: what Werkzeug 3.1.8's test Client sends
# for an explicit Host or Cookie header, with and without its cookie jar.
#   python3 test/support/werkzeug-client-headers.py > test/support/werkzeug-client-headers.json
import json
from werkzeug.test import Client
from werkzeug.wrappers import Request, Response

@Request.application
def echo(request):
    return Response(json.dumps({"host": request.host, "cookie": request.headers.get("Cookie"), "serverName": request.environ["SERVER_NAME"]}))

def ask(client, path="/", **kwargs):
    return json.loads(client.get(path, **kwargs).get_data(as_text=True))

cases = []
plain = Client(echo)
cases.append({"name": "explicit Host", "useCookies": True, "headers": {"Host": "example.org:8080"}, "answer": ask(plain, headers={"Host": "example.org:8080"})})
cases.append({"name": "explicit Host and base URL", "useCookies": True, "baseUrl": "http://other.test/", "headers": {"Host": "example.org"},
              "answer": ask(plain, base_url="http://other.test/", headers={"Host": "example.org"})})
no_jar = Client(echo, use_cookies=False)
cases.append({"name": "explicit Cookie without a jar", "useCookies": False, "headers": {"Cookie": "a=1; b=2"}, "answer": ask(no_jar, headers={"Cookie": "a=1; b=2"})})
empty_jar = Client(echo)
cases.append({"name": "explicit Cookie with an empty jar", "useCookies": True, "headers": {"Cookie": "a=1"}, "answer": ask(empty_jar, headers={"Cookie": "a=1"})})
full_jar = Client(echo)
full_jar.set_cookie("jar", "3")
cases.append({"name": "explicit Cookie with a jar cookie", "useCookies": True, "jar": {"jar": "3"}, "headers": {"Cookie": "a=1"}, "answer": ask(full_jar, headers={"Cookie": "a=1"})})
print(json.dumps(cases, indent=2))
