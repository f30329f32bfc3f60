// The Go field order of clientcmd/api/v1's Config and the types inside it (see
// config_json.h). Fields the structs do not have are dropped, as Go's decoder drops them.
#include "core/kubectl/config_json.h"

#include <vector>

#include "core/api/yaml.h"

namespace kt::kubectl {
namespace {

struct Field {
  const char* name;
  bool omit_empty;
  const std::vector<Field>* children = nullptr;  // a struct, or the items of a list of structs
};

const std::vector<Field> kExtension = {{"name", false}, {"extension", false}};
const std::vector<Field> kPreferences = {{"colors", true}, {"extensions", true, &kExtension}};
const std::vector<Field> kCluster = {{"server", false},
                                     {"tls-server-name", true},
                                     {"insecure-skip-tls-verify", true},
                                     {"certificate-authority", true},
                                     {"certificate-authority-data", true},
                                     {"proxy-url", true},
                                     {"disable-compression", true},
                                     {"extensions", true, &kExtension}};
const std::vector<Field> kNamedCluster = {{"name", false}, {"cluster", false, &kCluster}};
const std::vector<Field> kAuthInfo = {{"client-certificate", true},
                                      {"client-certificate-data", true},
                                      {"client-key", true},
                                      {"client-key-data", true},
                                      {"token", true},
                                      {"tokenFile", true},
                                      {"as", true},
                                      {"as-uid", true},
                                      {"as-groups", true},
                                      {"as-user-extra", true},
                                      {"username", true},
                                      {"password", true},
                                      {"auth-provider", true},
                                      {"exec", true},
                                      {"extensions", true, &kExtension}};
const std::vector<Field> kNamedAuthInfo = {{"name", false}, {"user", false, &kAuthInfo}};
const std::vector<Field> kContext = {
    {"cluster", false}, {"user", false}, {"namespace", true}, {"extensions", true, &kExtension}};
const std::vector<Field> kNamedContext = {{"name", false}, {"context", false, &kContext}};
const std::vector<Field> kConfig = {{"kind", true},
                                    {"apiVersion", true},
                                    {"preferences", false, &kPreferences},
                                    {"clusters", false, &kNamedCluster},
                                    {"users", false, &kNamedAuthInfo},
                                    {"contexts", false, &kNamedContext},
                                    {"current-context", false},
                                    {"extensions", true, &kExtension}};

bool empty(const Json& v) {
  if (v.is_null()) return true;
  if (v.is_string()) return v.get_ref<const std::string&>().empty();
  if (v.is_boolean()) return !v.get<bool>();
  if (v.is_array() || v.is_object()) return v.empty();
  if (v.is_number()) return v.get<double>() == 0;
  return false;
}

// A value that is not a known struct: Go prints maps with sorted keys, as to_json_pretty does.
std::string plain(const Json& v, int depth) {
  std::string s = api::to_json_pretty(v);
  s.pop_back();  // its newline
  const std::string pad(static_cast<std::size_t>(depth) * 4, ' ');
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

std::string value(const Json& v, const std::vector<Field>* fields, int depth);

std::string object(const Json& v, const std::vector<Field>& fields, int depth) {
  const std::string pad(static_cast<std::size_t>(depth + 1) * 4, ' ');
  std::string out;
  for (const auto& f : fields) {
    const Json* fv = v.is_object() && v.contains(f.name) ? &v[f.name] : nullptr;
    if (f.omit_empty && (!fv || empty(*fv))) continue;
    Json missing;
    if (!fv) {
      // A struct without omitempty prints empty ({}); a string "", a list null.
      if (f.children && std::string(f.name) != "clusters" && std::string(f.name) != "users" &&
          std::string(f.name) != "contexts")
        missing = Json::object();
      else if (!f.children)
        missing = "";
      fv = &missing;
    }
    out += (out.empty() ? "" : ",\n") + pad + "\"" + f.name + "\": " + value(*fv, f.children, depth + 1);
  }
  if (out.empty()) return "{}";
  return "{\n" + out + "\n" + std::string(static_cast<std::size_t>(depth) * 4, ' ') + "}";
}

std::string value(const Json& v, const std::vector<Field>* fields, int depth) {
  if (!fields) return plain(v, depth);
  if (v.is_array()) {
    if (v.empty()) return "null";  // an empty list decodes to an empty map, which converts to nil
    const std::string pad(static_cast<std::size_t>(depth + 1) * 4, ' ');
    std::string out = "[\n";
    for (std::size_t i = 0; i < v.size(); ++i)
      out += pad + object(v[i], *fields, depth + 1) + (i + 1 < v.size() ? ",\n" : "\n");
    return out + std::string(static_cast<std::size_t>(depth) * 4, ' ') + "]";
  }
  if (v.is_null()) return "null";
  return object(v, *fields, depth);
}

}  // namespace

std::string kubeconfig_json(const Json& config) {
  Json c = config;
  c["kind"] = "Config";
  c["apiVersion"] = "v1";
  return object(c, kConfig, 0) + "\n";
}

}  // namespace kt::kubectl
