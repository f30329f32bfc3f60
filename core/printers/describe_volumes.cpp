// Pod volumes: describeVolumes and one block per volume source.
#include <algorithm>
#include "core/printers/describe_util.h"
#include "core/util/quantity.h"

namespace kt::printers::describe_detail {
namespace {

// %v of a *bool: "<nil>" when unset. (Go prints a set pointer's address; the value
// is shown instead.)
std::string go_bool_ptr(const Json& src) {
  const Json& o = api::field(src, {"optional"});
  return o.is_boolean() ? (o.get<bool>() ? "true" : "false") : "<nil>";
}

std::string optional_of(const Json& src) { return api::field(src, {"optional"}) == Json(true) ? "true" : "false"; }

std::string bool_of(const Json& src, const char* f) { return api::field(src, {f}) == Json(true) ? "true" : "false"; }

void describe_volume_source(PrefixWriter& w, const Json& v) {
  if (v.contains("hostPath")) {
    const Json& h = v["hostPath"];
    std::string type = has(h, {"type"}) ? s(h, {"type"}) : "<none>";
    w.write(L2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + s(h, {"path"}) + "\n    HostPathType:\t" +
                    type + "\n");
  } else if (v.contains("emptyDir")) {
    const Json& e = v["emptyDir"];
    std::string limit = "<unset>";
    if (has(e, {"sizeLimit"}) && util::Quantity::from_json(e["sizeLimit"]).sign() > 0) limit = qty(e["sizeLimit"]);
    w.write(L2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t" +
                    s(e, {"medium"}) + "\n    SizeLimit:\t" + limit + "\n");
  } else if (v.contains("secret")) {
    w.write(L2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" + s(v["secret"], {"secretName"}) +
                    "\n    Optional:\t" + optional_of(v["secret"]) + "\n");
  } else if (v.contains("configMap")) {
    w.write(L2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" + s(v["configMap"], {"name"}) +
                    "\n    Optional:\t" + optional_of(v["configMap"]) + "\n");
  } else if (v.contains("nfs")) {
    const Json& n = v["nfs"];
    w.write(L2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t" + s(n, {"server"}) +
                    "\n    Path:\t" + s(n, {"path"}) + "\n    ReadOnly:\t" + bool_of(n, "readOnly") + "\n");
  } else if (v.contains("persistentVolumeClaim")) {
    const Json& c = v["persistentVolumeClaim"];
    w.write(L2,
            "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    "
            "ClaimName:\t" +
                s(c, {"claimName"}) + "\n    ReadOnly:\t" + bool_of(c, "readOnly") + "\n");
  } else if (v.contains("ephemeral")) {
    w.write(L2,
            "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the "
            "pod)\n");
    const Json& t = api::field(v, {"ephemeral", "volumeClaimTemplate"});
    if (t.is_object()) print_persistent_volume_claim(w, t, false, L2);
  } else if (v.contains("downwardAPI")) {
    w.write(L2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
    const Json& items = api::field(v, {"downwardAPI", "items"});
    if (items.is_array())
      for (const auto& m : items) {
        if (m.contains("fieldRef")) w.write(L3, s(m, {"fieldRef", "fieldPath"}) + " -> " + s(m, {"path"}) + "\n");
        if (m.contains("resourceFieldRef"))
          w.write(L3, s(m, {"resourceFieldRef", "resource"}) + " -> " + s(m, {"path"}) + "\n");
      }
  } else if (v.contains("projected")) {
    w.write(L2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    const Json& sources = api::field(v, {"projected", "sources"});
    if (sources.is_array())
      for (const auto& src : sources) {
        if (src.contains("secret"))
          w.write(L2, "SecretName:\t" + s(src["secret"], {"name"}) + "\n    SecretOptionalName:\t" +
                          go_bool_ptr(src["secret"]) + "\n");
        else if (src.contains("downwardAPI"))
          w.write(L2, "DownwardAPI:\ttrue\n");
        else if (src.contains("configMap"))
          w.write(L2, "ConfigMapName:\t" + s(src["configMap"], {"name"}) + "\n    ConfigMapOptional:\t" +
                          go_bool_ptr(src["configMap"]) + "\n");
        else if (src.contains("serviceAccountToken"))
          w.write(L2, "TokenExpirationSeconds:\t" + i64(src, {"serviceAccountToken", "expirationSeconds"}) + "\n");
      }
  } else if (v.contains("csi")) {
    const Json& c = v["csi"];
    w.write(L2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t" + s(c, {"driver"}) +
                    "\n    FSType:\t" + s(c, {"fsType"}) + "\n    ReadOnly:\t" + bool_of(c, "readOnly") + "\n");
    w.write(L2, "VolumeAttributes:\t");
    const Json& attrs = api::field(c, {"volumeAttributes"});
    if (!attrs.is_object() || attrs.empty()) {
      w.line("<none>");
    } else {
      bool first = true;
      for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        if (!first) w.write(L2, "\t");
        first = false;
        std::string line = it.key() + "=" + it.value().get<std::string>();
        if (line.size() > 140) line = line.substr(0, 140) + "...";
        w.write(L2, line + "\n");
      }
    }
  } else if (v.contains("image")) {
    w.write(L2, "Type:\tImage (a container image or OCI artifact)\n    Reference:\t" + s(v["image"], {"reference"}) +
                    "\n    PullPolicy:\t" + s(v["image"], {"pullPolicy"}) + "\n");
  } else {
    w.write(L1, "<unknown>\n");
  }
}

}  // namespace

void describe_volumes(PrefixWriter& w, const Json& volumes, const std::string& space) {
  if (!volumes.is_array() || volumes.empty()) {
    w.write(L0, space + "Volumes:\t<none>\n");
    return;
  }
  w.write(L0, space + "Volumes:\n");
  const std::string name_indent = space.empty() ? "" : " ";
  for (const auto& v : volumes) {
    w.write(L1, name_indent + s(v, {"name"}) + ":\n");
    describe_volume_source(w, v);
  }
}

}  // namespace kt::printers::describe_detail
