// DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a
// PersistentVolumeClaim created without spec.storageClassName gets the default
// StorageClass (annotation storageclass.kubernetes.io/is-default-class: "true"; the
// newest wins when several are marked, as v1.32 does). An explicit "" means "no
// class" and is left alone; with no default class nothing changes.
#pragma once

#include "core/api/admission.h"

namespace kt::admission {

class DefaultStorageClass : public api::AdmissionPlugin {
 public:
  std::string name() const override { return "DefaultStorageClass"; }
  void admit(api::AdmissionRequest& req, api::ApiServer& api) override;
};

}  // namespace kt::admission
