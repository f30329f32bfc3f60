// `kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]` as kubectl
// v1.32 generates it (staging/src/k8s.io/kubectl/pkg/cmd/create/create_ingress.go):
//   - a path ending in `*` is pathType Prefix (the `*` dropped), any other Exact;
//   - rules with the same host share one rule entry, paths in the order given;
//   - `,tls` adds the host to a TLS entry (one per secret name, a host only once);
//   - --default-backend=svc:port, --class, --annotation k=v.
// Ports that parse as integers are `number`, others `name` (intstr.Parse).
#include <regex>

#include "core/kubectl/create_generators.h"
#include "core/kubectl/sandbox_hint.h"
#include "core/util/strings.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

using util::split;

// Go's strconv.Atoi: optional sign, decimal digits, within int64.
bool atoi(const std::string& s, std::int64_t& out) {
  std::size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  if (i == s.size() || s.size() - i > 18) return false;
  for (std::size_t j = i; j < s.size(); ++j)
    if (s[j] < '0' || s[j] > '9') return false;
  out = std::stoll(s);
  return true;
}

Json backend(const std::string& service) {
  const auto parts = split(service, ':');
  Json port = Json::object();
  std::int64_t n = 0;
  if (atoi(parts[1], n)) port["number"] = n;
  else port["name"] = parts[1];
  Json svc = Json::object();
  svc["name"] = parts[0];
  svc["port"] = port;
  Json b = Json::object();
  b["service"] = svc;
  return b;
}

Json http_path(const std::string& path_and_service) {
  const auto parts = split(path_and_service, '=');
  std::string path = "/" + parts[0];
  std::string type = "Exact";
  if (path.back() == '*') {
    type = "Prefix";
    path.pop_back();
  }
  Json p = Json::object();
  p["backend"] = backend(parts[1]);
  p["path"] = path;
  p["pathType"] = type;
  return p;
}

std::string host_of(const std::string& rule) { return rule.substr(0, rule.find('/')); }

Json tls_entries(const std::vector<std::string>& rules) {
  Json out = Json::array();
  std::vector<std::string> seen_hosts;
  for (const auto& rule : rules) {
    const auto parts = split(rule, ',');
    if (parts.size() != 2) continue;
    const std::string host = host_of(rule);
    const auto secret_parts = split(parts[1], '=');
    const std::string secret = secret_parts.size() > 1 ? secret_parts[1] : "";
    if (std::find(seen_hosts.begin(), seen_hosts.end(), host) != seen_hosts.end()) continue;
    seen_hosts.push_back(host);
    bool merged = false;
    for (auto& t : out)
      if (t.value("secretName", std::string()) == secret) {
        t["hosts"].push_back(host);
        merged = true;
        break;
      }
    if (merged) continue;
    Json t = Json::object();
    if (!host.empty()) t["hosts"].push_back(host);
    if (!secret.empty()) t["secretName"] = secret;
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

Json ingress_rules(const std::vector<std::string>& rules) {
  Json out = Json::array();
  for (const auto& rule : rules) {
    const std::string without_tls = split(rule, ',')[0];
    const auto slash = without_tls.find('/');
    const std::string host = without_tls.substr(0, slash);
    const Json path = http_path(without_tls.substr(slash + 1));
    bool merged = false;
    for (auto& r : out)
      if (r.value("host", std::string()) == host) {
        r["http"]["paths"].push_back(path);
        merged = true;
        break;
      }
    if (merged) continue;
    Json r = Json::object();
    if (!host.empty()) r["host"] = host;
    r["http"]["paths"] = Json::array();
    r["http"]["paths"].push_back(path);
    out.push_back(r);
  }
  return out;
}

// Validate(): "" or the error.
std::string validate(const ParsedArgs& a) {
  const auto rules = a.list("rule");
  const std::string def = a.str("default-backend");
  if (def.empty() && rules.empty())
    return "not enough information provided: every ingress has to either specify a default-backend (which catches "
           "all traffic) or a list of rules (which catch specific paths)";
  // v1.32's ruleRegex has no end anchor: a rule must only start as
  // host/path=svcname:svcport ("/a=s:1 " and "foo.com/a=svc:80,tls=a=b" pass).
  static const std::regex rule_re(R"(^[\w*\-.]*/[^\n]*=[\w\-]+:[\w\-]+)");
  for (const auto& r : rules)
    if (!std::regex_search(r, rule_re, std::regex_constants::match_continuous))
      return "rule " + r + " is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]";
  for (const auto& an : a.list("annotation"))
    if (an.find('=') == std::string::npos)
      return "annotation " + an + " is invalid and should be in format key=[value]";
  if (!def.empty() && split(def, ':').size() != 2) return "default-backend should be in format servicename:serviceport";
  return "";
}

// kubectl v1.32 indexes the pieces of a rule that passed its regular expression
// without checking them, and panics ("index out of range") on a rule whose path holds
// a ',' or a second '=' before the service ("foo.com/a,b=svc:80"). The sandbox says
// so instead of building half a rule: "" or the message.
std::string panic_check(const std::vector<std::string>& rules) {
  for (const auto& rule : rules) {
    const std::string without_tls = split(rule, ',')[0];
    const auto slash = without_tls.find('/');
    const auto parts = split(without_tls.substr(slash + 1), '=');
    if (parts.size() < 2 || split(parts[1], ':').size() < 2)
      return "panic: runtime error: index out of range [1] with length 1\n" +
             sandbox_hint("kubectl v1.32 crashes on the rule " + rule +
                          ": a path may not contain ',' or '=' (write host/path=service:port)");
  }
  return "";
}

CommandResult create_ingress(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!generator_name(inv, name, err)) return err;
  const ParsedArgs& a = inv.args;
  const std::string e = validate(a);
  if (!e.empty()) return fail("error: " + e + "\n");
  const std::string panic = panic_check(a.list("rule"));
  if (!panic.empty()) return {panic, 2};
  Json meta = generator_meta(inv, name);
  for (const auto& an : a.list("annotation")) {
    const auto eq = an.find('=');
    meta["annotations"][an.substr(0, eq)] = an.substr(eq + 1);
  }
  Json spec = Json::object();
  if (!a.str("class").empty()) spec["ingressClassName"] = a.str("class");
  if (!a.str("default-backend").empty()) spec["defaultBackend"] = backend(a.str("default-backend"));
  const auto rules = a.list("rule");
  Json tls = tls_entries(rules);
  if (!tls.empty()) spec["tls"] = tls;
  Json r = ingress_rules(rules);
  if (!r.empty()) spec["rules"] = r;
  Json status = Json::object();
  status["loadBalancer"] = Json::object();
  Json obj = Json::object();
  obj["apiVersion"] = "networking.k8s.io/v1";
  obj["kind"] = "Ingress";
  obj["metadata"] = meta;
  obj["spec"] = spec;
  obj["status"] = status;
  return create_generated(inv, "networking.k8s.io", "ingresses", std::move(obj), "ingress");
}

}  // namespace

std::vector<Command> ingress_generators() {
  const std::vector<FlagSpec> flags = {{"class", 0, K::String, ""},
                                       {"rule", 0, K::StringArray, "[]"},
                                       {"default-backend", 0, K::String, ""},
                                       {"annotation", 0, K::StringArray, "[]"}};
  return {{"ingress", generator_flags(flags), create_ingress, {}}, {"ing", generator_flags(flags), create_ingress, {}}};
}

}  // namespace kt::kubectl
