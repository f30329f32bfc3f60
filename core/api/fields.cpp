// Field selectors. Sections: 1. parsing (splitTerms, splitTerm, UnescapeValue);
// 2. FieldSelector; 3. per-kind selectable fields; 4. what the API server accepts.
#include "core/api/fields.h"

#include <algorithm>
#include <initializer_list>
#include <stdexcept>

#include "core/util/go_quote.h"

namespace kt::api {
namespace {

// ---- 1. parsing ---------------------------------------------------------------

// Splits on commas that are not escaped; the backslashes stay in the terms.
std::vector<std::string> split_terms(std::string_view s) {
  std::vector<std::string> terms;
  if (s.empty()) return terms;
  std::size_t start = 0;
  bool in_slash = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_slash) {
      in_slash = false;
    } else if (c == '\\') {
      in_slash = true;
    } else if (c == ',') {
      terms.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  terms.emplace_back(s.substr(start));
  return terms;
}

struct Term {
  std::string lhs;
  FieldRequirement::Op op;
  std::string rhs;
};

// The first operator in the term splits it ("!=" before "==" before "="); the left
// side has no escaping.
std::optional<Term> split_term(std::string_view term) {
  for (std::size_t i = 0; i < term.size(); ++i) {
    std::string_view rest = term.substr(i);
    if (rest.substr(0, 2) == "!=")
      return Term{std::string(term.substr(0, i)), FieldRequirement::Op::NotEquals, std::string(term.substr(i + 2))};
    if (rest.substr(0, 2) == "==")
      return Term{std::string(term.substr(0, i)), FieldRequirement::Op::Equals, std::string(term.substr(i + 2))};
    if (rest.substr(0, 1) == "=")
      return Term{std::string(term.substr(0, i)), FieldRequirement::Op::Equals, std::string(term.substr(i + 1))};
  }
  return std::nullopt;
}

std::size_t utf8_len(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;
}

// Decodes one UTF-8 rune for Go's %v of a rune (its code point in decimal).
std::uint32_t decode_rune(std::string_view s) {
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  std::size_t n = utf8_len(b(0));
  if (n > s.size()) return 0xFFFD;
  switch (n) {
    case 2: return ((b(0) & 0x1fu) << 6) | (b(1) & 0x3fu);
    case 3: return ((b(0) & 0x0fu) << 12) | ((b(1) & 0x3fu) << 6) | (b(2) & 0x3fu);
    case 4: return ((b(0) & 0x07u) << 18) | ((b(1) & 0x3fu) << 12) | ((b(2) & 0x3fu) << 6) | (b(3) & 0x3fu);
    default: return b(0);
  }
}

// fields.UnescapeValue.
std::string unescape_value(std::string_view s) {
  if (s.find_first_of("\\,=") == std::string_view::npos) return std::string(s);
  std::string out;
  bool in_slash = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = std::min(utf8_len(static_cast<unsigned char>(s[i])), s.size() - i);
    std::string_view rune = s.substr(i, n);
    i += n;
    if (in_slash) {
      if (rune == "\\" || rune == "," || rune == "=") {
        out += rune;  // the backslash is dropped for a recognised escape
      } else {
        throw std::invalid_argument("invalid field selector: invalid escape sequence: \\" + std::string(rune));
      }
      in_slash = false;
      continue;
    }
    if (rune == "\\") {
      in_slash = true;
    } else if (rune == "," || rune == "=") {
      // Go prints the rune with %v: its number ("61" for '=').
      throw std::invalid_argument("invalid field selector: unescaped character in value: " +
                                  std::to_string(decode_rune(rune)));
    } else {
      out += rune;
    }
  }
  if (in_slash) throw std::invalid_argument("invalid field selector: invalid escape sequence: \\");
  return out;
}

// ---- 3. selectable fields ---------------------------------------------------------

// The string at a dotted path; "" when absent or null (fields.Set holds Go zero values).
std::string str_at(const Json& obj, std::initializer_list<const char*> path) {
  const Json* cur = &obj;
  for (const char* key : path) {
    if (!cur->is_object()) return "";
    auto it = cur->find(key);
    if (it == cur->end()) return "";
    cur = &*it;
  }
  if (cur->is_string()) return cur->get<std::string>();
  if (cur->is_null()) return "";
  return cur->dump();
}

std::string bool_at(const Json& obj, std::initializer_list<const char*> path) {
  std::string s = str_at(obj, path);
  return s == "true" ? "true" : "false";  // strconv.FormatBool, false when absent
}

std::string int_at(const Json& obj, std::initializer_list<const char*> path) {
  std::string s = str_at(obj, path);
  return s.empty() ? "0" : s;  // strconv.Itoa, 0 when absent
}

std::optional<std::string> pod_field(const Json& pod, std::string_view f) {
  if (f == "spec.nodeName" || f == "spec.host") return str_at(pod, {"spec", "nodeName"});
  if (f == "spec.restartPolicy") return str_at(pod, {"spec", "restartPolicy"});
  if (f == "spec.schedulerName") return str_at(pod, {"spec", "schedulerName"});
  if (f == "spec.serviceAccountName") return str_at(pod, {"spec", "serviceAccountName"});
  if (f == "spec.hostNetwork") return bool_at(pod, {"spec", "hostNetwork"});
  if (f == "status.phase") return str_at(pod, {"status", "phase"});
  if (f == "status.podIP") {
    // The registry reads status.podIPs[0]; v1's status.podIP mirrors it.
    const Json* ips = nullptr;
    if (pod.contains("status") && pod["status"].is_object() && pod["status"].contains("podIPs"))
      ips = &pod["status"]["podIPs"];
    if (ips && ips->is_array() && !ips->empty()) return str_at((*ips)[0], {"ip"});
    return str_at(pod, {"status", "podIP"});
  }
  if (f == "status.nominatedNodeName") return str_at(pod, {"status", "nominatedNodeName"});
  return std::nullopt;
}

std::optional<std::string> event_field(const Json& ev, std::string_view f) {
  static constexpr const char* kInvolved[] = {"kind", "namespace", "name", "uid", "apiVersion", "resourceVersion",
                                              "fieldPath"};
  constexpr std::string_view prefix = "involvedObject.";
  if (f.substr(0, prefix.size()) == prefix) {
    std::string_view sub = f.substr(prefix.size());
    for (const char* k : kInvolved)
      if (sub == k) return str_at(ev, {"involvedObject", k});
    return std::nullopt;
  }
  if (f == "reason") return str_at(ev, {"reason"});
  if (f == "reportingComponent") return str_at(ev, {"reportingComponent"});
  if (f == "source") {
    std::string s = str_at(ev, {"source", "component"});
    return s.empty() ? str_at(ev, {"reportingComponent"}) : s;
  }
  if (f == "type") return str_at(ev, {"type"});
  return std::nullopt;
}

// ---- 4. accepted labels -------------------------------------------------------------

enum class Conversion { Pod, Node, ReplicationController, Event, Namespace, Secret, Service, Job, Default };

Conversion conversion_for(std::string_view resource) {
  std::string_view name = resource, group;
  if (auto dot = resource.find('.'); dot != std::string_view::npos) {
    name = resource.substr(0, dot);
    group = resource.substr(dot + 1);
  }
  if (group.empty()) {
    if (name == "pods") return Conversion::Pod;
    if (name == "nodes") return Conversion::Node;
    if (name == "replicationcontrollers") return Conversion::ReplicationController;
    if (name == "events") return Conversion::Event;
    if (name == "namespaces") return Conversion::Namespace;
    if (name == "secrets") return Conversion::Secret;
    if (name == "services") return Conversion::Service;
  }
  if (name == "jobs" && (group.empty() || group == "batch")) return Conversion::Job;
  // apps/v1 registers no field-label conversion: ReplicaSets, Deployments, ... accept
  // only metadata.name and metadata.namespace (status.replicas is refused even though
  // the registry indexes it; kubernetes/kubernetes#135136).
  return Conversion::Default;
}

bool one_of(std::string_view f, std::initializer_list<std::string_view> xs) {
  return std::find(xs.begin(), xs.end(), f) != xs.end();
}

bool accepted(Conversion c, std::string_view f) {
  switch (c) {
    case Conversion::Pod:
      return one_of(f, {"metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy",
                        "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase",
                        "status.podIP", "status.nominatedNodeName", "spec.host"});
    case Conversion::Node: return one_of(f, {"metadata.name", "spec.unschedulable"});
    case Conversion::ReplicationController: return one_of(f, {"metadata.name", "metadata.namespace", "status.replicas"});
    case Conversion::Event:
      return one_of(f, {"involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                        "reason", "reportingComponent", "source", "type", "metadata.namespace", "metadata.name"});
    case Conversion::Namespace: return one_of(f, {"status.phase", "metadata.name"});
    case Conversion::Secret: return one_of(f, {"type", "metadata.namespace", "metadata.name"});
    case Conversion::Service: return one_of(f, {"metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"});
    case Conversion::Job: return one_of(f, {"metadata.name", "metadata.namespace", "status.successful"});
    case Conversion::Default: return one_of(f, {"metadata.name", "metadata.namespace"});
  }
  return false;
}

}  // namespace

// ---- 2. FieldSelector ---------------------------------------------------------------

FieldSelector FieldSelector::parse(std::string_view selector) {
  std::vector<std::string> parts = split_terms(selector);
  std::sort(parts.begin(), parts.end());
  FieldSelector s;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    auto term = split_term(part);
    if (!term)
      throw std::invalid_argument("invalid selector: '" + std::string(selector) + "'; can't understand '" + part + "'");
    s.reqs_.push_back(FieldRequirement{term->lhs, term->op, unescape_value(term->rhs)});
  }
  return s;
}

bool FieldSelector::matches(const Getter& get) const {
  for (const auto& r : reqs_) {
    std::string have = get(r.field).value_or("");
    if ((r.op == FieldRequirement::Op::Equals) != (have == r.value)) return false;
  }
  return true;
}

bool FieldSelector::matches_object(const Json& obj) const {
  return matches([&](std::string_view f) { return field_value(obj, f); });
}

std::string FieldSelector::to_string() const {
  std::string out;
  for (std::size_t i = 0; i < reqs_.size(); ++i) {
    if (i) out += ",";
    out += reqs_[i].field + (reqs_[i].op == FieldRequirement::Op::Equals ? "=" : "!=") + escape_field_value(reqs_[i].value);
  }
  return out;
}

std::optional<std::string> FieldSelector::requires_exact_match(std::string_view field) const {
  for (const auto& r : reqs_)
    if (r.field == field && r.op == FieldRequirement::Op::Equals) return r.value;
  return std::nullopt;
}

std::string escape_field_value(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == ',' || c == '=') out += '\\';
    out += c;
  }
  return out;
}

