# Regenerates test/support/werkzeug-dict-operations.json:
#   PYTHONPATH=/path/to/werkzeug-3.1.8/src python3 test/support/werkzeug-dict-operations.py > test/support/werkzeug-dict-operations.json
# The operations mirror those in test/datastructures-operations.test.ts.
import json, random
from werkzeug.datastructures import Headers, MultiDict
random.seed(7)
KEYS=["a","A","b","B","Content-Type","content-type","x"]
VALS=["1","2","3","v w"]
def gen(n):
    ops=[]
    for _ in range(n):
        k=random.choice(KEYS); v=random.choice(VALS)
        op=random.choice(["add","set","setlist","delete","pop","popdef","setdefault","update_pairs","update_dict","extend","setlistdefault","popitem"])
        ops.append([op,k,v,[random.choice(VALS) for _ in range(random.randint(0,2))]])
    return ops
cases=[gen(random.randint(1,12)) for _ in range(150)]
def runH(ops):
    h=Headers(); log=[]
    for op,k,v,vs in ops:
        try:
            if op=="add": h.add(k,v)
            elif op=="set": h.set(k,v)
            elif op=="setlist": h.setlist(k,vs)
            elif op=="delete": h.remove(k)
            elif op=="pop": log.append(h.pop(k))
            elif op=="popdef": log.append(h.pop(k,"D"))
            elif op=="setdefault": log.append(h.setdefault(k,v))
            elif op=="update_pairs": h.update([(k,x) for x in vs])
            elif op=="update_dict": h.update({k: vs})
            elif op=="extend": h.extend({k: vs})
            elif op=="setlistdefault": log.append(h.setlistdefault(k, vs))
            elif op=="popitem": log.append(list(h.popitem()))
        except (KeyError, IndexError): log.append("KeyError")
    log.append([list(x) for x in h])
    return log
def runM(ops):
    m=MultiDict(); log=[]
    for op,k,v,vs in ops:
        try:
            if op=="add": m.add(k,v)
            elif op=="set": m[k]=v
            elif op=="setlist": m.setlist(k,vs)
            elif op=="delete": m.pop(k, None)
            elif op=="pop": log.append(m.pop(k))
            elif op=="popdef": log.append(m.pop(k,"D"))
            elif op=="setdefault": log.append(m.setdefault(k,v))
            elif op in ("update_pairs",): m.update([(k,x) for x in vs])
            elif op in ("update_dict","extend"): m.update({k: vs})
            elif op=="setlistdefault": log.append(list(m.setlistdefault(k, vs)))
            elif op=="popitem": log.append(list(m.popitem()))
        except KeyError: log.append("KeyError")
    log.append([list(x) for x in m.items(multi=True)])
    return log
import sys
sys.stdout.write(json.dumps({"about": "Random operation sequences run on Werkzeug 3.1.8 Headers and MultiDict: per case, the value each call returned (KeyError when it raised) and then the final items.", "cases": cases, "headers": [runH(c) for c in cases], "multidict": [runM(c) for c in cases]}, separators=(",", ":")))
