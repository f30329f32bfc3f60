// networking.k8s.io/v1 Ingress, IngressClass and NetworkPolicy:
//   defaults    pkg/apis/networking/v1/defaults.go
//   validation  pkg/apis/networking/validation/validation.go
#include <algorithm>
#include <set>

#include "core/api/kinds/common.h"
#include "core/api/kinds/kinds.h"
#include "core/api/labels.h"
#include "core/api/validation_names.h"

namespace kt::api::kinds {
namespace {

// IsWildcardDNS1123Subdomain: "*." followed by a DNS subdomain.
std::vector<std::string> is_wildcard_dns_subdomain(const std::string& v) {
  std::vector<std::string> errs;
  if (v.size() > kDNS1123SubdomainMaxLength) errs.push_back(max_len_error(kDNS1123SubdomainMaxLength));
  if (v.rfind("*.", 0) != 0 || !is_dns1123_subdomain(v.substr(2)).empty())
    errs.push_back(regex_error(
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of "
        "lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
        "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", {"*.example.com"}));
  return errs;
}

bool looks_like_ip(const std::string& s) { return is_valid_ip(s).empty(); }

void validate_host(const std::string& host, const std::string& path, FieldErrors& errs) {
  if (host.find('*') != std::string::npos) {
    for (auto& m : is_wildcard_dns_subdomain(host)) errs.push_back(FieldError::invalid(path, host, m));
  } else {
    for (auto& m : is_dns1123_subdomain(host)) errs.push_back(FieldError::invalid(path, host, m));
  }
}

void validate_backend(const Json& b, const std::string& path, FieldErrors& errs) {
  const bool resource = has(b, "resource"), service = has(b, "service");
  if (resource && service) {
    errs.push_back(FieldError::invalid(path, "", "cannot set both resource and service backends"));
    return;
  }
  if (resource) {
    const Json& r = get(b, "resource");
    const std::string rp = child(path, "resource");
    if (has(r, "apiGroup")) validate_dns_subdomain(str(r, "apiGroup"), child(rp, "apiGroup"), errs);
    for (const char* f : {"kind", "name"}) {
      const std::string v = str(r, f);
      if (v.empty())
        errs.push_back(FieldError::required(child(rp, f), std::string(f) + " is required"));
      else
        for (auto& m : is_valid_path_segment_name(v)) errs.push_back(FieldError::invalid(child(rp, f), v, m));
    }
  } else if (service) {
    const Json& s = get(b, "service");
    const std::string name = str(s, "name");
    if (name.empty())
      errs.push_back(FieldError::required(child(path, "service.name"), ""));
    else
      for (auto& m : is_dns1035_label(name)) errs.push_back(FieldError::invalid(child(path, "service.name"), name, m));
    const Json& port = get(s, "port");
    const std::string pname = str(port, "name");
    const auto pnum = integer(port, "number").value_or(0);
    if (!pname.empty() && pnum != 0) {
      errs.push_back(FieldError::invalid(path, "", "cannot set both port name & port number"));
    } else if (!pname.empty()) {
      for (auto& m : is_valid_port_name(pname))
        errs.push_back(FieldError::invalid(child(path, "service.port.name"), pname, m));
    } else if (pnum != 0) {
      for (auto& m : is_valid_port_num(pnum))
        errs.push_back(FieldError::invalid(child(path, "service.port.number"), pnum, m));
    } else {
      errs.push_back(FieldError::required(path, "port name or number is required"));
    }
  } else {
    errs.push_back(FieldError::invalid(path, "", "resource or service backend is required"));
  }
}

void validate_http_path(const Json& p, const std::string& path, FieldErrors& errs) {
  const Json& type = get(p, "pathType");
  if (type.is_null()) {
    errs.push_back(FieldError::required(child(path, "pathType"), "pathType must be specified"));
    return;
  }
  const std::string t = type.is_string() ? type.get<std::string>() : "";
  const std::string v = str(p, "path");
  if (t == "Exact" || t == "Prefix") {
    if (v.rfind("/", 0) != 0) errs.push_back(FieldError::invalid(child(path, "path"), v, "must be an absolute path"));
    if (!v.empty()) {
      for (const char* seq : {"//", "/./", "/../", "%2f", "%2F"})
        if (v.find(seq) != std::string::npos)
          errs.push_back(FieldError::invalid(child(path, "path"), v, std::string("must not contain '") + seq + "'"));
      for (const char* suffix : {"/..", "/."}) {
        std::string s(suffix);
        if (v.size() >= s.size() && v.compare(v.size() - s.size(), s.size(), s) == 0)
          errs.push_back(FieldError::invalid(child(path, "path"), v, "cannot end with '" + s + "'"));
      }
    }
  } else if (t == "ImplementationSpecific") {
    if (!v.empty() && v.front() != '/')
      errs.push_back(FieldError::invalid(child(path, "path"), v, "must be an absolute path"));
  } else {
    errs.push_back(
        FieldError::unsupported(child(path, "pathType"), type, {"Exact", "ImplementationSpecific", "Prefix"}));
  }
  validate_backend(get(p, "backend"), child(path, "backend"), errs);
}

void validate_ingress_spec(const Json& spec, FieldErrors& errs) {
  const Json& rules = get(spec, "rules");
  if (len(rules) == 0 && !has(spec, "defaultBackend"))
    errs.push_back(invalid_raw("spec",
                               rules.is_array() ? "[]networking.IngressRule{}" : "[]networking.IngressRule(nil)",
                               "either `defaultBackend` or `rules` must be specified"));
  if (has(spec, "defaultBackend")) validate_backend(get(spec, "defaultBackend"), "spec.defaultBackend", errs);
  if (rules.is_array()) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const std::string rp = index("spec.rules", i);
      const std::string host = str(rules[i], "host");
      if (!host.empty()) {
        if (looks_like_ip(host))
          errs.push_back(FieldError::invalid(child(rp, "host"), host, "must be a DNS name, not an IP address"));
        validate_host(host, child(rp, "host"), errs);
      }
      const Json& http = get(rules[i], "http");
      if (http.is_object()) {
        const Json& paths = get(http, "paths");
        if (len(paths) == 0) errs.push_back(FieldError::required(child(rp, "http.paths"), ""));
        if (paths.is_array())
          for (std::size_t j = 0; j < paths.size(); ++j)
            validate_http_path(paths[j], index(child(rp, "http.paths"), j), errs);
      }
    }
  }
  const Json& tls = get(spec, "tls");
  if (tls.is_array()) {
    for (std::size_t i = 0; i < tls.size(); ++i) {
      const std::string tp = index("spec.tls", i);
      const Json& hosts = get(tls[i], "hosts");
      if (hosts.is_array())
        for (std::size_t j = 0; j < hosts.size(); ++j)
          validate_host(hosts[j].is_string() ? hosts[j].get<std::string>() : "", index(child(tp, "hosts"), j), errs);
      const std::string secret = str(tls[i], "secretName");
      if (!secret.empty()) validate_dns_subdomain(secret, child(tp, "secretName"), errs);
    }
  }
  if (has(spec, "ingressClassName"))
    validate_dns_subdomain(str(spec, "ingressClassName"), "spec.ingressClassName", errs);
}

