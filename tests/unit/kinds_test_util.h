// Helpers for the per-kind strategy tests: run a strategy the way the API server does
// (defaults -> prepare -> name + object validation) and render errors as kube's
// Invalid message, `Deployment.apps "x" is invalid: ...`.
#pragma once

#include <stdexcept>
#include <string>

#include "core/api/errors.h"
#include "core/api/json.h"
#include "core/api/resources.h"
#include "core/api/strategy.h"

namespace kt::test {

using kt::Json;

class Kind {
 public:
  Kind(std::string_view api_version, std::string_view kind)
      : res_(api::ResourceRegistry::builtin().find_kind(api_version, kind)) {
    if (!res_) throw std::logic_error("unknown kind " + std::string(kind));
  }

  const api::KindStrategy& strategy() const { return api::strategy_for(*res_); }
  const api::ResourceInfo& res() const { return *res_; }

  // What a create stores (without the system metadata the server adds).
  Json create(Json obj) const {
    strategy().apply_defaults(obj);
    strategy().prepare_for_create(obj);
    return obj;
  }
  // Like create, with the uid the server sets before PrepareForCreate.
  Json create_with_uid(Json obj, const std::string& uid) const {
    strategy().apply_defaults(obj);
    obj["metadata"]["uid"] = uid;
    strategy().prepare_for_create(obj);
    return obj;
  }

  // The Invalid message a create answers, or "" when the object is valid.
  std::string create_error(Json obj, const std::string& uid = "") const {
    strategy().apply_defaults(obj);
    if (!uid.empty()) obj["metadata"]["uid"] = uid;
    strategy().prepare_for_create(obj);
    return validate(obj);
  }
  std::string validate(const Json& obj) const {
    api::FieldErrors errs;
    const std::string name = obj["metadata"].value("name", "");
    for (auto& msg : strategy().validate_name(name))
      errs.push_back(api::FieldError::invalid("metadata.name", name, msg));
    for (auto& e : strategy().validate(obj)) errs.push_back(e);
    return message(name, errs);
  }

  // The object an update stores after defaults and PrepareForUpdate.
  Json update(Json obj, const Json& old) const {
    strategy().apply_defaults(obj);
    strategy().prepare_for_update(obj, old);
    return obj;
  }
  std::string update_error(Json obj, const Json& old) const {
    obj = update(std::move(obj), old);
    return message(obj["metadata"].value("name", ""), strategy().validate_update(obj, old));
  }

 private:
  std::string message(const std::string& name, const api::FieldErrors& errs) const {
    if (errs.empty()) return "";
    return api::ApiError::invalid(res_->qualified_kind(), name, errs).message();
  }
  const api::ResourceInfo* res_;
};

}  // namespace kt::test
