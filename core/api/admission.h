// Admission control: plugins that see every write after decoding and defaulting,
// before validation and storage, in a fixed order (kube-apiserver's chain):
// mutating plugins may change the object, validating ones may only reject it by
// throwing ApiError (Forbidden with the plugin's real message).
#pragma once

#include <string>

#include "core/api/json.h"
#include "core/api/resources.h"

namespace kt::api {

class ApiServer;

enum class Operation { Create, Update, Delete, Connect };

struct AdmissionRequest {
  Operation operation;
  const ResourceInfo& resource;
  std::string subresource;  // "" for the main resource
  std::string ns;
  std::string name;
  Json* object = nullptr;           // the incoming object (mutable in admit()); null on delete
  const Json* old_object = nullptr; // the stored object on update/delete
  bool dry_run = false;
};

class AdmissionPlugin {
 public:
  virtual ~AdmissionPlugin() = default;
  virtual std::string name() const = 0;
  // Mutating phase.
  virtual void admit(AdmissionRequest& /*req*/, ApiServer& /*api*/) {}
  // Validating phase: throw ApiError to reject.
  virtual void validate(const AdmissionRequest& /*req*/, ApiServer& /*api*/) {}
};

}  // namespace kt::api
