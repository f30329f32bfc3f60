// Storage: PersistentVolume, PersistentVolumeClaim (printPersistentVolumeClaim is
// shared with ephemeral volumes), StorageClass.
#include <algorithm>
#include <set>
#include "core/api/labels.h"
#include "core/printers/describe_util.h"

namespace kt::printers::describe_detail {

void print_persistent_volume_claim(PrefixWriter& w, const Json& pvc, bool full, int extra_level) {
  w.nest += extra_level;
  if (full) {
    w.write(L0, "Name:\t" + api::meta::name(pvc) + "\n");
    w.write(L0, "Namespace:\t" + api::meta::namespace_of(pvc) + "\n");
  }
  std::string sc = s(pvc, {"spec", "storageClassName"});
  if (!has(pvc, {"spec", "storageClassName"}))
    sc = s(pvc, {"metadata", "annotations", "volume.beta.kubernetes.io/storage-class"});
  w.write(L0, "StorageClass:\t" + sc + "\n");
  if (full) {
    if (api::meta::being_deleted(pvc)) w.write(L0, "Status:\tTerminating\n");
    else w.write(L0, "Status:\t" + s(pvc, {"status", "phase"}) + "\n");
  }
  const std::string volume = s(pvc, {"spec", "volumeName"});
  w.write(L0, "Volume:\t" + volume + "\n");
  labels_multiline(w, "Labels", api::meta::labels(pvc));
  annotations_multiline(w, "Annotations", api::meta::annotations(pvc));
  if (full) w.write(L0, "Finalizers:\t" + go_list(api::field(pvc, {"metadata", "finalizers"})) + "\n");
  std::string capacity, modes;
  if (!volume.empty()) {
    modes = access_modes(api::field(pvc, {"status", "accessModes"}));
    capacity = qty(api::field(pvc, {"status", "capacity", "storage"}));
  }
  w.write(L0, "Capacity:\t" + capacity + "\n");
  w.write(L0, "Access Modes:\t" + modes + "\n");
  if (has(pvc, {"spec", "volumeMode"})) w.write(L0, "VolumeMode:\t" + s(pvc, {"spec", "volumeMode"}) + "\n");
  if (has(pvc, {"spec", "dataSource"})) {
    const Json& d = pvc["spec"]["dataSource"];
    w.write(L0, "DataSource:\n");
    if (has(d, {"apiGroup"})) w.write(L1, "APIGroup:\t" + s(d, {"apiGroup"}) + "\n");
    w.write(L1, "Kind:\t" + s(d, {"kind"}) + "\n");
    w.write(L1, "Name:\t" + s(d, {"name"}) + "\n");
  }
  w.nest -= extra_level;
}

std::string access_modes(const Json& am) {
  std::vector<std::string> out;
  auto contains = [&](const char* m) {
    if (am.is_array())
      for (const auto& x : am)
        if (x == Json(m)) return true;
    return false;
  };
  if (contains("ReadWriteOnce")) out.push_back("RWO");
  if (contains("ReadOnlyMany")) out.push_back("ROX");
  if (contains("ReadWriteMany")) out.push_back("RWX");
  if (contains("ReadWriteOncePod")) out.push_back("RWOP");
  return join_strings(out, ",");
}

std::string describe_pv(const DescribeContext& ctx, const Json& pv) {
  PrefixWriter w;
  const Json& spec = api::field(pv, {"spec"});
  w.write(L0, "Name:\t" + api::meta::name(pv) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(pv));
  annotations_multiline(w, "Annotations", api::meta::annotations(pv));
  w.write(L0, "Finalizers:\t" + go_list(api::field(pv, {"metadata", "finalizers"})) + "\n");
  std::string sc = s(spec, {"storageClassName"});
  if (!has(spec, {"storageClassName"})) sc = s(pv, {"metadata", "annotations", "volume.beta.kubernetes.io/storage-class"});
  w.write(L0, "StorageClass:\t" + sc + "\n");
  if (api::meta::being_deleted(pv))
    w.write(L0, "Status:\tTerminating (lasts " + since(ctx, s(pv, {"metadata", "deletionTimestamp"})) + ")\n");
  else
    w.write(L0, "Status:\t" + s(pv, {"status", "phase"}) + "\n");
  if (has(spec, {"claimRef"}))
    w.write(L0, "Claim:\t" + s(spec, {"claimRef", "namespace"}) + "/" + s(spec, {"claimRef", "name"}) + "\n");
  else
    w.write(L0, "Claim:\t\n");
  w.write(L0, "Reclaim Policy:\t" + s(spec, {"persistentVolumeReclaimPolicy"}) + "\n");
  w.write(L0, "Access Modes:\t" + access_modes(api::field(spec, {"accessModes"})) + "\n");
  if (has(spec, {"volumeMode"})) w.write(L0, "VolumeMode:\t" + s(spec, {"volumeMode"}) + "\n");
  w.write(L0, "Capacity:\t" + qty(api::field(spec, {"capacity", "storage"})) + "\n");
  w.write(L0, "Node Affinity:\t");
  const Json& req = api::field(spec, {"nodeAffinity", "required"});
  if (!req.is_object()) {
    w.line("<none>");
  } else {
    w.line("");
    w.write(L1, "Required Terms:\t");
    const Json& terms = api::field(req, {"nodeSelectorTerms"});
    if (!terms.is_array() || terms.empty()) {
      w.line("<none>");
    } else {
      w.line("");
      for (std::size_t i = 0; i < terms.size(); ++i) {
        w.write(L2, "Term " + std::to_string(i) + ":\t");
        const Json& exprs = api::field(terms[i], {"matchExpressions"});
        if (!exprs.is_array() || exprs.empty()) {
          w.line("<none>");
          continue;
        }
        for (std::size_t j = 0; j < exprs.size(); ++j) {
          if (j) w.write(L2, "\t");
          std::string op = s(exprs[j], {"operator"});
          std::transform(op.begin(), op.end(), op.begin(), ::tolower);
          std::string text = s(exprs[j], {"key"}) + " " + op;
          const Json& vals = api::field(exprs[j], {"values"});
          if (vals.is_array() && !vals.empty()) {
            std::string v;
            for (const auto& x : vals) v += (v.empty() ? "" : ", ") + x.get<std::string>();
            text += " [" + v + "]";
          }
          w.write(L0, text + "\n");
        }
      }
    }
  }
  w.write(L0, "Message:\t" + s(pv, {"status", "message"}) + "\n");
  w.write(L0, "Source:\n");
  if (has(spec, {"hostPath"})) {
    const Json& h = spec["hostPath"];
    w.write(L2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + s(h, {"path"}) + "\n    HostPathType:\t" +
                    (has(h, {"type"}) ? s(h, {"type"}) : "<none>") + "\n");
  } else if (has(spec, {"nfs"})) {
    const Json& n = spec["nfs"];
    w.write(L2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t" + s(n, {"server"}) +
                    "\n    Path:\t" + s(n, {"path"}) + "\n    ReadOnly:\t" +
                    (api::field(n, {"readOnly"}) == Json(true) ? "true" : "false") + "\n");
  } else if (has(spec, {"local"})) {
    w.write(L2, "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t" +
                    s(spec, {"local", "path"}) + "\n");
  } else if (has(spec, {"csi"})) {
    const Json& c = spec["csi"];
    w.write(L2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t" + s(c, {"driver"}) +
                    "\n    FSType:\t" + s(c, {"fsType"}) + "\n    VolumeHandle:\t" + s(c, {"volumeHandle"}) +
                    "\n    ReadOnly:\t" + (api::field(c, {"readOnly"}) == Json(true) ? "true" : "false") + "\n");
    w.write(L2, "VolumeAttributes:\t");
    const Json& attrs = api::field(c, {"volumeAttributes"});
    if (!attrs.is_object() || attrs.empty()) {
      w.line("<none>");
    } else {
      bool first = true;
      for (const auto& k : sorted_keys(attrs)) {
        if (!first) w.write(L2, "\t");
        first = false;
        std::string line = k + "=" + s(attrs, {k});
        if (line.size() > 140) line = line.substr(0, 140) + "...";
        w.write(L2, line + "\n");
      }
    }
  } else {
    w.write(L1, "<unknown>\n");
  }
  events_of(ctx, w, pv, "PersistentVolume");
  return w.finish();
}

std::string describe_pvc(const DescribeContext& ctx, const Json& pvc) {
  PrefixWriter w;
  const std::string ns = api::meta::namespace_of(pvc), name = api::meta::name(pvc);
  std::vector<std::string> used_by;
  std::vector<api::ObjectPtr> pods = ctx.api.list(resource_info(ctx, "", "v1", "pods"), ns).items;
  std::set<std::string> seen;
  for (const auto& p : pods) {
    const Json& vols = api::field(*p, {"spec", "volumes"});
    if (!vols.is_array()) continue;
    for (const auto& v : vols)
      if (s(v, {"persistentVolumeClaim", "claimName"}) == name) {
        used_by.push_back(api::meta::name(*p));
        seen.insert(api::meta::uid(*p));
      }
  }
  const Json& owners = api::field(pvc, {"metadata", "ownerReferences"});
  if (owners.is_array())
    for (const auto& o : owners) {
      if (s(o, {"kind"}) != "Pod" || seen.count(s(o, {"uid"}))) continue;
      for (const auto& p : pods)
        if (api::meta::uid(*p) == s(o, {"uid"})) {
          used_by.push_back(api::meta::name(*p));
          seen.insert(s(o, {"uid"}));
        }
    }
  print_persistent_volume_claim(w, pvc, true, 0);
  w.write(L0, "Used By:\t");
  if (used_by.empty()) {
    w.line("<none>");
  } else {
    std::stable_sort(used_by.begin(), used_by.end());
    for (std::size_t i = 0; i < used_by.size(); ++i) {
      if (i) w.write(L0, "\t");
      w.write(L0, used_by[i] + "\n");
    }
  }
  const Json& conds = api::field(pvc, {"status", "conditions"});
  if (conds.is_array() && !conds.empty()) {
    w.write(L0, "Conditions:\n");
    w.write(L1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(L1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const auto& c : conds)
      w.write(L1, s(c, {"type"}) + " \t" + s(c, {"status"}) + " \t" + rfc1123z(s(c, {"lastProbeTime"})) + " \t" +
                      rfc1123z(s(c, {"lastTransitionTime"})) + " \t" + s(c, {"reason"}) + " \t" + s(c, {"message"}) + "\n");
  }
  events_of(ctx, w, pvc, "PersistentVolumeClaim");
  return w.finish();
}

std::string describe_storage_class(const DescribeContext& ctx, const Json& sc) {
  PrefixWriter w;
  const Json& ann = api::meta::annotations(sc);
  auto is_default = [&](const char* key) { return ann.is_object() && ann.contains(key) && ann[key] == Json("true"); };
  w.write(L0, "Name:\t" + api::meta::name(sc) + "\n");
  w.write(L0, std::string("IsDefaultClass:\t") +
                  (is_default("storageclass.kubernetes.io/is-default-class") ||
                           is_default("storageclass.beta.kubernetes.io/is-default-class")
                       ? "Yes"
                       : "No") +
                  "\n");
  w.write(L0, "Annotations:\t" + api::format_labels(ann) + "\n");
  w.write(L0, "Provisioner:\t" + s(sc, {"provisioner"}) + "\n");
  w.write(L0, "Parameters:\t" + api::format_labels(api::field(sc, {"parameters"})) + "\n");
  w.write(L0, "AllowVolumeExpansion:\t" +
                  (has(sc, {"allowVolumeExpansion"}) ? go_bool_title(sc["allowVolumeExpansion"] == Json(true)) : "<unset>") +
                  "\n");
  const Json& mo = api::field(sc, {"mountOptions"});
  if (!mo.is_array() || mo.empty()) {
    w.write(L0, "MountOptions:\t<none>\n");
  } else {
    w.write(L0, "MountOptions:\n");
    for (const auto& o : mo) w.write(L1, o.get<std::string>() + "\n");
  }
  if (has(sc, {"reclaimPolicy"})) w.write(L0, "ReclaimPolicy:\t" + s(sc, {"reclaimPolicy"}) + "\n");
  if (has(sc, {"volumeBindingMode"})) w.write(L0, "VolumeBindingMode:\t" + s(sc, {"volumeBindingMode"}) + "\n");
  const Json& topo = api::field(sc, {"allowedTopologies"});
  if (topo.is_array()) {
    w.write(L0, "AllowedTopologies:\t");
    if (topo.empty()) {
      w.line("<none>");
    } else {
      w.line("");
      for (std::size_t i = 0; i < topo.size(); ++i) {
        w.write(L1, "Term " + std::to_string(i) + ":\t");
        const Json& reqs = api::field(topo[i], {"matchLabelExpressions"});
        if (!reqs.is_array() || reqs.empty()) {
          w.line("<none>");
          continue;
        }
        for (std::size_t j = 0; j < reqs.size(); ++j) {
          if (j) w.write(L1, "\t");
          std::string text = s(reqs[j], {"key"}) + " in";
          const std::string vals = join_list(api::field(reqs[j], {"values"}), ", ");
          if (!vals.empty()) text += " [" + vals + "]";
          w.write(L0, text + "\n");
        }
      }
    }
  }
  events_of(ctx, w, sc, "StorageClass");
  return w.finish();
}

}  // namespace kt::printers::describe_detail
