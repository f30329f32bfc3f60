// Discovery commands, answered from the API server's resource registry as kubectl
// v1.32 prints what discovery returns:
//   api-resources   the preferred version of each resource: NAME SHORTNAMES APIVERSION
//                   NAMESPACED KIND (-o wide: VERBS CATEGORIES, comma-separated), stably sorted by group
//                   then name (or --sort-by name|kind); --namespaced, --api-group,
//                   --verbs filter; -o name prints plural.group
//   api-versions    every group/version, sorted
//   cluster-info    the control plane's URL (from the kubeconfig) and the kube-system
//                   services labelled kubernetes.io/cluster-service=true, in colour
//                   (`cluster-info dump`: cluster_info_dump.cpp)
#include <algorithm>
#include <set>

#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/kubeconfig.h"
#include "core/printers/tabwriter.h"
#include "core/sandbox.h"
#include "core/util/strings.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

using util::join;

CommandResult run_api_resources(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (!a.positional.empty())
    return fail("error: unexpected arguments: [" + join(a.positional, " ") +
                "]\nSee 'kubectl api-resources -h' for help and examples\n");
  const std::string output = a.str("output");
  if (output != "" && output != "wide" && output != "name") return fail("error: --output " + output + " is not available\n");
  const std::string sort_by = a.str("sort-by");
  if (sort_by != "" && sort_by != "name" && sort_by != "kind") return fail("error: --sort-by accepts only name or kind\n");
  const auto verbs = a.list("verbs");

  std::vector<const api::ResourceInfo*> rows;
  for (const auto& r : inv.sb.api().registry().all()) {
    if (!r.preferred || r.verbs.empty()) continue;
    if (a.has("api-group") && a.str("api-group") != r.group) continue;
    if (a.has("namespaced") && a.flag("namespaced") != r.namespaced) continue;
    if (!std::all_of(verbs.begin(), verbs.end(), [&](const std::string& v) { return r.has_verb(v); })) continue;
    rows.push_back(&r);
  }
  auto key = [&](const api::ResourceInfo* r) -> const std::string& {
    if (sort_by == "name") return r->plural;
    if (sort_by == "kind") return r->kind;
    return r->group;
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const api::ResourceInfo* x, const api::ResourceInfo* y) {
    int c = key(x).compare(key(y));
    return c != 0 ? c < 0 : x->plural < y->plural;
  });

  if (output == "name") {
    std::string out;
    for (const auto* r : rows) out += r->plural + (r->group.empty() ? "" : "." + r->group) + "\n";
    return {out, 0};
  }
  std::vector<std::vector<std::string>> table;
  if (!a.flag("no-headers")) {
    table.push_back({"NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"});
    if (output == "wide") {
      table.back().push_back("VERBS");
      table.back().push_back("CATEGORIES");
    }
  }
  for (const auto* r : rows) {
    table.push_back({r->plural, join(r->short_names, ","), r->api_version(), r->namespaced ? "true" : "false", r->kind});
    if (output == "wide") {
      table.back().push_back(join(r->verbs, ","));
      table.back().push_back(join(r->categories, ","));
    }
  }
  return {printers::tabwrite(table), 0};
}

CommandResult run_api_versions(Invocation& inv) {
  std::set<std::string> versions;
  for (const auto& r : inv.sb.api().registry().all()) versions.insert(r.api_version());
  std::string out;
  for (const auto& v : versions) out += v + "\n";
  return {out, 0};
}

// go-colortext's escape sequences, which cluster-info writes whatever the output is.
constexpr const char* kGreen = "\x1b[0;32m";
constexpr const char* kYellow = "\x1b[0;33m";
constexpr const char* kReset = "\x1b[0m";

std::string service_line(const std::string& name, const std::string& link) {
  return std::string(kGreen) + name + kReset + " is running at " + kYellow + link + kReset + "\n";
}

CommandResult run_cluster_info(Invocation& inv) {
  if (!inv.args.positional.empty()) {
    return fail("error: unknown command \"" + inv.args.positional[0] + "\" for \"kubectl cluster-info\"\n");
  }
  Kubeconfig kc = load_kubeconfig(inv.ctx, inv.args.str("kubeconfig"));
  if (!kc.error.empty()) return fail(kc.error);
  std::string host;
  if (const Json* ctx = named_entry(kc.config, "contexts", kc.config.value("current-context", std::string()))) {
    const std::string cluster = ctx->value("context", Json::object()).value("cluster", std::string());
    if (const Json* c = named_entry(kc.config, "clusters", cluster))
      host = c->value("cluster", Json::object()).value("server", std::string());
  }
  if (host.empty())  // kubectl's default server when no kubeconfig names one
    return fail("E0000 The connection to the server localhost:8080 was refused - did you specify the right host or "
                "port?\n");
  auto& api = inv.sb.api();
  const std::string ns = inv.args.str("namespace", "kube-system");
  api::ListOptions opts;
  opts.label_selector = "kubernetes.io/cluster-service=true";
  std::string out = service_line("Kubernetes control plane", host);
  for (const auto& svc : api.list(api.resource("", "services"), ns, opts).items) {
    const Json& s = *svc;
    const std::string name = api::meta::name(s);
    std::string link;
    const Json ingress = api::field(s, {"status", "loadBalancer", "ingress"});
    const Json ports = api::field(s, {"spec", "ports"});
    if (ingress.is_array() && !ingress.empty()) {
      std::string ip = ingress[0].value("ip", std::string());
      if (ip.empty()) ip = ingress[0].value("hostname", std::string());
      if (ports.is_array())
        for (const auto& p : ports) link += "http://" + ip + ":" + std::to_string(p.value("port", 0)) + " ";
    } else {
      std::string path = name;
      if (ports.is_array() && !ports.empty()) {
        const std::string port_name = ports[0].value("name", std::string());
        const bool https = port_name == "https" || ports[0].value("port", 0) == 443;
        // utilnet.JoinSchemeNamePort: [scheme:]name[:port]
        path = (https ? "https:" : "") + name + (port_name.empty() ? "" : ":" + port_name);
      }
      link = host + "/api/v1/namespaces/" + api::meta::namespace_of(s) + "/services/" + path + "/proxy";
    }
    std::string label = api::str_field(s, {"metadata", "labels", "kubernetes.io/name"});
    out += service_line(label.empty() ? name : label, link);
  }
  out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
  return {out, 0};
}

}  // namespace

Command api_resources_command() {
  return {"api-resources",
          {{"output", 'o', K::String, ""},
           {"no-headers", 0, K::Bool, "false"},
           {"api-group", 0, K::String, ""},
           {"namespaced", 0, K::Bool, "true"},
           {"verbs", 0, K::StringList, "[]"},
           {"sort-by", 0, K::String, ""},
           {"cached", 0, K::Bool, "false"},
           {"categories", 0, K::StringList, "[]"}},
          run_api_resources,
          {}};
}

Command api_versions_command() { return {"api-versions", {}, run_api_versions, {}}; }

Command cluster_info_dump_command();  // cluster_info_dump.cpp

Command cluster_info_command() { return {"cluster-info", {}, run_cluster_info, {cluster_info_dump_command()}}; }

}  // namespace kt::kubectl
