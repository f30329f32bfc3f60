#include "core/controllers/serviceaccount_controller.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

bool is_namespace_terminating(const api::ApiError& e) {
  if (e.code() != 403) return false;
  const Json& causes = api::field(e.details(), {"causes"});
  if (!causes.is_array()) return false;
  for (const auto& c : causes)
    if (c.is_object() && c.value("type", "") == "NamespaceTerminating") return true;
  return false;
}

ServiceAccountController::ServiceAccountController(api::ApiServer& api, client::SharedInformerFactory& factory,
                                                   Options opts)
    : client::Controller(api.sim(), client::Controller::Options{"serviceaccount-controller", opts.workers, {}, nullptr}),
      api_(api), accounts_(std::move(opts.accounts)), namespaces_(factory.informer("", "namespaces")),
      accounts_inf_(factory.informer("", "serviceaccounts")) {
  client::ResourceEventHandler ns;
  ns.on_add = [this](const ObjectPtr& o) { enqueue_key(api::meta::name(*o)); };
  ns.on_update = [this](const ObjectPtr&, const ObjectPtr& o) { enqueue_key(api::meta::name(*o)); };
  ns_handler_ = namespaces_.add_handler(std::move(ns));
  client::ResourceEventHandler sa;
  sa.on_delete = [this](const ObjectPtr& o) { enqueue_key(api::meta::namespace_of(*o)); };
  sa_handler_ = accounts_inf_.add_handler(std::move(sa));
}

ServiceAccountController::~ServiceAccountController() {
  namespaces_.remove_handler(ns_handler_);
  accounts_inf_.remove_handler(sa_handler_);
}

SyncResult ServiceAccountController::sync(const std::string& key) {
  ObjectPtr ns = namespaces_.get(key);
  if (!ns) return SyncResult::ok();
  if (api::str_field(*ns, {"status", "phase"}) != "Active") return SyncResult::ok();
  const api::ResourceInfo& res = api_.resource("", "serviceaccounts");
  std::string failures;
  for (const auto& name : accounts_) {
    if (accounts_inf_.get(key, name)) continue;
    Json sa = {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", {{"name", name}, {"namespace", key}}}};
    try {
      api_.create(res, key, std::move(sa));
    } catch (const api::ApiError& e) {
      if (e.code() == 409 || is_namespace_terminating(e)) continue;
      failures += (failures.empty() ? "" : ", ") + e.message();
    }
  }
  if (!failures.empty()) return SyncResult::retry(failures);
  return SyncResult::ok();
}

}  // namespace kt::controllers
