#include "core/api/kinds/common.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/api/labels.h"
#include "core/api/validation_names.h"
#include "core/util/go_quote.h"
#include "core/util/strings.h"

namespace kt::api::kinds {
namespace {

const Json& null_json() {
  static const Json n;
  return n;
}

using util::lower;

// The text a JSON scalar shows as a Go string (labels are strings; be lenient).
std::string as_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

}  // namespace

// ---- JSON access -------------------------------------------------------------------

// Straight to the member map: validation and defaulting look up a few dozen members
// per object written, and Json's own find builds and compares checked iterators.
const Json& get(const Json& obj, std::string_view k) {
  const auto* members = obj.get_ptr<const Json::object_t*>();
  if (!members) return null_json();
  auto it = members->find(k);
  return it == members->end() ? null_json() : it->second;
}

bool has(const Json& obj, std::string_view k) { return !get(obj, k).is_null(); }

std::string str(const Json& obj, std::string_view k) {
  const Json& v = get(obj, k);
  return v.is_string() ? v.get<std::string>() : std::string();
}

std::optional<std::int64_t> integer(const Json& obj, std::string_view k) {
  const Json& v = get(obj, k);
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float()) return static_cast<std::int64_t>(v.get<double>());
  return std::nullopt;
}

std::optional<std::int64_t> atoi64(std::string_view s) {
  std::size_t i = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return std::nullopt;
  std::int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    if (v > (INT64_MAX - (s[i] - '0')) / 10) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return neg ? -v : v;
}

std::size_t len(const Json& v) {
  if (v.is_array() || v.is_object()) return v.size();
  if (v.is_string()) return v.get_ref<const std::string&>().size();
  return 0;
}

Json& object_at(Json& obj, std::string_view k) {
  Json& v = obj[std::string(k)];
  if (!v.is_object()) v = Json::object();
  return v;
}

namespace {
// Sets obj[k] to value when the member is absent or `replace(member)` holds: one
// search of the member map either way.
template <class Replace>
void set_member_if(Json& obj, std::string_view k, Json&& value, Replace&& replace) {
  auto* members = obj.get_ptr<Json::object_t*>();
  if (!members) return;
  auto it = members->find(k);
  if (it == members->end()) members->emplace(std::string(k), std::move(value));
  else if (replace(it->second)) it->second = std::move(value);
}
}  // namespace

void set_default(Json& obj, std::string_view k, Json value) {
  set_member_if(obj, k, std::move(value), [](const Json& v) { return v.is_null(); });
}

void set_if_zero(Json& obj, std::string_view k, Json value) {
  set_member_if(obj, k, std::move(value), [](const Json& v) {
    return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) || (v.is_number() && v == 0);
  });
}

// ---- field paths -------------------------------------------------------------------

// One allocation per path (validation builds one for every member it visits).
std::string child(const std::string& path, std::string_view name) {
  if (path.empty()) return std::string(name);
  std::string out;
  out.reserve(path.size() + 1 + name.size());
  out.append(path).append(1, '.').append(name);
  return out;
}
std::string index(const std::string& path, std::size_t i) {
  char digits[24];
  const std::size_t n = static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, i).ptr - digits);
  std::string out;
  out.reserve(path.size() + 2 + n);
  out.append(path).append(1, '[').append(digits, n).append(1, ']');
  return out;
}
std::string key(const std::string& path, std::string_view k) {
  std::string out;
  out.reserve(path.size() + 2 + k.size());
  out.append(path).append(1, '[').append(k).append(1, ']');
  return out;
}

// ---- Go renderings -----------------------------------------------------------------

std::string go_quote(std::string_view s) { return util::go_quote(s); }

std::string go_string_map(const Json& m) {
  if (!m.is_object()) return "map[string]string(nil)";
  std::string out = "map[string]string{";
  bool first = true;
  for (auto it = m.begin(); it != m.end(); ++it) {  // nlohmann keeps keys sorted, as %#v prints them
    if (!first) out += ", ";
    first = false;
    out += go_quote(it.key()) + ":" + go_quote(as_text(*it));
  }
  return out + "}";
}

std::string go_string_slice(const Json& a, std::string_view type) {
  if (!a.is_array()) return std::string(type) + "(nil)";
  std::string out = std::string(type) + "{";
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (i) out += ", ";
    out += go_quote(as_text(a[i]));
  }
  return out + "}";
}

