"""Writes the parts of botocore's service models that serve validates with:
operations' input and output shapes, and each shape's type, members,
required list, min/max, pattern, enum and sensitive flag. Documentation,
errors, examples and exception shapes are dropped.

    python3 strip.py BOTOCORE_DATA_DIR   (botocore/data of botocore 1.44.8)

The models are Apache-2.0, Copyright Amazon.com, Inc. or its affiliates."""
import gzip, json, os, sys

KEEP = ("type", "members", "required", "min", "max", "pattern", "enum", "member", "key", "value", "sensitive")

def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        return json.load(f)

def strip(model):
    ops = {}
    for name, op in sorted(model["operations"].items()):
        ops[name] = {k: op[k]["shape"] for k in ("input", "output") if k in op}
    shapes = {}
    for name, shape in sorted(model["shapes"].items()):
        if shape.get("exception"):
            continue
        out = {k: shape[k] for k in KEEP if k in shape}
        if "members" in out:
            # A list of [name, ref]: declaration order, which messages follow.
            out["members"] = [[m, {"shape": v["shape"]}] for m, v in out["members"].items()]
        for k in ("member", "key", "value"):
            if k in out:
                out[k] = {"shape": out[k]["shape"]}
        shapes[name] = out
    meta = {k: model["metadata"][k] for k in ("targetPrefix", "signingName", "jsonVersion", "apiVersion")}
    return {"metadata": meta, "operations": ops, "shapes": shapes}

data = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
for service, version in (("acm", "2015-12-08"), ("acm-pca", "2017-08-22")):
    base = os.path.join(data, service, version, "service-2.json")
    model = load(base + ".gz" if os.path.exists(base + ".gz") else base)
    with open(os.path.join(here, service + ".json"), "w") as f:
        json.dump(strip(model), f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
