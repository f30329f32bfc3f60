// `kubectl expose (pod|service|replicationcontroller|deployment|replicaset) NAME
//   [--port=P] [--target-port=T] [--type=T] [--name=N] [--protocol=P] [--selector=S]
//   [--labels=L] [--cluster-ip=IP] [--external-ip=IP] [--port-name] [--session-affinity]`
// as kubectl v1.32 builds the Service client-side (pkg/cmd/expose): the selector is
// the object's (a pod's labels, a workload's matchLabels, a service's selector), the
// ports are --port or those the object declares (several become port-1, port-2, ...),
// targetPort is --target-port or the port itself, labels are the object's.
#include <algorithm>
#include <cctype>

#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/output.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"
#include "core/util/strings.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

using util::split;

// labels.Parse of "a=b,c=d" into a map; "" on success.
std::string parse_map(const std::string& spec, Json& out) {
  out = Json::object();
  for (const auto& kv : split(spec, ',')) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) return "unexpected label spec: " + kv;
    out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return "";
}

// The pod spec whose containers declare the object's ports (null for services).
const Json* template_spec(const Json& obj) {
  const std::string kind = obj.value("kind", std::string());
  if (kind == "Pod") return &api::field(obj, {"spec"});
  return &api::field(obj, {"spec", "template", "spec"});
}