std::string go_label_selector(const Json& sel) {
  // field.Error prints a nil pointer as the string "null", quoted.
  if (!sel.is_object()) return "\"null\"";
  std::string out = "v1.LabelSelector{MatchLabels:" + go_string_map(get(sel, "matchLabels")) + ", MatchExpressions:";
  const Json& exprs = get(sel, "matchExpressions");
  if (!exprs.is_array()) {
    out += "[]v1.LabelSelectorRequirement(nil)";
  } else {
    out += "[]v1.LabelSelectorRequirement{";
    for (std::size_t i = 0; i < exprs.size(); ++i) {
      if (i) out += ", ";
      out += "v1.LabelSelectorRequirement{Key:" + go_quote(str(exprs[i], "key")) +
             ", Operator:" + go_quote(str(exprs[i], "operator")) +
             ", Values:" + go_string_slice(get(exprs[i], "values")) + "}";
    }
    out += "}";
  }
  return out + "}";
}

std::string go_int_or_string(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_null()) return "0";
  return v.dump();
}

// ---- field errors --------------------------------------------------------------------

FieldError invalid_raw(std::string field, std::string rendered, std::string detail) {
  FieldError e{FieldError::Type::Invalid, std::move(field), nullptr, {}, {}, false};
  e.detail = detail.empty() ? rendered : rendered + ": " + detail;
  return e;
}

FieldError unsupported_raw(std::string field, std::string rendered, const std::vector<std::string>& supported) {
  FieldError e{FieldError::Type::Unsupported, std::move(field), nullptr, {}, {}, false};
  std::string quoted;
  for (std::size_t i = 0; i < supported.size(); ++i) quoted += (i ? ", " : "") + go_quote(supported[i]);
  e.detail = rendered + (supported.empty() ? "" : ": supported values: " + quoted);
  return e;
}

FieldError duplicate_raw(std::string field, std::string rendered) {
  FieldError e{FieldError::Type::Duplicate, std::move(field), nullptr, std::move(rendered), {}, false};
  return e;
}

Json str_value(const Json& v) {
  if (v.is_null()) return Json("");
  return v;
}

void append(FieldErrors& to, FieldErrors from) {
  for (auto& e : from) to.push_back(std::move(e));
}

void dedup(FieldErrors& errs) {
  FieldErrors unique;
  std::vector<std::string> seen;
  for (auto& e : errs) {
    std::string text = e.to_string();
    if (std::find(seen.begin(), seen.end(), text) != seen.end()) continue;
    seen.push_back(std::move(text));
    unique.push_back(std::move(e));
  }
  errs = std::move(unique);
}

// ---- validators --------------------------------------------------------------------

void validate_nonnegative(const Json& value, const std::string& path, FieldErrors& errs) {
  if (value.is_number() && value.get<double>() < 0)
    errs.push_back(FieldError::invalid(path, value, std::string(kNegative)));
}

std::vector<std::string> is_valid_port_num(std::int64_t port) {
  if (port >= 1 && port <= 65535) return {};
  return {"must be between 1 and 65535, inclusive"};
}

std::vector<std::string> is_valid_port_name(std::string_view port) {
  std::vector<std::string> errs;
  if (port.size() > 15) errs.push_back(max_len_error(15));
  bool charset_ok = !port.empty();
  bool has_letter = false;
  for (char c : port) {
    bool lower_alpha = c >= 'a' && c <= 'z';
    if (!(lower_alpha || (c >= '0' && c <= '9') || c == '-')) charset_ok = false;
    if (lower_alpha) has_letter = true;
  }
  if (!charset_ok) errs.push_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!has_letter) errs.push_back("must contain at least one letter (a-z)");
  if (port.find("--") != std::string_view::npos) errs.push_back("must not contain consecutive hyphens");
  if (!port.empty() && (port.front() == '-' || port.back() == '-'))
    errs.push_back("must not begin or end with a hyphen");
  return errs;
}

std::vector<std::string> is_valid_percent(std::string_view s) {
  bool ok = s.size() >= 2 && s.back() == '%';
  for (std::size_t i = 0; ok && i + 1 < s.size(); ++i) ok = s[i] >= '0' && s[i] <= '9';
  if (ok) return {};
  return {regex_error("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%",
                      {"1%", "93%"})};
}

namespace {
std::vector<std::string> has_chdir_prefix(std::string_view v) {
  if (v == ".") return {"must not be '.'"};
  if (v == "..") return {"must not be '..'"};
  if (v.substr(0, 2) == "..") return {"must not start with '..'"};
  return {};
}
}  // namespace

