#!/usr/bin/env python3
"""Print schemas of a Kubernetes OpenAPI v3 document in the text form of
core/api/openapi_schemas_data.inc (format: core/api/openapi_schemas.cpp).

    tools/openapi_schemas/to_text.py api__v1_openapi.json io.k8s.api.core.v1.Pod ...

Reads api/openapi-spec/v3/<group-version>_openapi.json of a kubernetes/kubernetes
checkout at the v1.32 tag; prints each named schema with its description, its
x-kubernetes-group-version-kind and its properties (type, required, description).
Enums need nothing: the loader takes them from the description's "Possible enum
values" list, which openapi-gen writes in the same order as the "enum" array.
"""
import json
import sys

PREFIX = "#/components/schemas/"


def type_of(p):
    if "allOf" in p and len(p["allOf"]) == 1 and "$ref" in p["allOf"][0]:
        return p["allOf"][0]["$ref"][len(PREFIX):]
    if "$ref" in p:
        return p["$ref"][len(PREFIX):]
    if p.get("type") == "array":
        return "[]" + type_of(p["items"])
    if p.get("type") == "object" and isinstance(p.get("additionalProperties"), dict):
        return "map[string]" + type_of(p["additionalProperties"])
    return p.get("type", "object")


def main():
    doc = json.load(open(sys.argv[1]))
    schemas = doc["components"]["schemas"]
    for name in sys.argv[2:]:
        s = schemas[name]
        head = "= " + name
        if s.get("type", "object") != "object":
            head += " type=" + s["type"]
        for g in s.get("x-kubernetes-group-version-kind", []):
            head += " gvk=%s/%s/%s" % (g["group"], g["version"], g["kind"])
        print(head)
        if s.get("description"):
            print(s["description"])
        required = set(s.get("required", []))
        for field, p in sorted(s.get("properties", {}).items()):
            print("@ %s %s%s" % (field, type_of(p), " required" if field in required else ""))
            if p.get("description"):
                print(p["description"])


if __name__ == "__main__":
    main()
