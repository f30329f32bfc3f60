// ConfigMaps, Secrets and ServiceAccounts (printConfigMap, printSecret,
// printServiceAccount): counts of data keys and secret references.
#include "core/printers/printer_util.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

std::int64_t size_of(const Json& v) { return v.is_object() || v.is_array() ? static_cast<std::int64_t>(v.size()) : 0; }

Row configmap_row(const api::ObjectPtr& obj, sim::Time now) {
  return make_row(obj, {api::meta::name(*obj), Json(size_of(field(*obj, {"data"})) + size_of(field(*obj, {"binaryData"}))),
                        age(*obj, now)});
}

Row secret_row(const api::ObjectPtr& obj, sim::Time now) {
  return make_row(obj, {api::meta::name(*obj), str_field(*obj, {"type"}), Json(size_of(field(*obj, {"data"}))),
                        age(*obj, now)});
}

Row serviceaccount_row(const api::ObjectPtr& obj, sim::Time now) {
  return make_row(obj, {api::meta::name(*obj), Json(size_of(field(*obj, {"secrets"}))), age(*obj, now)});
}

}  // namespace

void register_config_printers() {
  add_printer("", "configmaps",
              {{name_column(),
                col("Data", "string", 0,
                    "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' "
                    "or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in "
                    "Data must not overlap with the keys in the BinaryData field, this is enforced during validation "
                    "process."),
                age_column()},
               configmap_row});
  add_printer("", "secrets",
              {{name_column(),
                col("Type", "string", 0,
                    "Used to facilitate programmatic handling of secret data. More info: "
                    "https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
                col("Data", "string", 0,
                    "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or "
                    "'.'. The serialized form of the secret data is a base64 encoded string, representing the "
                    "arbitrary (possibly non-string) data value here. Described in "
                    "https://tools.ietf.org/html/rfc4648#section-4"),
                age_column()},
               secret_row});
  add_printer("", "serviceaccounts",
              {{name_column(),
                col("Secrets", "string", 0,
                    "Secrets is a list of the secrets in the same namespace that pods running using this "
                    "ServiceAccount are allowed to use."),
                age_column()},
               serviceaccount_row});
}

}  // namespace kt::printers
