// PersistentVolume, PersistentVolumeClaim and StorageClass:
//   defaults    core/v1 SetDefaults_PersistentVolume(Claim)(Spec), storage/v1 defaults
//   validation  ValidatePersistentVolume(Update), ValidatePersistentVolumeClaim(Update),
//               pkg/apis/storage/validation ValidateStorageClass(Update)
#include <algorithm>

#include "core/api/kinds/common.h"
#include "core/api/kinds/kinds.h"
#include "core/api/kinds/podspec.h"
#include "core/api/kinds/quantity_ops.h"
#include "core/api/labels.h"

namespace kt::api::kinds {
namespace {

const std::vector<std::string> kAccessModes = {"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"};
const std::vector<std::string> kVolumeModes = {"Block", "Filesystem"};

void validate_access_modes(const Json& modes, const std::string& path, FieldErrors& errs) {
  if (!modes.is_array()) return;
  bool rwop = false, other = false;
  for (const auto& m : modes) {
    std::string mode = m.is_string() ? m.get<std::string>() : "";
    bool supported = std::find(kAccessModes.begin(), kAccessModes.end(), mode) != kAccessModes.end();
    if (!supported) errs.push_back(FieldError::unsupported(path, mode, kAccessModes));
    if (mode == "ReadWriteOncePod")
      rwop = true;
    else if (supported)
      other = true;
  }
  if (rwop && other)
    errs.push_back(FieldError::forbidden(path, "may not use ReadWriteOncePod with other access modes"));
}

void validate_positive_quantity(const Json& q, const std::string& path, FieldErrors& errs) {
  auto sign = quantity_sign(q);
  if (sign && *sign <= 0)
    errs.push_back(FieldError::invalid(path, quantity_string(q).value_or(""), "must be greater than zero"));
}

std::string go_resource_list(const Json& list) {
  if (!list.is_object()) return "core.ResourceList(nil)";
  std::string out = "core.ResourceList{";
  bool first = true;
  for (auto it = list.begin(); it != list.end(); ++it) {
    out += (first ? "" : ", ") + go_quote(it.key()) + ":" + go_quote(quantity_string(*it).value_or(""));
    first = false;
  }
  return out + "}";
}

// ---- PersistentVolume ------------------------------------------------------------------

const std::vector<std::string> kPVSources = {"hostPath",
                                             "gcePersistentDisk",
                                             "awsElasticBlockStore",
                                             "glusterfs",
                                             "flocker",
                                             "nfs",
                                             "rbd",
                                             "quobyte",
                                             "cephfs",
                                             "iscsi",
                                             "cinder",
                                             "fc",
                                             "flexVolume",
                                             "azureFile",
                                             "vsphereVolume",
                                             "photonPersistentDisk",
                                             "portworxVolume",
                                             "azureDisk",
                                             "scaleIO",
                                             "local",
                                             "storageos",
                                             "csi"};

void validate_pv_spec(const Json& spec, FieldErrors& errs) {
  if (len(get(spec, "accessModes")) == 0) errs.push_back(FieldError::required("spec.accessModes", ""));
  validate_access_modes(get(spec, "accessModes"), "spec.accessModes", errs);
  const Json& capacity = get(spec, "capacity");
  if (len(capacity) == 0) errs.push_back(FieldError::required("spec.capacity", ""));
  if (!has(capacity, "storage") || len(capacity) > 1)
    errs.push_back(unsupported_raw("spec.capacity", go_resource_list(capacity), {"storage"}));
  if (capacity.is_object())
    for (auto it = capacity.begin(); it != capacity.end(); ++it)
      validate_positive_quantity(*it, key("spec.capacity", it.key()), errs);
  const std::string reclaim = str(spec, "persistentVolumeReclaimPolicy");
  if (!reclaim.empty() && reclaim != "Delete" && reclaim != "Recycle" && reclaim != "Retain")
    errs.push_back(
        FieldError::unsupported("spec.persistentVolumeReclaimPolicy", reclaim, {"Delete", "Recycle", "Retain"}));
  const bool node_affinity = has(spec, "nodeAffinity");
  if (node_affinity && !has(get(spec, "nodeAffinity"), "required"))
    errs.push_back(FieldError::required("spec.nodeAffinity.required", "must specify required node constraints"));
  int count = 0;
  for (const auto& k : kPVSources) {
    if (!has(spec, k)) continue;
    const std::string p = child("spec", k == "gcePersistentDisk" ? "persistentDisk" : k);
    if (count > 0 && k != "flexVolume") {
      errs.push_back(FieldError::forbidden(child("spec", k == "cephfs" ? "cephFS" : k),
                                           "may not specify more than 1 volume type"));
      continue;
    }
    ++count;
    const Json& src = get(spec, k);
    if (k == "hostPath" && str(src, "path").empty()) errs.push_back(FieldError::required(child(p, "path"), ""));
    if (k == "nfs") {
      if (str(src, "server").empty()) errs.push_back(FieldError::required(child(p, "server"), ""));
      if (str(src, "path").empty())
        errs.push_back(FieldError::required(child(p, "path"), ""));
      else if (str(src, "path").front() != '/')
        errs.push_back(FieldError::invalid(child(p, "path"), str(src, "path"), "must be an absolute path"));
    }
    if (k == "local") {
      if (str(src, "path").empty()) errs.push_back(FieldError::required(child(p, "path"), ""));
      if (!node_affinity)
        errs.push_back(FieldError::required("spec.nodeAffinity", "Local volume requires node affinity"));
    }
    if (k == "csi") {
      if (str(src, "driver").empty()) errs.push_back(FieldError::required(child(p, "driver"), ""));
      if (str(src, "volumeHandle").empty()) errs.push_back(FieldError::required(child(p, "volumeHandle"), ""));
    }
  }
  if (count == 0) errs.push_back(FieldError::required("spec", "must specify a volume type"));
  if (has(spec, "hostPath") && str(get(spec, "hostPath"), "path") == "/" && reclaim == "Recycle")
    errs.push_back(FieldError::forbidden("spec.persistentVolumeReclaimPolicy",
                                         "may not be 'recycle' for a hostPath mount of '/'"));
  const std::string sc = str(spec, "storageClassName");
  if (!sc.empty()) validate_dns_subdomain(sc, "spec.storageClassName", errs);
  const Json& mode = get(spec, "volumeMode");
  if (mode.is_string() &&
      std::find(kVolumeModes.begin(), kVolumeModes.end(), mode.get<std::string>()) == kVolumeModes.end())
    errs.push_back(FieldError::unsupported("spec.volumeMode", mode, kVolumeModes));
}

Json pv_source(const Json& spec) {
  Json src = Json::object();
  for (const auto& k : kPVSources)
    if (has(spec, k)) src[k] = spec[k];
  return src;
}

class PersistentVolumeStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& spec = object_at(obj, "spec");
    set_if_zero(spec, "persistentVolumeReclaimPolicy", "Retain");
    set_default(spec, "volumeMode", "Filesystem");
    if (spec.contains("capacity")) canonicalize_resource_list(spec["capacity"]);
    if (has(spec, "hostPath")) set_default(spec["hostPath"], "type", "");
    set_if_zero(object_at(obj, "status"), "phase", "Pending");
  }
  void prepare_for_create(Json& obj) const override { reset_status(obj, {{"phase", "Pending"}}); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_pv_spec(get(obj, "spec"), errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    validate_pv_spec(get(obj, "spec"), errs);
    const Json& spec = get(obj, "spec");
    const Json& old_spec = get(old, "spec");
    Json now_src = pv_source(spec), old_src = pv_source(old_spec);
    if (now_src != old_src)
      errs.push_back(FieldError::forbidden("spec.persistentvolumesource",
                                           "spec.persistentvolumesource is immutable after creation\n" +
                                               spec_diff(old_src, now_src, "core.PersistentVolumeSource")));
    immutable_value(get(spec, "volumeMode"), get(old_spec, "volumeMode"), "volumeMode", errs);
    if (has(old_spec, "nodeAffinity") && get(spec, "nodeAffinity") != get(old_spec, "nodeAffinity"))
      errs.push_back(invalid_raw("nodeAffinity", "&core.VolumeNodeAffinity{...}",
                                 "field is immutable, except for updating from beta label to GA"));
    return errs;
  }
};

// ---- PersistentVolumeClaim --------------------------------------------------------------

void validate_pvc_spec(const Json& spec, const std::string& path, FieldErrors& errs) {
  if (len(get(spec, "accessModes")) == 0)
    errs.push_back(FieldError::required(child(path, "accessModes"), "at least 1 access mode is required"));
  if (has(spec, "selector")) append(errs, validate_label_selector(get(spec, "selector"), child(path, "selector")));
  validate_access_modes(get(spec, "accessModes"), child(path, "accessModes"), errs);
  const Json& storage = get(get(get(spec, "resources"), "requests"), "storage");
  const std::string sp = key(child(path, "resources"), "storage");
  if (storage.is_null()) {
    errs.push_back(FieldError::required(sp, ""));
  } else {
    FieldErrors positive;
    validate_positive_quantity(storage, sp, positive);
    append(errs, std::move(positive));
  }
  const Json& sc = get(spec, "storageClassName");
  if (sc.is_string() && !sc.get<std::string>().empty())
    validate_dns_subdomain(sc.get<std::string>(), child(path, "storageClassName"), errs);
  const Json& mode = get(spec, "volumeMode");
  if (mode.is_string() &&
      std::find(kVolumeModes.begin(), kVolumeModes.end(), mode.get<std::string>()) == kVolumeModes.end())
    errs.push_back(FieldError::unsupported(child(path, "volumeMode"), mode, kVolumeModes));
  for (const char* ds : {"dataSource", "dataSourceRef"}) {
    const Json& ref = get(spec, ds);
    if (!ref.is_object()) continue;
    const std::string dp = child(path, ds);
    if (str(ref, "name").empty()) errs.push_back(FieldError::required(child(dp, "name"), ""));
    if (str(ref, "kind").empty()) errs.push_back(FieldError::required(child(dp, "kind"), ""));
    const std::string group = str(ref, "apiGroup");
    if (group.empty() && str(ref, "kind") != "PersistentVolumeClaim")
      errs.push_back(FieldError::invalid(dp, str(ref, "kind"),
                                         "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
    if (!group.empty()) validate_dns_subdomain(group, child(dp, "apiGroup"), errs);
  }
}

class PersistentVolumeClaimStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& spec = object_at(obj, "spec");
    set_default(spec, "volumeMode", "Filesystem");
    if (has(spec, "resources")) {
      Json& res = spec["resources"];
      if (res.contains("requests")) canonicalize_resource_list(res["requests"]);
      if (res.contains("limits")) canonicalize_resource_list(res["limits"]);
    }
    set_if_zero(object_at(obj, "status"), "phase", "Pending");
  }
  void prepare_for_create(Json& obj) const override { reset_status(obj, {{"phase", "Pending"}}); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_pvc_spec(get(obj, "spec"), "spec", errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    validate_pvc_spec(get(obj, "spec"), "spec", errs);
    const Json& spec = get(obj, "spec");
    const Json& old_spec = get(old, "spec");
    Json now = spec, before = old_spec;
    // The volume binder may set volumeName once.
    if (str(old_spec, "volumeName").empty()) {
      if (has(now, "volumeName"))
        before["volumeName"] = now["volumeName"];
      else
        before.erase("volumeName");
    }
    // A storage class may be set on a claim that had none.
    if (!has(old_spec, "storageClassName") && has(spec, "storageClassName"))
      before["storageClassName"] = now["storageClassName"];
    const bool bound = str(get(obj, "status"), "phase") == "Bound";
    if (bound && has(get(now, "resources"), "requests")) {
      const Json& old_storage = get(get(get(old_spec, "resources"), "requests"), "storage");
      if (old_storage.is_null())
        now["resources"]["requests"].erase("storage");
      else
        now["resources"]["requests"]["storage"] = old_storage;
    }
    if (now != before)
      errs.push_back(FieldError::forbidden("spec",
                                           "spec is immutable after creation except resources.requests and "
                                           "volumeAttributesClassName for bound claims\n" +
                                               spec_diff(before, now, "core.PersistentVolumeClaimSpec")));
    const Json& new_size = get(get(get(spec, "resources"), "requests"), "storage");
    const Json& old_size = get(get(get(old_spec, "resources"), "requests"), "storage");
    auto c = quantity_cmp(new_size, old_size);
    if (c && *c < 0)
      errs.push_back(
          FieldError::forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
    immutable_value(get(spec, "volumeMode"), get(old_spec, "volumeMode"), "volumeMode", errs);
    return errs;
  }
};

// ---- StorageClass -----------------------------------------------------------------------

class StorageClassStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    set_if_zero(obj, "reclaimPolicy", "Delete");
    set_if_zero(obj, "volumeBindingMode", "Immediate");
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    const std::string prov = str(obj, "provisioner");
    if (prov.empty()) {
      errs.push_back(FieldError::required("provisioner", ""));
    } else {
      std::string lower = prov;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      validate_qualified_name(lower, "provisioner", errs);
    }
    const Json& params = get(obj, "parameters");
    if (params.is_object()) {
      std::size_t total = 0;
      for (auto it = params.begin(); it != params.end(); ++it) {
        if (it.key().empty()) errs.push_back(FieldError::invalid("parameters", it.key(), "field can not be empty."));
        total += it.key().size() + (it->is_string() ? it->get<std::string>().size() : 0);
      }
      if (total > 256 * 1024) errs.push_back(FieldError::too_long("parameters", 256 * 1024));
    }
    const std::string reclaim = str(obj, "reclaimPolicy");
    if (!reclaim.empty() && reclaim != "Delete" && reclaim != "Retain")
      errs.push_back(FieldError::unsupported("reclaimPolicy", reclaim, {"Delete", "Retain"}));
    const Json& mode = get(obj, "volumeBindingMode");
    if (mode.is_null())
      errs.push_back(FieldError::required("volumeBindingMode", ""));
    else if (mode != "Immediate" && mode != "WaitForFirstConsumer")
      errs.push_back(FieldError::unsupported("volumeBindingMode", mode, {"Immediate", "WaitForFirstConsumer"}));
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    // ValidateStorageClass, then ValidateStorageClassUpdate (repeated messages once).
    FieldErrors errs = validate(obj);
    append(errs, validate_object_meta_update(obj, old));
    dedup(errs);
    if (get(obj, "parameters") != get(old, "parameters"))
      errs.push_back(FieldError::forbidden("parameters", "updates to parameters are forbidden."));
    if (str(obj, "provisioner") != str(old, "provisioner"))
      errs.push_back(FieldError::forbidden("provisioner", "updates to provisioner are forbidden."));
    if (str(obj, "reclaimPolicy") != str(old, "reclaimPolicy"))
      errs.push_back(FieldError::forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
    immutable_value(get(obj, "volumeBindingMode"), get(old, "volumeBindingMode"), "volumeBindingMode", errs);
    return errs;
  }
};

}  // namespace

const KindStrategy& persistentvolume_strategy() {
  static const PersistentVolumeStrategy s;
  return s;
}
const KindStrategy& persistentvolumeclaim_strategy() {
  static const PersistentVolumeClaimStrategy s;
  return s;
}
const KindStrategy& storageclass_strategy() {
  static const StorageClassStrategy s;
  return s;
}

}  // namespace kt::api::kinds
