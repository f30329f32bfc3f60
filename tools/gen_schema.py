#!/usr/bin/env python3
"""Generates core/api/schema_*.cpp (the field tables behind core/api/schema.h).

Facts come from the Kubernetes v1.32.0 OpenAPI spec as packaged in the npm module
@kubernetes/client-node 1.1.x (dist/gen/models: attributeTypeMap for json names and types,
the .d.ts doc comments for descriptions and required fields). Which fields hold a
resource.Quantity is lost there, so it is read from kubernetes-models' .d.ts files.

    npm pack @kubernetes/client-node@1.1.2 kubernetes-models@5.1.0   # then untar both
    tools/gen_schema.py <client-node>/package/dist/gen/models <kubernetes-models>/package core/api
"""
import json, os, re, sys

MODELS, KM, OUT = sys.argv[1], sys.argv[2], sys.argv[3]

# Top-level kinds: (group, version, kind) -> model class.
KINDS = [
    ("", "v1", "Binding", "V1Binding"), ("", "v1", "ComponentStatus", "V1ComponentStatus"),
    ("", "v1", "ConfigMap", "V1ConfigMap"), ("", "v1", "Endpoints", "V1Endpoints"),
    ("", "v1", "Event", "CoreV1Event"), ("", "v1", "LimitRange", "V1LimitRange"),
    ("", "v1", "Namespace", "V1Namespace"), ("", "v1", "Node", "V1Node"),
    ("", "v1", "PersistentVolumeClaim", "V1PersistentVolumeClaim"),
    ("", "v1", "PersistentVolume", "V1PersistentVolume"), ("", "v1", "Pod", "V1Pod"),
    ("", "v1", "PodTemplate", "V1PodTemplate"),
    ("", "v1", "ReplicationController", "V1ReplicationController"),
    ("", "v1", "ResourceQuota", "V1ResourceQuota"), ("", "v1", "Secret", "V1Secret"),
    ("", "v1", "ServiceAccount", "V1ServiceAccount"), ("", "v1", "Service", "V1Service"),
    ("apps", "v1", "ControllerRevision", "V1ControllerRevision"),
    ("apps", "v1", "DaemonSet", "V1DaemonSet"), ("apps", "v1", "Deployment", "V1Deployment"),
    ("apps", "v1", "ReplicaSet", "V1ReplicaSet"), ("apps", "v1", "StatefulSet", "V1StatefulSet"),
    ("autoscaling", "v2", "HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"),
    ("autoscaling", "v1", "HorizontalPodAutoscaler", "V1HorizontalPodAutoscaler"),
    ("autoscaling", "v1", "Scale", "V1Scale"),
    ("batch", "v1", "CronJob", "V1CronJob"), ("batch", "v1", "Job", "V1Job"),
    ("coordination.k8s.io", "v1", "Lease", "V1Lease"),
    ("discovery.k8s.io", "v1", "EndpointSlice", "V1EndpointSlice"),
    ("events.k8s.io", "v1", "Event", "EventsV1Event"),
    ("networking.k8s.io", "v1", "IngressClass", "V1IngressClass"),
    ("networking.k8s.io", "v1", "Ingress", "V1Ingress"),
    ("networking.k8s.io", "v1", "NetworkPolicy", "V1NetworkPolicy"),
    ("policy", "v1", "PodDisruptionBudget", "V1PodDisruptionBudget"),
    ("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "V1ClusterRoleBinding"),
    ("rbac.authorization.k8s.io", "v1", "ClusterRole", "V1ClusterRole"),
    ("rbac.authorization.k8s.io", "v1", "RoleBinding", "V1RoleBinding"),
    ("rbac.authorization.k8s.io", "v1", "Role", "V1Role"),
    ("scheduling.k8s.io", "v1", "PriorityClass", "V1PriorityClass"),
    ("storage.k8s.io", "v1", "StorageClass", "V1StorageClass"),
]

# Typed string aliases Go names in "cannot unmarshal" errors (OpenAPI says "string").
ALIASES = {
    ("V1PodSpec", "restartPolicy"): "v1.RestartPolicy", ("V1PodSpec", "dnsPolicy"): "v1.DNSPolicy",
    ("V1PodSpec", "preemptionPolicy"): "v1.PreemptionPolicy",
    ("V1Container", "imagePullPolicy"): "v1.PullPolicy",
    ("V1Container", "terminationMessagePolicy"): "v1.TerminationMessagePolicy",
    ("V1EphemeralContainer", "imagePullPolicy"): "v1.PullPolicy",
    ("V1ContainerPort", "protocol"): "v1.Protocol", ("V1ServicePort", "protocol"): "v1.Protocol",
    ("CoreV1EndpointPort", "protocol"): "v1.Protocol", ("DiscoveryV1EndpointPort", "protocol"): "v1.Protocol",
    ("V1NetworkPolicyPort", "protocol"): "v1.Protocol",
    ("V1ServiceSpec", "type"): "v1.ServiceType", ("V1ServiceSpec", "sessionAffinity"): "v1.ServiceAffinity",
    ("V1ServiceSpec", "externalTrafficPolicy"): "v1.ServiceExternalTrafficPolicy",
    ("V1ServiceSpec", "internalTrafficPolicy"): "v1.ServiceInternalTrafficPolicy",
    ("V1ObjectMeta", "uid"): "types.UID", ("V1OwnerReference", "uid"): "types.UID",
    ("V1DeploymentStrategy", "type"): "v1.DeploymentStrategyType",
    ("V1StatefulSetSpec", "podManagementPolicy"): "v1.PodManagementPolicyType",
    ("V1StatefulSetUpdateStrategy", "type"): "v1.StatefulSetUpdateStrategyType",
    ("V1DaemonSetUpdateStrategy", "type"): "v1.DaemonSetUpdateStrategyType",
    ("V1CronJobSpec", "concurrencyPolicy"): "v1.ConcurrencyPolicy",
    ("V1PersistentVolumeClaimSpec", "volumeMode"): "v1.PersistentVolumeMode",
    ("V1PersistentVolumeSpec", "volumeMode"): "v1.PersistentVolumeMode",
    ("V1PersistentVolumeSpec", "persistentVolumeReclaimPolicy"): "v1.PersistentVolumeReclaimPolicy",
    ("V1Toleration", "operator"): "v1.TolerationOperator", ("V1Toleration", "effect"): "v1.TaintEffect",
    ("V1Taint", "effect"): "v1.TaintEffect", ("V1HTTPIngressPath", "pathType"): "v1.PathType",
    ("V1Secret", "type"): "v1.SecretType",
    ("V1NodeSelectorRequirement", "operator"): "v1.NodeSelectorOperator",
    ("V1LabelSelectorRequirement", "operator"): "v1.LabelSelectorOperator",
    ("V1StorageClass", "reclaimPolicy"): "v1.PersistentVolumeReclaimPolicy",
    ("V1StorageClass", "volumeBindingMode"): "v1.VolumeBindingMode",
}
ALIAS_ARRAYS = {
    ("V1PersistentVolumeClaimSpec", "accessModes"): "[]v1.PersistentVolumeAccessMode",
    ("V1PersistentVolumeSpec", "accessModes"): "[]v1.PersistentVolumeAccessMode",
    ("V1Capabilities", "add"): "[]v1.Capability", ("V1Capabilities", "drop"): "[]v1.Capability",
    ("V1NetworkPolicySpec", "policyTypes"): "[]v1.PolicyType",
    ("V1NamespaceSpec", "finalizers"): "[]v1.FinalizerName",
}

def unescape(s):
    return s.replace("\\'", "'").replace('\\"', '"').replace("\\\\", "\\")

def read_dts(cls):
    text = open(os.path.join(MODELS, cls + ".d.ts")).read()
    m = re.search(r"/\*\*\n((?:\s*\*.*\n)*?)\s*\*/\s*\nexport declare class", text)
    cdesc = ""
    if m:
        cdesc = " ".join(l.strip().lstrip("*").strip() for l in m.group(1).splitlines()).strip()
    body = text[text.index("export declare class"):]
    props = {}
    for pm in re.finditer(r"(?:/\*\*\n((?:\s*\*.*\n)*?)\s*\*/\s*\n)?\s*'([^']+)'(\??):", body):
        desc = ""
        if pm.group(1):
            desc = " ".join(l.strip().lstrip("*").strip() for l in pm.group(1).splitlines()).strip()
        props[pm.group(2)] = (unescape(desc), pm.group(3) != "?")
    return unescape(cdesc), props

def read_js(cls):
    text = open(os.path.join(MODELS, cls + ".js")).read()
    m = re.search(re.escape(cls) + r"\.attributeTypeMap = (\[.*?\n\]);", text, re.S)
    return json.loads(m.group(1)) if m else []

# Quantity fields, from kubernetes-models: {(TypeName, json field): "map"|"scalar"}.
QUANTITY = {}
for folder, prefix in (("v1", "V1"), ("autoscaling/v2", "V2")):
    d = os.path.join(KM, folder)
    for f in os.listdir(d):
        if not f.endswith(".d.ts"):
            continue
        text = open(os.path.join(d, f)).read()
        for m in re.finditer(r"\n\s+\"?([A-Za-z0-9_$]+)\"?\??: ([^;]*?(?:\{[^}]*\})?[^;]*);", text):
            if "IIoK8sApimachineryPkgApiResourceQuantity" in m.group(2):
                kind = "map" if "[key: string]" in m.group(2) else "scalar"
                QUANTITY[(prefix + f[:-5], m.group(1))] = kind

def go_name(cls):
    m = re.match(r"(?:Core|Discovery|Events|Rbac|Storage|Authentication|Flowcontrol|Admissionregistration|Apiextensions|Apiregistration|Resource)?(V\d+(?:alpha\d+|beta\d+)?)(.*)", cls)
    return m.group(1).lower() + "." + m.group(2)

types = {}   # cls -> dict
order = []

def type_spec(owner, f):
    t, fmt, name = f["type"], f["format"], f["baseName"]
    q = QUANTITY.get((owner, name))
    if q == "map":
        return "map:quantity", "v1.ResourceList"
    if q == "scalar":
        return "quantity", "resource.Quantity"
    if (owner, name) in ALIASES:
        return "string", ALIASES[(owner, name)]
    if (owner, name) in ALIAS_ARRAYS:
        return "[]string", ALIAS_ARRAYS[(owner, name)]
    return spec_of(t, fmt)

def spec_of(t, fmt):
    if t == "string":
        if fmt == "byte":
            return "bytes", "[]uint8"
        return "string", "string"
    if t == "number":
        if fmt == "int32": return "int32", "int32"
        if fmt == "int64": return "int64", "int64"
        return "double", "float64"
    if t == "boolean": return "bool", "bool"
    if t == "Date":
        return ("microtime", "v1.MicroTime") if fmt == "date-time-micro" else ("time", "v1.Time")
    if t == "V1MicroTime": return "microtime", "v1.MicroTime"
    if t == "IntOrString": return "intstr", "intstr.IntOrString"
    if t == "any": return "any", "runtime.RawExtension"
    m = re.match(r"Array<(.*)>$", t)
    if m:
        s, g = spec_of(m.group(1), fmt if m.group(1) == "string" else "")
        return "[]" + s, "[]" + g
    m = re.match(r"\{ \[key: string\]: (.*); \}$", t)
    if m:
        s, g = spec_of(m.group(1), fmt)
        return "map:" + s, "map[string]" + g
    visit(t)
    return "@" + t, go_name(t)

def visit(cls):
    if cls in types:
        return
    types[cls] = None
    cdesc, props = read_dts(cls)
    fields = []
    for f in read_js(cls):
        desc, req = props.get(f["name"], ("", False))
        spec, go = type_spec(cls, f)
        fields.append((f["baseName"], spec, go, desc, req))
    types[cls] = {"desc": cdesc, "fields": fields}
    order.append(cls)

for g, v, k, cls in KINDS:
    visit(cls)

# Which file each type lands in: the group of the first kind that reaches it.
home = {}
def assign(cls, file):
    if cls in home:
        return
    home[cls] = file
    for (_, spec, _, _, _) in types[cls]["fields"]:
        for ref in re.findall(r"@(\w+)", spec):
            assign(ref, file)

FILE_OF_GROUP = {"": "core", "apps": "apps", "batch": "batch", "networking.k8s.io": "networking",
                 "autoscaling": "autoscaling"}
for cls in ("V1ObjectMeta", "V1LabelSelector", "V1ListMeta", "V1Condition"):
    if cls in types:
        assign(cls, "meta")
for g, v, k, cls in KINDS:
    assign(cls, FILE_OF_GROUP.get(g, "other"))

def cstr(s):
    return json.dumps(s, ensure_ascii=False)

files = {}
for cls in order:
    files.setdefault(home[cls], []).append(cls)

total = 0
for fname, classes in sorted(files.items()):
    lines = [
        "// Generated by tools/gen_schema.py from the Kubernetes v1.32.0 OpenAPI spec",
        "// (field names, types, descriptions). Do not edit by hand.",
        '#include "core/api/schema_data.h"',
        "",
        "namespace kt::api::schema_data {",
        "",
        "void add_%s(std::vector<TypeDef>& out) {" % fname,
    ]
    for cls in classes:
        t = types[cls]
        lines.append("  out.push_back({%s, %s, %s, {" % (cstr(cls), cstr(go_name(cls)), cstr(t["desc"])))
        for (name, spec, go, desc, req) in t["fields"]:
            lines.append("      {%s, %s, %s, %s, %s}," % (cstr(name), cstr(spec), cstr(go), cstr(desc), "true" if req else "false"))
        lines.append("  }});")
    lines += ["}", "", "}  // namespace kt::api::schema_data", ""]
    text = "\n".join(lines)
    total += len(text)
    open(os.path.join(OUT, "schema_%s.cpp" % fname), "w").write(text)

kinds = ["// Generated by tools/gen_schema.py. Do not edit by hand.",
         '#include "core/api/schema_data.h"', "", "namespace kt::api::schema_data {", "",
         "const std::vector<KindDef>& kinds() {", "  static const std::vector<KindDef> k = {"]
for g, v, k, cls in KINDS:
    kinds.append("      {%s, %s, %s, %s}," % (cstr(g), cstr(v), cstr(k), cstr(cls)))
kinds += ["  };", "  return k;", "}", "", "void add_all(std::vector<TypeDef>& out) {"]
for fname in sorted(files):
    kinds.append("  add_%s(out);" % fname)
kinds += ["}", "", "}  // namespace kt::api::schema_data", ""]
open(os.path.join(OUT, "schema_kinds.cpp"), "w").write("\n".join(kinds))
print("types:", len(order), "bytes:", total, "files:", sorted(files), file=sys.stderr)
