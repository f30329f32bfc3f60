// `kubectl cluster-info dump [-A | --namespaces a,b] [--output-directory DIR] [-o json|yaml]`
// as kubectl v1.32's clusterinfo_dump.go writes it: the NodeList, then for each
// namespace (kube-system and the current one by default) its EventList,
// ReplicationControllerList, ServiceList, DaemonSetList, DeploymentList, ReplicaSetList
// and PodList, then the logs of every container of every pod (init containers first)
// between "==== START logs for container C of pod NS/P ====" and "==== END ... ====".
// The lists are the typed lists kubectl's clientset returns: items without kind and
// apiVersion. One printer prints them all, so -o yaml puts "---" before every list but
// the first, in files too. With --output-directory the lists go to DIR/nodes.json,
// DIR/NS/events.json, ..., the logs to DIR/NS/POD/logs.txt on the host, and stdout says
// "Cluster info dumped to DIR".
// FIXME: the JSON of the objects inside a list has its keys sorted (as `kubectl get -o
// json` prints them); kubectl prints typed objects in their Go structs' field order.
#include "core/api/apiserver.h"
#include "core/api/yaml.h"
#include "core/kubectl/command.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

std::string indent(const std::string& text, std::size_t n) {
  const std::string pad(n, ' ');
  std::string out = pad;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '\n' && i + 1 < text.size()) out += pad;
  }
  return out;
}

struct Dumper {
  Invocation& inv;
  std::string format = "json";  // or yaml
  std::string dir = "";         // "" or "-": stdout
  std::string out = "";         // stdout
  std::string error = "";
  int printed = 0;

  bool to_files() const { return !dir.empty() && dir != "-"; }

  // setupOutputWriter: DIR/NAME.EXT, its parent directories made first.
  void write(const std::string& name, const std::string& ext, const std::string& text) {
    if (!to_files()) {
      out += text;
      return;
    }
    if (!error.empty()) return;
    std::string path = dir + "/" + name + ext;
    const std::string parent = path.substr(0, path.rfind('/'));
    if (!inv.ctx.fs) {
      error = "error: no filesystem to write " + path + "\n";
      return;
    }
    std::string e = inv.ctx.fs->mkdir(parent, true);
    if (e.empty()) e = inv.ctx.fs->write(path, text, false);
    if (!e.empty()) error = "error: open " + path + ": " + e + "\n";
  }

  // The typed list: kind, apiVersion, metadata.resourceVersion, items without TypeMeta.
  void list(const std::string& group, const std::string& plural, const std::string& ns, const std::string& file) {
    if (!error.empty()) return;
    const auto& api = inv.sb.api();
    const api::ResourceInfo& res = api.resource(group, plural);
    api::ListResult listed;
    try {
      listed = inv.sb.api().list(res, ns, {});
    } catch (const api::ApiError& e) {
      error = server_error(e);
      return;
    }
    std::vector<Json> items;
    for (const auto& o : listed.items) {
      Json item = *o;
      item.erase("kind");
      item.erase("apiVersion");
      items.push_back(std::move(item));
    }
    const std::string kind = res.kind + "List", rv = std::to_string(listed.resource_version);
    std::string text;
    if (format == "yaml") {
      Json l = Json::object();
      l["apiVersion"] = res.api_version();
      l["items"] = Json::array();
      for (auto& i : items) l["items"].push_back(std::move(i));
      l["kind"] = kind;
      l["metadata"] = Json::object();
      l["metadata"]["resourceVersion"] = rv;
      text = (printed > 0 ? "---\n" : "") + api::to_yaml(l);
    } else {
      // The list's own fields in ListMeta/TypeMeta order, as encoding/json prints a typed list.
      text = "{\n    \"kind\": \"" + kind + "\",\n    \"apiVersion\": \"" + res.api_version() +
             "\",\n    \"metadata\": {\n        \"resourceVersion\": \"" + rv + "\"\n    },\n    \"items\": ";
      if (items.empty()) {
        text += "[]";
      } else {
        text += "[\n";
        for (std::size_t i = 0; i < items.size(); ++i) {
          std::string j = api::to_json_pretty(items[i]);
          j.pop_back();
          text += indent(j, 8) + (i + 1 < items.size() ? ",\n" : "\n");
        }
        text += "    ]";
      }
      text += "\n}\n";
    }
    ++printed;
    write(file, format == "yaml" ? ".yaml" : ".json", text);
  }

