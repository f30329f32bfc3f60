// PersistentVolumes, PersistentVolumeClaims (core/v1) and StorageClasses
// (storage.k8s.io/v1): printPersistentVolume, printPersistentVolumeClaim,
// printStorageClass.
#include <algorithm>

#include "core/printers/printer_util.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

// helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order.
std::string access_modes(const Json& modes) {
  auto has = [&](const char* m) {
    if (!modes.is_array()) return false;
    return std::any_of(modes.begin(), modes.end(), [&](const Json& x) { return x.is_string() && x.get<std::string>() == m; });
  };
  std::vector<std::string> out;
  if (has("ReadWriteOnce")) out.push_back("RWO");
  if (has("ReadOnlyMany")) out.push_back("ROX");
  if (has("ReadWriteMany")) out.push_back("RWX");
  if (has("ReadWriteOncePod")) out.push_back("RWOP");
  return join(out, ",");
}

// GetPersistentVolume(Claim)Class: the beta annotation wins over spec.storageClassName.
std::string storage_class(const Json& obj) {
  const Json& ann = field(obj, {"metadata", "annotations", "volume.beta.kubernetes.io/storage-class"});
  if (ann.is_string()) return ann.get<std::string>();
  return str_field(obj, {"spec", "storageClassName"});
}

std::string string_or(const Json& v, const char* dflt) { return v.is_string() ? v.get<std::string>() : dflt; }

Row pv_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& pv = *obj;
  std::string claim;
  if (const Json& ref = field(pv, {"spec", "claimRef"}); ref.is_object())
    claim = str_field(ref, {"namespace"}) + "/" + str_field(ref, {"name"});
  std::string phase = str_field(pv, {"status", "phase"});
  if (api::meta::being_deleted(pv)) phase = "Terminating";
  return make_row(obj, {api::meta::name(pv), quantity_string(field(pv, {"spec", "capacity", "storage"})),
                        access_modes(field(pv, {"spec", "accessModes"})),
                        str_field(pv, {"spec", "persistentVolumeReclaimPolicy"}), phase, claim, storage_class(pv),
                        string_or(field(pv, {"spec", "volumeAttributesClassName"}), "<unset>"),
                        str_field(pv, {"status", "reason"}), age(pv, now),
                        string_or(field(pv, {"spec", "volumeMode"}), "<unset>")});
}

Row pvc_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& pvc = *obj;
  std::string phase = str_field(pvc, {"status", "phase"});
  if (api::meta::being_deleted(pvc)) phase = "Terminating";
  std::string capacity, modes;
  const std::string volume = str_field(pvc, {"spec", "volumeName"});
  if (!volume.empty()) {
    modes = access_modes(field(pvc, {"status", "accessModes"}));
    capacity = quantity_string(field(pvc, {"status", "capacity", "storage"}));
  }
  return make_row(obj, {api::meta::name(pvc), phase, volume, capacity, modes, storage_class(pvc),
                        string_or(field(pvc, {"spec", "volumeAttributesClassName"}), "<unset>"), age(pvc, now),
                        string_or(field(pvc, {"spec", "volumeMode"}), "<unset>")});
}

bool is_default_class(const Json& sc) {
  for (const char* key : {"storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"})
    if (str_field(sc, {"metadata", "annotations", key}) == "true") return true;
  return false;
}

Row storageclass_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& sc = *obj;
  std::string name = api::meta::name(sc);
  if (is_default_class(sc)) name += " (default)";
  const Json& expand = field(sc, {"allowVolumeExpansion"});
  return make_row(obj, {name, str_field(sc, {"provisioner"}), string_or(field(sc, {"reclaimPolicy"}), "Delete"),
                        string_or(field(sc, {"volumeBindingMode"}), "Immediate"),
                        Json(expand.is_boolean() && expand.get<bool>()), age(sc, now)});
}

}  // namespace

void register_storage_printers() {
  add_printer("", "persistentvolumes",
              {{name_column(), col("Capacity", "string", 0, "capacity is the description of the persistent volume's resources and capacity."),
                col("Access Modes", "string", 0, "accessModes contains all ways the volume can be mounted."),
                col("Reclaim Policy", "string", 0,
                    "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its "
                    "claim."),
                col("Status", "string", 0, "phase indicates if a volume is available, bound to a claim, or released by a claim."),
                col("Claim", "string", 0, "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim."),
                col("StorageClass", "string", 0, "StorageClass of the pv"),
                col("VolumeAttributesClass", "string", 0, "VolumeAttributesClass of the pv"),
                col("Reason", "string", 0,
                    "reason is a brief CamelCase string that describes any failure and is meant for machine parsing "
                    "and tidy display in the CLI."),
                age_column(),
                col("VolumeMode", "string", 1,
                    "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain "
                    "in raw block state. Value of Filesystem is implied when not included in spec.")},
               pv_row});
  add_printer("", "persistentvolumeclaims",
              {{name_column(), col("Status", "string", 0, "phase represents the current phase of PersistentVolumeClaim."),
                col("Volume", "string", 0, "volumeName is the binding reference to the PersistentVolume backing this claim."),
                col("Capacity", "string", 0, "capacity represents the actual resources of the underlying volume."),
                col("Access Modes", "string", 0, "accessModes contains the actual access modes the volume backing the PVC has."),
                col("StorageClass", "string", 0, "StorageClass of the pvc"),
                col("VolumeAttributesClass", "string", 0, "VolumeAttributesClass of the pvc"), age_column(),
                col("VolumeMode", "string", 1,
                    "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied "
                    "when not included in claim spec.")},
               pvc_row});
  add_printer("storage.k8s.io", "storageclasses",
              {{name_column(), col("Provisioner", "string", 0, "provisioner indicates the type of the provisioner."),
                col("ReclaimPolicy", "string", 0,
                    "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this "
                    "storage class. Defaults to Delete."),
                col("VolumeBindingMode", "string", 0,
                    "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When "
                    "unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the "
                    "VolumeScheduling feature."),
                col("AllowVolumeExpansion", "string", 0, "allowVolumeExpansion shows whether the storage class allow volume expand."),
                age_column()},
               storageclass_row});
}

}  // namespace kt::printers
