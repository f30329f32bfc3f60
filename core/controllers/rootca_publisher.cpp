#include "core/controllers/rootca_publisher.h"

#include "core/controllers/serviceaccount_controller.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

const char* const kSandboxRootCA =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDBTCCAe2gAwIBAgIIS3ViZXRhYjAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\n"
    "AxMKa3ViZXJuZXRlczAeFw0yNDAxMDEwMDAwMDBaFw0zNDAxMDEwMDAwMDBaMBUx\n"
    "EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK\n"
    "AoIBAQDKdWJldGFiIHNhbmRib3ggcm9vdCBDQSAtIG5vdCBhIHJlYWwga2V5IC0g\n"
    "a3ViZXRhYiBzYW5kYm94IHJvb3QgQ0EgLSBub3QgYSByZWFsIGtleSAtIGt1YmV0\n"
    "YWIgc2FuZGJveCByb290IENBIC0gbm90IGEgcmVhbCBrZXkgLSBrdWJldGFiIHNh\n"
    "bmRib3ggcm9vdCBDQSAtIG5vdCBhIHJlYWwga2V5IC0ga3ViZXRhYiBzYW5kYm94\n"
    "IHJvb3QgQ0EgLSBub3QgYSByZWFsIGtleSAtIGt1YmV0YWIgc2FuZGJveCByb290\n"
    "IENBIC0gbm90IGEgcmVhbCBrZXkgLSBrdWJldGFiIHNhbmRib3ggcm9vdCBDQSAt\n"
    "IG5vdCBhIHJlYWwga2V5AgMBAAGjWTBXMA4GA1UdDwEB/wQEAwICpDAPBgNVHRMB\n"
    "Af8EBTADAQH/MB0GA1UdDgQWBBRrdWJldGFiLXNhbmRib3gtY2EwFQYDVR0RBA4w\n"
    "DIIKa3ViZXJuZXRlczANBgkqhkiG9w0BAQsFAAOCAQEAa3ViZXRhYiBzYW5kYm94\n"
    "-----END CERTIFICATE-----\n";

RootCAPublisher::RootCAPublisher(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts)
    : client::Controller(api.sim(),
                         client::Controller::Options{"root-ca-certificate-publisher-controller", opts.workers, {}, nullptr}),
      api_(api), root_ca_(std::move(opts.root_ca)), namespaces_(factory.informer("", "namespaces")),
      configmaps_(factory.informer("", "configmaps")) {
  client::ResourceEventHandler ns;
  ns.on_add = [this](const ObjectPtr& o) { enqueue_key(api::meta::name(*o)); };
  ns.on_update = [this](const ObjectPtr&, const ObjectPtr& o) {
    if (api::str_field(*o, {"status", "phase"}) != "Active") return;
    enqueue_key(api::meta::name(*o));
  };
  ns_handler_ = namespaces_.add_handler(std::move(ns));
  client::ResourceEventHandler cm;
  cm.on_update = [this](const ObjectPtr&, const ObjectPtr& o) {
    if (api::meta::name(*o) == kRootCACertConfigMapName) enqueue_key(api::meta::namespace_of(*o));
  };
  cm.on_delete = [this](const ObjectPtr& o) {
    if (api::meta::name(*o) == kRootCACertConfigMapName) enqueue_key(api::meta::namespace_of(*o));
  };
  cm_handler_ = configmaps_.add_handler(std::move(cm));
}

RootCAPublisher::~RootCAPublisher() {
  namespaces_.remove_handler(ns_handler_);
  configmaps_.remove_handler(cm_handler_);
}

SyncResult RootCAPublisher::sync(const std::string& key) {
  const api::ResourceInfo& res = api_.resource("", "configmaps");
  const Json data = {{"ca.crt", root_ca_}};
  ObjectPtr cm = configmaps_.get(key, kRootCACertConfigMapName);
  if (!cm) {
    Json obj = {{"apiVersion", "v1"},
                {"kind", "ConfigMap"},
                {"metadata",
                 {{"name", kRootCACertConfigMapName},
                  {"namespace", key},
                  {"annotations", {{kRootCADescriptionAnnotation, kRootCADescription}}}}},
                {"data", data}};
    try {
      api_.create(res, key, std::move(obj));
    } catch (const api::ApiError& e) {
      // Don't retry a create if the namespace doesn't exist or is terminating.
      if (e.code() == 404 || is_namespace_terminating(e)) return SyncResult::ok();
      throw;
    }
    return SyncResult::ok();
  }
  const std::string desc = api::str_field(*cm, {"metadata", "annotations", kRootCADescriptionAnnotation});
  if (api::field(*cm, {"data"}) == data && !desc.empty()) return SyncResult::ok();
  Json next = *cm;  // a copy: the cached object stays as the server sent it
  next["data"] = data;
  next["metadata"]["annotations"][kRootCADescriptionAnnotation] = kRootCADescription;
  api_.update(res, key, std::move(next));
  return SyncResult::ok();
}

}  // namespace kt::controllers