std::vector<std::string> is_config_map_key(std::string_view k) {
  std::vector<std::string> errs;
  if (k.size() > kDNS1123SubdomainMaxLength) errs.push_back(max_len_error(kDNS1123SubdomainMaxLength));
  bool ok = !k.empty();
  for (char c : k)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_')) ok = false;
  if (!ok)
    errs.push_back(regex_error("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                               "[-._a-zA-Z0-9]+", {"key.name", "KEY_NAME", "key-name"}));
  for (auto& m : has_chdir_prefix(k)) errs.push_back(m);
  return errs;
}

std::vector<std::string> is_relaxed_env_var_name(std::string_view name) {
  // RelaxedEnvironmentVariableValidation is beta, so on, in v1.32.
  std::vector<std::string> errs;
  if (name.empty()) errs.push_back("environment variable name " + empty_error());
  for (unsigned char c : name) {
    if (c > 0x7e || c < 0x20 || c == '=') {
      errs.push_back(
          "a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

std::vector<std::string> is_valid_path_segment_name(std::string_view name) {
  if (name == ".") return {"may not be '.'"};
  if (name == "..") return {"may not be '..'"};
  std::vector<std::string> errs;
  if (name.find('/') != std::string_view::npos) errs.push_back("may not contain '/'");
  if (name.find('%') != std::string_view::npos) errs.push_back("may not contain '%'");
  return errs;
}

bool parse_ipv4(std::string_view s, unsigned char out[4]) {
  int part = 0;
  std::size_t i = 0;
  while (part < 4) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    int v = 0, digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      v = v * 10 + (s[i] - '0');
      if (++digits > 3 || v > 255) return false;
      ++i;
    }
    out[part++] = static_cast<unsigned char>(v);
    if (part < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

bool is_ipv6(std::string_view s) {
  if (s.find(':') == std::string_view::npos) return false;
  int groups = 0;
  bool double_colon = false;
  std::size_t i = 0;
  if (s.substr(0, 2) == "::") {
    double_colon = true;
    i = 2;
    if (i == s.size()) return true;
  } else if (!s.empty() && s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    std::size_t start = i;
    while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t n = i - start;
    if (i < s.size() && s[i] == '.') {  // trailing dotted IPv4
      unsigned char v4[4];
      if (!parse_ipv4(s.substr(start), v4)) return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (n == 0 || n > 4) return false;
    ++groups;
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (double_colon) return false;
      double_colon = true;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return false;
    }
  }
  return double_colon ? groups < 8 : groups == 8;
}

std::vector<std::string> is_valid_ip(std::string_view ip) {
  unsigned char v4[4];
  if (parse_ipv4(ip, v4) || is_ipv6(ip)) return {};
  return {"must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"};
}

void validate_port_num_or_name(const Json& v, const std::string& path, FieldErrors& errs) {
  if (v.is_number_integer()) {
    std::int64_t n = v.get<std::int64_t>();
    for (auto& m : is_valid_port_num(n)) errs.push_back(FieldError::invalid(path, n, m));
  } else if (v.is_string()) {
    std::string s = v.get<std::string>();
    for (auto& m : is_valid_port_name(s)) errs.push_back(FieldError::invalid(path, s, m));
  } else {
    // An absent IntOrString is the int 0.
    for (auto& m : is_valid_port_num(0)) errs.push_back(FieldError::invalid(path, 0, m));
  }
}

void validate_dns_label(const std::string& value, const std::string& path, FieldErrors& errs) {
  for (auto& m : is_dns1123_label(value)) errs.push_back(FieldError::invalid(path, value, m));
}
void validate_dns_subdomain(const std::string& value, const std::string& path, FieldErrors& errs) {
  for (auto& m : is_dns1123_subdomain(value)) errs.push_back(FieldError::invalid(path, value, m));
}
void validate_qualified_name(const std::string& value, const std::string& path, FieldErrors& errs) {
  for (auto& m : is_qualified_name(value)) errs.push_back(FieldError::invalid(path, value, m));
}

bool is_standard_resource_name(const std::string& n) {
  static const std::vector<std::string> standard = {"cpu",
                                                    "memory",
                                                    "ephemeral-storage",
                                                    "requests.cpu",
                                                    "requests.memory",
                                                    "requests.ephemeral-storage",
                                                    "limits.cpu",
                                                    "limits.memory",
                                                    "limits.ephemeral-storage",
                                                    "pods",
                                                    "services",
                                                    "replicationcontrollers",
                                                    "resourcequotas",
                                                    "secrets",
                                                    "persistentvolumeclaims",
                                                    "configmaps",
                                                    "storage",
                                                    "requests.storage",
                                                    "services.nodeports",
                                                    "services.loadbalancers"};
  return std::find(standard.begin(), standard.end(), n) != standard.end() || n.rfind("hugepages-", 0) == 0 ||
         n.rfind("requests.hugepages-", 0) == 0;
}

bool is_standard_container_resource_name(const std::string& n) {
  return n == "cpu" || n == "memory" || n == "ephemeral-storage" || n.rfind("hugepages-", 0) == 0;
}

bool is_native_resource_name(const std::string& n) {
  return n.find('/') == std::string::npos || n.find("kubernetes.io/") != std::string::npos;
}

bool is_extended_resource_name(const std::string& n) {
  if (is_native_resource_name(n) || n.rfind("requests.", 0) == 0) return false;
  return is_qualified_name("requests." + n).empty();
}

bool is_integer_resource_name(const std::string& n) {
  static const std::vector<std::string> integers = {
      "pods",       "resourcequotas",         "services",           "replicationcontrollers", "secrets",
      "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers"};
  return std::find(integers.begin(), integers.end(), n) != integers.end() || is_extended_resource_name(n);
}

FieldErrors validate_annotations(const Json& annotations, std::string_view path) {
  FieldErrors errs;
  if (!annotations.is_object()) return errs;
  std::size_t total = 0;
  for (auto it = annotations.begin(); it != annotations.end(); ++it) {
    for (auto& m : is_qualified_name(lower(it.key())))
      errs.push_back(FieldError::invalid(std::string(path), it.key(), m));
    total += it.key().size() + as_text(*it).size();
  }
  constexpr std::size_t kTotalAnnotationSizeLimit = 256 * 1024;
  if (total > kTotalAnnotationSizeLimit)
    errs.push_back(FieldError::too_long(std::string(path), kTotalAnnotationSizeLimit));
  return errs;
}

namespace {

bool is_standard_finalizer(std::string_view f) {
  return f == "kubernetes" || f == "orphan" || f == "foregroundDeletion";
}

void validate_finalizers(const Json& finalizers, Finalizers kind, FieldErrors& errs) {
  if (!finalizers.is_array()) return;
  const std::string path = "metadata.finalizers";
  for (const auto& f : finalizers) {
    std::string name = as_text(f);
    for (auto& m : is_qualified_name(name)) errs.push_back(FieldError::invalid(path, name, m));
  }
  if (kind != Finalizers::Core) return;
  for (std::size_t i = 0; i < finalizers.size(); ++i) {
    std::string name = as_text(finalizers[i]);
    if (name.find('/') == std::string::npos && !is_standard_finalizer(name))
      errs.push_back(FieldError::invalid(index(path, i), name,
                                         "name is neither a standard finalizer name nor is it fully qualified"));
  }
}

}  // namespace

FieldErrors validate_object_meta(const Json& obj, Finalizers finalizers) {
  FieldErrors errs;
  const Json& m = get(obj, "metadata");
  append(errs, validate_labels(get(m, "labels"), "metadata.labels"));
  append(errs, validate_annotations(get(m, "annotations"), "metadata.annotations"));
  validate_finalizers(get(m, "finalizers"), finalizers, errs);
  return errs;
}

FieldErrors validate_object_meta_update(const Json& obj, const Json& /*old*/, Finalizers finalizers) {
  FieldErrors errs;
  const Json& m = get(obj, "metadata");
  append(errs, validate_labels(get(m, "labels"), "metadata.labels"));
  append(errs, validate_annotations(get(m, "annotations"), "metadata.annotations"));
  if (finalizers == Finalizers::Core) {
    const Json& f = get(m, "finalizers");
    if (f.is_array()) {
      for (std::size_t i = 0; i < f.size(); ++i) {
        std::string name = as_text(f[i]);
        if (name.find('/') == std::string::npos && !is_standard_finalizer(name))
          errs.push_back(FieldError::invalid(index("metadata.finalizers", i), name,
                                             "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
  }
  return errs;
}

void immutable(const Json& now, const Json& before, const std::string& path, const std::string& rendered,
               FieldErrors& errs) {
  if (now != before) errs.push_back(invalid_raw(path, rendered, std::string(kFieldImmutable)));
}

void immutable_value(const Json& now, const Json& before, const std::string& path, FieldErrors& errs) {
  if (now == before) return;
  if (now.is_null())
    errs.push_back(FieldError::invalid(path, "null", std::string(kFieldImmutable)));  // a nil pointer
  else
    errs.push_back(FieldError::invalid(path, now, std::string(kFieldImmutable)));
}

void reset_status(Json& obj, Json zero) {
  if (obj.is_object()) obj["status"] = std::move(zero);
}

}  // namespace kt::api::kinds
