#include "core/kubectl/kubectl.h"

#include <algorithm>
#include <functional>
#include <map>

#include "core/api/apiserver.h"
#include "core/cluster/cluster.h"
#include "core/printers/table.h"
#include "core/printers/tabwriter.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

struct Flags {
  std::string output;
  std::string ns = "default";
  bool all_namespaces = false;
  std::string selector;
  std::vector<std::string> positional;
  std::string error;  // first parse error, if any
};

// Flags may appear anywhere, as --flag=value, --flag value, -f value or -fvalue.
Flags parse_flags(const std::vector<std::string>& args) {
  Flags f;
  auto take = [&](std::size_t& i, const std::string& name) -> std::string {
    const std::string& a = args[i];
    auto eq = a.find('=');
    if (eq != std::string::npos) return a.substr(eq + 1);
    if (a.size() > 2 && a[0] == '-' && a[1] != '-') return a.substr(2);  // -owide
    if (i + 1 < args.size()) return args[++i];
    if (f.error.empty()) f.error = "flag needs an argument: " + name;
    return "";
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto is = [&](const char* lng, const char* shrt) {
      return a == lng || a.rfind(std::string(lng) + "=", 0) == 0 ||
             (shrt && (a == shrt || (a.rfind(shrt, 0) == 0 && a.size() > 2 && a[1] != '-')));
    };
    if (is("--output", "-o")) f.output = take(i, "'o' in -o");
    else if (is("--namespace", "-n")) f.ns = take(i, "'n' in -n");
    else if (is("--selector", "-l")) f.selector = take(i, "'l' in -l");
    else if (a == "-A" || a == "--all-namespaces" || a == "--all-namespaces=true") f.all_namespaces = true;
    else if (a.size() > 1 && a[0] == '-') {
      if (f.error.empty()) f.error = "unknown flag: " + a.substr(0, a.find('='));
    } else {
      f.positional.push_back(a);
    }
  }
  return f;
}

CommandResult fail(std::string text, int code = 1) { return {std::move(text), code}; }

std::string server_error(const api::ApiError& e) {
  return "Error from server (" + e.reason() + "): " + e.message() + "\n";
}

// ---- version -----------------------------------------------------------------
CommandResult cmd_version(Sandbox& sb, const Flags& f) {
  const std::string server = sb.scenario().kubernetes_version;
  if (f.output == "json" || f.output == "yaml") {
    // FIXME: -o json/yaml arrive with the output printers (issue 5).
    return fail("error: --output " + f.output + " is not available yet in this sandbox\n");
  }
  return {std::string("Client Version: ") + kClientVersion + "\nKustomize Version: " + kKustomizeVersion +
              "\nServer Version: " + server + "\n",
          0};
}

// ---- get -----------------------------------------------------------------------
CommandResult cmd_get(Sandbox& sb, const Flags& f) {
  if (f.positional.empty()) {
    return fail(
        "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
        "supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a "
        "detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and "
        "examples\n");
  }
  if (!f.output.empty() && f.output != "wide")
    return fail("error: --output " + f.output + " is not available yet in this sandbox\n");  // FIXME: issue 5
  auto& api = sb.api();
  const api::ResourceInfo* res = api.registry().resolve(f.positional[0]);
  if (!res) return fail("error: the server doesn't have a resource type \"" + f.positional[0] + "\"\n");
  const bool wide = f.output == "wide";
  const std::string ns = res->namespaced && !f.all_namespaces ? f.ns : "";

  std::vector<api::ObjectPtr> objects;
  std::string errors;
  try {
    if (f.positional.size() > 1) {
      for (std::size_t i = 1; i < f.positional.size(); ++i) {
        try {
          objects.push_back(api.get(*res, ns, f.positional[i]));
        } catch (const api::ApiError& e) {
          errors += server_error(e);
        }
      }
    } else {
      api::ListOptions lo;
      lo.label_selector = f.selector;
      objects = api.list(*res, ns, lo).items;
    }
  } catch (const api::ApiError& e) {
    return fail(server_error(e));
  }

  if (objects.empty()) {
    if (!errors.empty()) return fail(errors);
    if (res->namespaced && !f.all_namespaces) return {"No resources found in " + ns + " namespace.\n", 0};
    return {"No resources found\n", 0};
  }

  printers::Table t = printers::make_table(*res, objects, sb.sim().now());
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header;
  const bool ns_column = res->namespaced && f.all_namespaces;
  if (ns_column) header.push_back("NAMESPACE");
  for (const auto& c : t.columns) {
    if (c.priority > 0 && !wide) continue;
    std::string name = c.name;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::toupper(ch); });
    header.push_back(name);
  }
  rows.push_back(header);
  for (const auto& r : t.rows) {
    std::vector<std::string> cells;
    if (ns_column) cells.push_back(api::meta::namespace_of(*r.object));
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (t.columns[i].priority > 0 && !wide) continue;
      const Json& c = r.cells[i];
      cells.push_back(c.is_string() ? c.get<std::string>() : c.dump());
    }
    rows.push_back(std::move(cells));
  }
  // The objects found print first; kubectl returns the aggregated errors after.
  return {printers::tabwrite(rows) + errors, errors.empty() ? 0 : 1};
}

using Handler = std::function<CommandResult(Sandbox&, const Flags&)>;
const std::map<std::string, Handler>& handlers() {
  static const std::map<std::string, Handler> h = {{"version", cmd_version}, {"get", cmd_get}};
  return h;
}

}  // namespace

std::vector<std::string> subcommands() {
  std::vector<std::string> out;
  for (const auto& [k, v] : handlers()) out.push_back(k);
  return out;
}

// FIXME(issue 5): files, stdin and environment reach kubectl through ctx.
CommandResult run(Sandbox& sandbox, const std::vector<std::string>& args, const term::CommandContext&) {
  return run(sandbox, args);
}

CommandResult run(Sandbox& sandbox, const std::vector<std::string>& args) {
  if (args.empty()) {
    return {"kubectl controls the Kubernetes cluster manager.\n\n Find more information at: "
            "https://kubernetes.io/docs/reference/kubectl/\n",
            0};
  }
  auto it = handlers().find(args[0]);
  if (it == handlers().end()) {
    // FIXME: cobra's "Did you mean this?" suggestions (issue 5).
    return fail("Error: unknown command \"" + args[0] + "\" for \"kubectl\"\n");
  }
  Flags f = parse_flags({args.begin() + 1, args.end()});
  // Flag errors come from cobra: capital "Error:".
  if (!f.error.empty()) return fail("Error: " + f.error + "\nSee 'kubectl " + args[0] + " --help' for usage.\n");
  return it->second(sandbox, f);
}

}  // namespace kt::kubectl