class IngressStrategy : public KindStrategy {
 public:
  void prepare_for_create(Json& obj) const override { reset_status(obj, {{"loadBalancer", Json::object()}}); }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_ingress_spec(get(obj, "spec"), errs);
    const Json& cls = get(get(get(obj, "metadata"), "annotations"), "kubernetes.io/ingress.class");
    const Json& name = get(get(obj, "spec"), "ingressClassName");
    if (cls.is_string() && name.is_string() && cls != name)
      errs.push_back(FieldError::invalid("annotations.kubernetes.io/ingress.class", cls,
                                         "must match `ingressClassName` when both are specified"));
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_ingress_spec(get(obj, "spec"), errs);
    return errs;
  }
};

// ---- IngressClass ---------------------------------------------------------------------

void validate_domain_prefixed_path(const std::string& v, const std::string& path, FieldErrors& errs) {
  if (v.empty()) {
    errs.push_back(FieldError::required(path, ""));
    return;
  }
  auto slash = v.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == v.size()) {
    errs.push_back(FieldError::invalid(path, v, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
    return;
  }
  const std::string host = v.substr(0, slash), rest = v.substr(slash + 1);
  for (auto& m : is_dns1123_subdomain(host)) errs.push_back(FieldError::invalid(path, host, m));
  static const std::string allowed = "/-._~%!$&'()*+,;=:";
  bool ok = !rest.empty();
  for (char c : rest)
    if (!std::isalnum(static_cast<unsigned char>(c)) && allowed.find(c) == std::string::npos) ok = false;
  if (!ok)
    errs.push_back(FieldError::invalid(
        path, rest, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
}

class IngressClassStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& params = object_at(obj, "spec")["parameters"];
    if (params.is_object())
      set_default(params, "scope", "Cluster");
    else if (params.is_null())
      obj["spec"].erase("parameters");
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_spec(get(obj, "spec"), errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    immutable_value(get(get(obj, "spec"), "controller"), get(get(old, "spec"), "controller"), "spec.controller", errs);
    validate_spec(get(obj, "spec"), errs);
    return errs;
  }

 private:
  static void validate_spec(const Json& spec, FieldErrors& errs) {
    const std::string controller = str(spec, "controller");
    if (controller.size() > 250) errs.push_back(FieldError::too_long("spec.controller", 250));
    validate_domain_prefixed_path(controller, "spec.controller", errs);
    const Json& params = get(spec, "parameters");
    if (!params.is_object()) return;
    const std::string pp = "spec.parameters";
    if (has(params, "apiGroup")) validate_dns_subdomain(str(params, "apiGroup"), child(pp, "apiGroup"), errs);
    for (const char* f : {"kind", "name"}) {
      const std::string v = str(params, f);
      if (v.empty())
        errs.push_back(FieldError::required(child(pp, f), std::string(f) + " is required"));
      else
        for (auto& m : is_valid_path_segment_name(v)) errs.push_back(FieldError::invalid(child(pp, f), v, m));
    }
    const std::string scope = str(params, "scope");
    if (scope == "Namespace") {
      if (str(params, "namespace").empty())
        errs.push_back(FieldError::required(child(pp, "namespace"), "`parameters.scope` is set to 'Namespace'"));
      else
        for (auto& m : is_dns1123_label(str(params, "namespace")))
          errs.push_back(FieldError::invalid(child(pp, "namespace"), str(params, "namespace"), m));
    } else if (scope == "Cluster") {
      if (has(params, "namespace"))
        errs.push_back(FieldError::forbidden(child(pp, "namespace"), "`parameters.scope` is set to 'Cluster'"));
    } else {
      errs.push_back(FieldError::unsupported(child(pp, "scope"), scope, {"Cluster", "Namespace"}));
    }
  }
};

// ---- NetworkPolicy ------------------------------------------------------------------------

void validate_policy_port(const Json& port, const std::string& path, FieldErrors& errs) {
  const Json& proto = get(port, "protocol");
  if (proto.is_string() && proto != "TCP" && proto != "UDP" && proto != "SCTP")
    errs.push_back(FieldError::unsupported(child(path, "protocol"), proto, {"TCP", "UDP", "SCTP"}));
  const Json& p = get(port, "port");
  const Json& end = get(port, "endPort");
  if (p.is_number_integer()) {
    auto n = p.get<std::int64_t>();
    for (auto& m : is_valid_port_num(n)) errs.push_back(FieldError::invalid(child(path, "port"), n, m));
    if (end.is_number_integer()) {
      if (end.get<std::int64_t>() < n)
        errs.push_back(FieldError::invalid(child(path, "endPort"), n, "must be greater than or equal to `port`"));
      for (auto& m : is_valid_port_num(end.get<std::int64_t>()))
        errs.push_back(FieldError::invalid(child(path, "endPort"), end, m));
    }
  } else if (p.is_string()) {
    if (!end.is_null())
      errs.push_back(
          FieldError::invalid(child(path, "endPort"), end, "may not be specified when `port` is non-numeric"));
    for (auto& m : is_valid_port_name(p.get<std::string>()))
      errs.push_back(FieldError::invalid(child(path, "port"), p, m));
  } else if (!end.is_null()) {
    errs.push_back(
        FieldError::invalid(child(path, "endPort"), end, "may not be specified when `port` is not specified"));
  }
}

void validate_peer(const Json& peer, const std::string& path, FieldErrors& errs) {
  int peers = 0;
  if (has(peer, "podSelector")) {
    ++peers;
    append(errs, validate_label_selector(get(peer, "podSelector"), child(path, "podSelector")));
  }
  if (has(peer, "namespaceSelector")) {
    ++peers;
    append(errs, validate_label_selector(get(peer, "namespaceSelector"), child(path, "namespaceSelector")));
  }
  if (has(peer, "ipBlock")) {
    ++peers;
    const Json& block = get(peer, "ipBlock");
    const std::string bp = child(path, "ipBlock");
    const std::string cidr = str(block, "cidr");
    if (cidr.empty()) errs.push_back(FieldError::required(child(bp, "cidr"), ""));
  }
  if (peers == 0)
    errs.push_back(FieldError::required(path, "must specify a peer"));
  else if (peers > 1 && has(peer, "ipBlock"))
    errs.push_back(FieldError::forbidden(path, "may not specify both ipBlock and another peer"));
}

void validate_network_policy(const Json& obj, FieldErrors& errs) {
  const Json& spec = get(obj, "spec");
  append(errs, validate_label_selector(get(spec, "podSelector"), "spec.podSelector"));
  for (const char* dir : {"ingress", "egress"}) {
    const Json& rules = get(spec, dir);
    if (!rules.is_array()) continue;
    const char* peers_key = std::string(dir) == "ingress" ? "from" : "to";
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const std::string rp = index(child("spec", dir), i);
      const Json& ports = get(rules[i], "ports");
      if (ports.is_array())
        for (std::size_t j = 0; j < ports.size(); ++j)
          validate_policy_port(ports[j], index(child(rp, "ports"), j), errs);
      const Json& peers = get(rules[i], peers_key);
      if (peers.is_array())
        for (std::size_t j = 0; j < peers.size(); ++j) validate_peer(peers[j], index(child(rp, peers_key), j), errs);
    }
  }
  const Json& types = get(spec, "policyTypes");
  if (len(types) > 2) {
    errs.push_back(invalid_raw("spec.policyTypes", "&" + go_string_slice(types, "[]networking.PolicyType"),
                               "may not specify more than two policyTypes"));
    return;
  }
  if (types.is_array())
    for (std::size_t i = 0; i < types.size(); ++i)
      if (types[i] != "Ingress" && types[i] != "Egress")
        errs.push_back(FieldError::unsupported(index("spec.policyTypes", i), types[i], {"Ingress", "Egress"}));
}

class NetworkPolicyStrategy : public KindStrategy {
 public:
  void apply_defaults(Json& obj) const override {
    Json& spec = object_at(obj, "spec");
    object_at(spec, "podSelector");
    for (const char* dir : {"ingress", "egress"}) {
      if (!spec.contains(dir) || !spec[dir].is_array()) continue;
      for (auto& rule : spec[dir])
        if (rule.is_object() && rule.contains("ports") && rule["ports"].is_array())
          for (auto& p : rule["ports"]) set_default(p, "protocol", "TCP");
    }
    if (len(get(spec, "policyTypes")) == 0) {
      Json types = Json::array({"Ingress"});
      if (len(get(spec, "egress")) != 0) types.push_back("Egress");
      spec["policyTypes"] = types;
    }
  }
  FieldErrors validate(const Json& obj) const override {
    FieldErrors errs = validate_object_meta(obj);
    validate_network_policy(obj, errs);
    return errs;
  }
  FieldErrors validate_update(const Json& obj, const Json& old) const override {
    FieldErrors errs = validate_object_meta_update(obj, old);
    validate_network_policy(obj, errs);
    return errs;
  }
};

}  // namespace

const KindStrategy& ingress_strategy() {
  static const IngressStrategy s;
  return s;
}
const KindStrategy& ingressclass_strategy() {
  static const IngressClassStrategy s;
  return s;
}
const KindStrategy& networkpolicy_strategy() {
  static const NetworkPolicyStrategy s;
  return s;
}

}  // namespace kt::api::kinds
