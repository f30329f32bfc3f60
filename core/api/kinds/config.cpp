// ConfigMap, Secret and ServiceAccount:
//   defaults    core/v1 SetDefaults_Secret (type Opaque), the v1 conversion that folds
//               Secret stringData into data
//   validation  ValidateConfigMap(Update), ValidateSecret(Update), ValidateServiceAccount
#include "core/api/kinds/common.h"
#include "core/api/kinds/kinds.h"

namespace kt::api::kinds {
namespace {

constexpr std::size_t kMaxSecretSize = 1024 * 1024;
constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(const std::string& in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
  }
  if (i + 1 == in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// encoding/base64 StdEncoding: the decoded length, or the offset of the first
// illegal byte (Go's "illegal base64 data at input byte N"). Go skips \r and \n.
struct Decoded {
  std::size_t size = 0;
  std::optional<std::size_t> bad_at;
};

Decoded base64_decoded_size(const std::string& s) {
  Decoded d;
  std::size_t quantum = 0, pad = 0, chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\r' || c == '\n') continue;
    if (c == '=') {
      if (quantum < 2) {
        d.bad_at = i;
        return d;
      }
      ++pad;
      ++quantum;
      if (quantum == 4) quantum = 0;
      continue;
    }
    if (pad > 0 || b64_value(c) < 0) {
      d.bad_at = i;
      return d;
    }
    ++chars;
    quantum = (quantum + 1) % 4;
  }
  if (quantum != 0) {
    d.bad_at = s.size();
    return d;
  }
  d.size = chars * 6 / 8;
  return d;
}

std::size_t value_size(const Json& v, bool base64) {
  if (!v.is_string()) return 0;
  return base64 ? base64_decoded_size(v.get<std::string>()).size : v.get<std::string>().size();
}

// ---- ConfigMap -------------------------------------------------------------------------

void validate_config_map(const Json& obj, FieldErrors& errs) {
  std::size_t total = 0;
  const Json& data = get(obj, "data");
  const Json& binary = get(obj, "binaryData");
  if (data.is_object()) {
    for (auto it = data.begin(); it != data.end(); ++it) {
      for (auto& m : is_config_map_key(it.key()))
        errs.push_back(FieldError::invalid(key("data", it.key()), it.key(), m));
      if (binary.is_object() && binary.contains(it.key()))
        errs.push_back(FieldError::invalid(key("data", it.key()), it.key(), "duplicate of key present in binaryData"));
      total += value_size(*it, false);
    }
  }
  if (binary.is_object()) {
    for (auto it = binary.begin(); it != binary.end(); ++it) {
      for (auto& m : is_config_map_key(it.key()))
        errs.push_back(FieldError::invalid(key("binaryData", it.key()), it.key(), m));
      total += value_size(*it, true);
    }
  }
  // kube reports the whole object at field.NewPath(""), which prints as "[]".
  if (total > kMaxSecretSize) errs.push_back(FieldError::too_long("[]", kMaxSecretSize));
}

void validate_immutable_data(const Json& obj, const Json& old, std::initializer_list<const char*> fields,
                             FieldErrors& errs) {
  if (get(old, "immutable") != true) return;
  if (get(obj, "immutable") != true)
    errs.push_back(FieldError::forbidden("immutable", "field is immutable when `immutable` is set"));
  for (const char* f : fields)
    if (get(obj, f) != get(old, f))
      errs.push_back(FieldError::forbidden(f, "field is immutable when `immutable` is set"));
}

class ConfigMapStrategy : public KindStrategy {
 public:
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_config_map(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    validate_immutable_data(obj, old, {"data", "binaryData"}, errs);
    validate_config_map(obj, errs);
    return errs;
  }
};

// ---- Secret ----------------------------------------------------------------------------

void validate_secret(const Json& obj, FieldErrors& errs) {
  const Json& data = get(obj, "data");
  std::size_t total = 0;
  if (data.is_object()) {
    for (auto it = data.begin(); it != data.end(); ++it) {
      for (auto& m : is_config_map_key(it.key()))
        errs.push_back(FieldError::invalid(key("data", it.key()), it.key(), m));
      total += value_size(*it, true);
    }
  }
  if (total > kMaxSecretSize) errs.push_back(FieldError::too_long("data", kMaxSecretSize));
  const std::string type = str(obj, "type");
  auto has_key = [&](const char* k) { return data.is_object() && data.contains(k); };
  if (type == "kubernetes.io/service-account-token") {
    if (str(get(get(obj, "metadata"), "annotations"), "kubernetes.io/service-account.name").empty())
      errs.push_back(FieldError::required("metadata.annotations[kubernetes.io/service-account.name]", ""));
  } else if (type == "kubernetes.io/dockercfg") {
    if (!has_key(".dockercfg")) errs.push_back(FieldError::required("data[.dockercfg]", ""));
  } else if (type == "kubernetes.io/dockerconfigjson") {
    if (!has_key(".dockerconfigjson")) errs.push_back(FieldError::required("data[.dockerconfigjson]", ""));
  } else if (type == "kubernetes.io/basic-auth") {
    if (!has_key("username") && !has_key("password")) {
      errs.push_back(FieldError::required("data[username]", ""));
      errs.push_back(FieldError::required("data[password]", ""));
    }
  } else if (type == "kubernetes.io/ssh-auth") {
    if (value_size(get(data, "ssh-privatekey"), true) == 0)
      errs.push_back(FieldError::required("data[ssh-privatekey]", ""));
  } else if (type == "kubernetes.io/tls") {
    if (!has_key("tls.crt")) errs.push_back(FieldError::required("data[tls.crt]", ""));
    if (!has_key("tls.key")) errs.push_back(FieldError::required("data[tls.key]", ""));
  }
}

class SecretStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    set_if_zero(obj, "type", "Opaque");
    // v1 -> internal conversion: stringData entries overwrite data, base64-encoded,
    // and stringData itself is never stored.
    if (obj.contains("stringData")) {
      const Json sd = obj["stringData"];
      obj.erase("stringData");
      if (sd.is_object()) {
        Json& data = object_at(obj, "data");
        for (auto it = sd.begin(); it != sd.end(); ++it)
          data[it.key()] = base64_encode(it->is_string() ? it->get<std::string>() : it->dump());
      }
    }
    const Json& data = get(obj, "data");
    if (data.is_object()) {
      for (auto it = data.begin(); it != data.end(); ++it) {
        if (!it->is_string()) continue;
        auto d = base64_decoded_size(it->get<std::string>());
        if (d.bad_at)
          throw ApiError::bad_request(
              "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte " +
              std::to_string(*d.bad_at));
      }
    }
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj, Finalizers::Core);
    validate_secret(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    immutable_value(get(obj, "type"), get(old, "type"), "type", errs);
    validate_immutable_data(obj, old, {"data"}, errs);
    validate_secret(obj, errs);
    return errs;
  }
};

// ---- ServiceAccount ----------------------------------------------------------------------

class ServiceAccountStrategy : public KindStrategy {
 public:
  FieldErrors validate(const Json& obj) const override { return validate_object_meta(obj, Finalizers::Core); }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old, Finalizers::Core);
    append(errs, validate_object_meta(obj, Finalizers::Core));
    dedup(errs);  // both halves check labels and annotations
    return errs;
  }
};

}  // namespace

const KindStrategy& configmap_strategy() {
  static const ConfigMapStrategy s;
  return s;
}
const KindStrategy& secret_strategy() {
  static const SecretStrategy s;
  return s;
}
const KindStrategy& serviceaccount_strategy() {
  static const ServiceAccountStrategy s;
  return s;
}

}  // namespace kt::api::kinds