CommandResult run_expose(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  OutputFormat fmt = parse_output(a, false, error);
  if (!error.empty()) return fail(error);
  if (a.positional.empty())
    return fail("error: You must provide one or more resources by argument or filename.\nExample resource "
                "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   "
                "'<resource>'\n");
  auto& api = inv.sb.api();
  ResourceArgs ra = resolve_resource_args(inv, a.positional);
  if (!ra.error.empty()) return fail(ra.error);
  std::string out;
  for (const auto& ref : ra.refs) {
    if (ref.name.empty()) return fail("error: resource(s) were provided, but no name was specified\n");
    auto found = api.try_get(*ref.res, inv.ns(), ref.name);
    if (!found)
      return {out + "Error from server (NotFound): " + ref.res->qualified() + " \"" + ref.name + "\" not found\n", 1};
    const Json& obj = *found;
    const std::string kind = ref.res->kind;
    if (kind != "Pod" && kind != "Service" && kind != "ReplicationController" && kind != "Deployment" &&
        kind != "ReplicaSet")
      return {out + "error: cannot expose a " + kind + (ref.res->group.empty() ? "" : "." + ref.res->group) + "\n", 1};

    // Selector: --selector, else the object's own.
    Json selector = Json::object();
    if (a.has("selector")) {
      std::string e = parse_map(a.str("selector"), selector);
      if (!e.empty()) return fail("error: " + e + "\n");
    } else {
      if (kind == "Pod") selector = api::meta::labels(obj).is_object() ? api::meta::labels(obj) : Json::object();
      else if (kind == "Service" || kind == "ReplicationController") selector = api::field(obj, {"spec", "selector"});
      else {
        const Json& sel = api::field(obj, {"spec", "selector"});
        if (sel.contains("matchExpressions") && !sel["matchExpressions"].empty())
          return fail("error: couldn't convert expressions - \"" + sel["matchExpressions"].dump() +
                      "\" to map-based selector format\n");
        selector = sel.value("matchLabels", Json::object());
      }
      if (!selector.is_object() || selector.empty())
        return fail("error: couldn't retrieve selectors via --selector flag or introspection: the " +
                    std::string(kind == "Service" ? "service" : "object") + " has no selector\n");
    }

    // Ports and their protocols: --port, else the object's.
    std::vector<std::string> ports;
    std::vector<std::string> protocols;
    if (a.has("port")) {
      ports = split(a.str("port"), ',');
    } else if (kind == "Service") {
      const Json& sp = api::field(obj, {"spec", "ports"});
      if (sp.is_array())
        for (const auto& p : sp) {
          ports.push_back(std::to_string(p.value("port", 0)));
          protocols.push_back(p.value("protocol", std::string("TCP")));
        }
    } else if (const Json* spec = template_spec(obj)) {
      const Json& containers = api::field(*spec, {"containers"});
      if (containers.is_array())
        for (const auto& c : containers)
          if (c.contains("ports") && c["ports"].is_array())
            for (const auto& p : c["ports"]) {
              ports.push_back(std::to_string(p.value("containerPort", 0)));
              protocols.push_back(p.value("protocol", std::string("TCP")));
            }
    }
    if (ports.empty())
      return fail("error: couldn't find port via --port flag or introspection\n");

    Json svc_ports = Json::array();
    for (std::size_t i = 0; i < ports.size(); ++i) {
      const std::string& p = ports[i];
      if (p.empty() || !std::all_of(p.begin(), p.end(), ::isdigit))
        return fail("error: strconv.Atoi: parsing \"" + p + "\": invalid syntax\n");
      Json port = Json::object();
      std::string name = a.str("port-name");
      if (ports.size() > 1) name = "port-" + std::to_string(i + 1);
      if (!name.empty()) port["name"] = name;
      port["port"] = std::stoll(p);
      port["protocol"] = a.has("protocol") ? a.str("protocol") : i < protocols.size() ? protocols[i] : "TCP";
      if (a.has("target-port")) {
        const std::string t = a.str("target-port");
        if (!t.empty() && std::all_of(t.begin(), t.end(), ::isdigit)) port["targetPort"] = std::stoll(t);
        else port["targetPort"] = t;
      } else {
        port["targetPort"] = std::stoll(p);
      }
      svc_ports.push_back(port);
    }

    Json meta = Json::object();
    meta["creationTimestamp"] = nullptr;
    const std::string name = a.str("name", ref.name);
    meta["name"] = name;
    meta["namespace"] = inv.ns();
    Json labels;
    if (a.has("labels")) {
      std::string e = parse_map(a.str("labels"), labels);
      if (!e.empty()) return fail("error: " + e + "\n");
    } else {
      labels = api::meta::labels(obj);
    }
    if (labels.is_object() && !labels.empty()) meta["labels"] = labels;
    Json spec = Json::object();
    spec["ports"] = svc_ports;
    spec["selector"] = selector;
    if (a.has("type")) spec["type"] = a.str("type");
    if (a.has("external-ip")) spec["externalIPs"] = Json::array({a.str("external-ip")});
    if (a.has("session-affinity")) spec["sessionAffinity"] = a.str("session-affinity");
    if (a.has("cluster-ip")) spec["clusterIP"] = a.str("cluster-ip");
    if (a.has("load-balancer-ip") && a.str("type") == "LoadBalancer") spec["loadBalancerIP"] = a.str("load-balancer-ip");
    Json svc = Json::object();
    svc["apiVersion"] = "v1";
    svc["kind"] = "Service";
    svc["metadata"] = meta;
    svc["spec"] = spec;
    svc["status"] = {{"loadBalancer", Json::object()}};

    const auto& services = api.resource("", "services");
    Json result = svc;
    if (dry != "client") {
      api::WriteOptions opts;
      opts.dry_run = dry == "server";
      opts.field_manager = "kubectl-expose";
      try {
        result = *api.create(services, inv.ns(), svc, opts);
      } catch (const api::ApiError& e) {
        return {out + server_error(e), 1};
      }
    }
    if (fmt.kind == OutputFormat::Kind::Default) {
      out += "service/" + name + " exposed" + dry_run_suffix(dry) + "\n";
      continue;
    }
    out += print_structured(fmt, for_output(result), error);
    if (!error.empty()) return {out + error, 1};
  }
  return {out, 0};
}

}  // namespace

Command expose_command() {
  auto f = output_flags();
  auto files = filename_flags();
  f.insert(f.end(), files.begin(), files.end());
  f.insert(f.end(), {dry_run_flag(),
                     {"port", 0, K::String, ""},
                     {"target-port", 0, K::String, ""},
                     {"protocol", 0, K::String, ""},
                     {"type", 0, K::String, ""},
                     {"name", 0, K::String, ""},
                     {"selector", 0, K::String, ""},
                     {"labels", 'l', K::String, ""},
                     {"port-name", 0, K::String, ""},
                     {"cluster-ip", 0, K::String, ""},
                     {"external-ip", 0, K::String, ""},
                     {"load-balancer-ip", 0, K::String, ""},
                     {"session-affinity", 0, K::String, ""},
                     {"override-type", 0, K::String, "merge"},
                     {"overrides", 0, K::String, ""},
                     {"field-manager", 0, K::String, "kubectl-expose"},
                     {"record", 0, K::Bool, "false"}});
  return {"expose", f, run_expose, {}, {"filename", "kustomize", "recursive", "overrides", "override-type"}};
}

}  // namespace kt::kubectl
