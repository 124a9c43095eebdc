# Records how Werkzeug's debugger reads WERKZEUG_DEBUG_PIN (get_pin_and_cookie_name): the PIN it
# shows for each value, "generated" when the value is ignored, null when the PIN is off.
# Run: python3 test/support/werkzeug-debug-pins.py > test/support/werkzeug-debug-pins.json
import json
import os

import werkzeug
from importlib.metadata import version
from werkzeug.debug import get_pin_and_cookie_name


def app(environ, start_response):
    return []


VALUES = ["123456789", "12345678", "1234567890", "1234567", "123456", "12", "12-34", "1-2-3",
          "off", "abc", "", "12a4", "---", "123 456"]

os.environ.pop("WERKZEUG_DEBUG_PIN", None)
default, _ = get_pin_and_cookie_name(app)
cases = []
for value in VALUES:
    os.environ["WERKZEUG_DEBUG_PIN"] = value
    pin, _ = get_pin_and_cookie_name(app)
    cases.append({"env": value, "pin": None if pin is None else ("generated" if pin == default else pin)})
print(json.dumps({"werkzeug": version("werkzeug"), "cases": cases}, indent=2))