  // The logs of each container, as `kubectl logs POD -c C` reads them.
  void logs(const std::string& ns) {
    if (!error.empty()) return;
    api::ListResult pods;
    try {
      pods = inv.sb.api().list(inv.sb.api().resource("", "pods"), ns, {});
    } catch (const api::ApiError& e) {
      error = server_error(e);
      return;
    }
    for (const auto& p : pods.items) {
      const std::string name = api::meta::name(*p);
      std::string text;
      for (const char* list : {"initContainers", "containers"}) {
        const Json& cs = api::field(*p, {"spec", list});
        if (!cs.is_array()) continue;
        for (const auto& c : cs) {
          const std::string cn = c.value("name", std::string());
          const std::string what = "container " + cn + " of pod " + ns + "/" + name + " ====\n";
          text += "==== START logs for " + what;
          CommandResult r = run(inv.sb, {"logs", "-n", ns, name, "-c", cn}, inv.ctx);
          if (r.exit_code == 0) {
            text += r.output;
          } else {
            std::string msg = r.output;
            const std::string prefix = "Error from server (BadRequest): ";
            if (msg.rfind(prefix, 0) == 0) msg = msg.substr(prefix.size());
            text += "Request log error: " + msg;
          }
          text += "==== END logs for " + what;
        }
      }
      write(ns + "/" + name + "/logs", ".txt", text);
    }
  }
};

CommandResult run_dump(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (!a.positional.empty())
    return fail("error: unknown command \"" + a.positional[0] + "\" for \"kubectl cluster-info dump\"\n");
  const std::string format = a.str("output", "json");
  if (format != "json" && format != "yaml")
    return fail("error: kubectl cluster-info dump -o " + format + " is not available in this sandbox yet\n");
  Dumper d{inv};
  d.format = format;
  d.dir = a.str("output-directory");

  std::vector<std::string> namespaces;
  if (a.flag("all-namespaces")) {
    try {
      for (const auto& n : inv.sb.api().list(inv.sb.api().resource("", "namespaces"), "", {}).items)
        namespaces.push_back(api::meta::name(*n));
    } catch (const api::ApiError& e) {
      return fail(server_error(e));
    }
  } else if (a.has("namespaces")) {
    namespaces = a.list("namespaces");
  } else {
    namespaces = {"kube-system", inv.ns()};
  }

  d.list("", "nodes", "", "nodes");
  for (const auto& ns : namespaces) {
    d.list("", "events", ns, ns + "/events");
    d.list("", "replicationcontrollers", ns, ns + "/replication-controllers");
    d.list("", "services", ns, ns + "/services");
    d.list("apps", "daemonsets", ns, ns + "/daemonsets");
    d.list("apps", "deployments", ns, ns + "/deployments");
    d.list("apps", "replicasets", ns, ns + "/replicasets");
    d.list("", "pods", ns, ns + "/pods");
    d.logs(ns);
  }
  if (!d.error.empty()) return {d.out + d.error, 1};
  if (d.to_files()) d.out += "Cluster info dumped to " + d.dir + "\n";
  return {d.out, 0};
}

}  // namespace

Command cluster_info_dump_command() {
  return {"dump",
          {{"output", 'o', K::String, "json"},
           {"output-directory", 0, K::String, ""},
           {"namespaces", 0, K::StringList, "[]"},
           {"all-namespaces", 'A', K::Bool, "false"},
           {"pod-running-timeout", 0, K::String, "20s"}},
          run_dump,
          {}};
}

}  // namespace kt::kubectl