std::optional<std::string> field_value(const Json& obj, std::string_view field) {
  const std::string kind = str_at(obj, {"kind"});
  const bool cluster_scoped = kind == "Node" || kind == "Namespace" || kind == "PersistentVolume" ||
                              kind == "StorageClass" || kind == "ClusterRole" || kind == "ClusterRoleBinding";
  if (field == "metadata.name") return str_at(obj, {"metadata", "name"});
  if (field == "metadata.namespace") {
    if (cluster_scoped) return std::nullopt;
    return str_at(obj, {"metadata", "namespace"});
  }
  if (kind == "Pod") return pod_field(obj, field);
  if (kind == "Event") return event_field(obj, field);
  if (kind == "Node" && field == "spec.unschedulable") return bool_at(obj, {"spec", "unschedulable"});
  if (kind == "Namespace" && field == "status.phase") return str_at(obj, {"status", "phase"});
  if (kind == "Secret" && field == "type") return str_at(obj, {"type"});
  if ((kind == "ReplicaSet" || kind == "ReplicationController") && field == "status.replicas")
    return int_at(obj, {"status", "replicas"});
  if (kind == "Job" && field == "status.successful") return int_at(obj, {"status", "succeeded"});
  if (kind == "Service" && field == "spec.clusterIP") return str_at(obj, {"spec", "clusterIP"});
  if (kind == "Service" && field == "spec.type") return str_at(obj, {"spec", "type"});
  return std::nullopt;
}

bool field_supported(std::string_view resource, std::string_view field) {
  return accepted(conversion_for(resource), field);
}

std::optional<std::string> field_label_error(std::string_view resource, std::string_view field) {
  Conversion c = conversion_for(resource);
  if (accepted(c, field)) return std::nullopt;
  if (c == Conversion::Default)
    return util::go_quote(field) + " is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
  if (c == Conversion::Job) return "field label " + util::go_quote(field) + " not supported for batchv1.Job";
  return "field label not supported: " + std::string(field);
}

std::string canonical_field_label(std::string_view resource, std::string_view field) {
  if (conversion_for(resource) == Conversion::Pod && field == "spec.host") return "spec.nodeName";
  return std::string(field);
}

}  // namespace kt::api
