// `kubectl config view|get-contexts|current-context|use-context|get-clusters|
// get-users|set-context|delete-context` on the host's kubeconfig (kubeconfig.h), with
// kubectl v1.32's lines ("Switched to context \"x\".", "Context \"x\" modified.") and
// errors. `view` hides the credentials as DATA+OMITTED unless --raw.
// `view -o json` prints the Go structs' field order (config_json.cpp); jsonpath and
// go-template see the document as JSON; --flatten implies --raw (the sandbox's
// kubeconfigs hold their credentials inline, so there are no files to embed).
// set-cluster, set-credentials, rename-context, set, unset, delete-cluster and
// delete-user are config_entries.cpp's.
#include <algorithm>

#include "core/api/yaml.h"
#include "core/kubectl/command.h"
#include "core/kubectl/extra_commands.h"
#include "core/kubectl/config_json.h"
#include "core/kubectl/output.h"
#include "core/kubectl/kubeconfig.h"
#include "core/printers/tabwriter.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

bool load(Invocation& inv, Kubeconfig& kc, CommandResult& err) {
  kc = load_kubeconfig(inv.ctx, inv.args.str("kubeconfig"));
  if (kc.error.empty()) return true;
  err = fail(kc.error);
  return false;
}

std::string current(const Kubeconfig& kc) { return kc.config.value("current-context", std::string()); }

// ShortenConfig: credential data is shown as DATA+OMITTED, tokens and passwords as REDACTED.
void shorten(Json& config) {
  if (config["clusters"].is_array())
    for (auto& c : config["clusters"])
      if (c.contains("cluster") && c["cluster"].contains("certificate-authority-data"))
        c["cluster"]["certificate-authority-data"] = "DATA+OMITTED";
  if (config["users"].is_array())
    for (auto& u : config["users"]) {
      if (!u.contains("user") || !u["user"].is_object()) continue;
      for (const char* k : {"client-certificate-data", "client-key-data"})
        if (u["user"].contains(k)) u["user"][k] = "DATA+OMITTED";
      for (const char* k : {"token", "password"})
        if (u["user"].contains(k)) u["user"][k] = "REDACTED";
    }
}

Json only(const Json& list, const std::string& name) {
  Json out = Json::array();
  if (list.is_array())
    for (const auto& e : list)
      if (e.value("name", std::string()) == name) out.push_back(e);
  return out;
}

CommandResult view(Invocation& inv) {
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  const std::string out = inv.args.str("output", "yaml");
  const std::string format = out.substr(0, out.find('='));
  static const std::vector<std::string> kFormats = {"go-template", "go-template-file", "json", "jsonpath",
                                                    "jsonpath-as-json", "jsonpath-file", "name", "template",
                                                    "templatefile", "yaml"};
  if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end())
    return fail("error: unable to match a printer suitable for the output format \"" + out +
                "\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,"
                "template,templatefile,yaml\n");
  if (format == "go-template-file" || format == "jsonpath-file" || format == "templatefile")
    return fail("error: kubectl config view -o " + format + " is not available in this sandbox yet\n");
  Json config = kc.config;
  if (inv.args.flag("minify")) {
    const std::string name = current(kc);
    if (name.empty()) return fail("error: current-context must exist in order to minify\n");
    const Json* ctx = named_entry(config, "contexts", name);
    if (!ctx) return fail("error: cannot locate context " + name + "\n");
    const Json c = ctx->value("context", Json::object());
    const std::string cluster = c.value("cluster", std::string()), user = c.value("user", std::string());
    if (!user.empty() && !named_entry(config, "users", user)) return fail("error: cannot locate user " + user + "\n");
    if (!cluster.empty() && !named_entry(config, "clusters", cluster))
      return fail("error: cannot locate cluster " + cluster + "\n");
    config["contexts"] = only(config["contexts"], name);
    config["clusters"] = only(config["clusters"], cluster);
    config["users"] = only(config["users"], user);
  }
  if (!inv.args.flag("raw") && !inv.args.flag("flatten")) shorten(config);
  if (format == "yaml") return {api::to_yaml(config), 0};
  if (format == "json") return {kubeconfig_json(config), 0};
  if (format == "name") return {"config/<unknown>\n", 0};
  std::string error;
  const OutputFormat fmt = parse_output(inv.args, false, error);
  if (!error.empty()) return fail(error);
  config["kind"] = "Config";
  config["apiVersion"] = "v1";
  std::string text = print_structured(fmt, config, error);
  return {text + error, error.empty() ? 0 : 1};
}

CommandResult current_context(Invocation& inv) {
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  if (current(kc).empty()) return fail("error: current-context is not set\n");
  return {current(kc) + "\n", 0};
}

CommandResult use_context(Invocation& inv) {
  if (inv.args.positional.size() != 1)
    return fail("error: Unexpected args: [" + [&] {
      std::string s;
      for (const auto& p : inv.args.positional) s += (s.empty() ? "" : " ") + p;
      return s;
    }() + "]\nSee 'kubectl config use-context -h' for help and examples\n");
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  const std::string name = inv.args.positional[0];
  if (!named_entry(kc.config, "contexts", name)) return fail("error: no context exists with the name: \"" + name + "\"\n");
  kc.config["current-context"] = name;
  std::string e = save_kubeconfig(inv.ctx, kc);
  if (!e.empty()) return fail(e);
  return {"Switched to context \"" + name + "\".\n", 0};
}

CommandResult get_contexts(Invocation& inv) {
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  const std::string out = inv.args.str("output");
  if (!out.empty() && out != "name")
    return fail("error: --output " + out + " is not available in kubectl config get-contexts; resetting to default output format\n");
  std::vector<Json> contexts;
  if (kc.config["contexts"].is_array())
    for (const auto& c : kc.config["contexts"]) contexts.push_back(c);
  std::sort(contexts.begin(), contexts.end(), [](const Json& a, const Json& b) {
    return a.value("name", std::string()) < b.value("name", std::string());
  });
  std::string missing;
  if (!inv.args.positional.empty()) {
    std::vector<Json> chosen;
    for (const auto& want : inv.args.positional) {
      bool found = false;
      for (const auto& c : contexts)
        if (c.value("name", std::string()) == want) {
          chosen.push_back(c);
          found = true;
        }
      if (!found) missing += "error: context " + want + " not found\n";
    }
    contexts = chosen;
  }
  std::string text;
  if (out == "name") {
    for (const auto& c : contexts) text += c.value("name", std::string()) + "\n";
  } else {
    std::vector<std::vector<std::string>> rows;
    if (!inv.args.flag("no-headers")) rows.push_back({"CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"});
    for (const auto& c : contexts) {
      const std::string name = c.value("name", std::string());
      const Json ctx = c.value("context", Json::object());
      rows.push_back({name == current(kc) ? "*" : "", name, ctx.value("cluster", std::string()),
                      ctx.value("user", std::string()), ctx.value("namespace", std::string())});
    }
    text = printers::tabwrite(rows);
  }
  return {text + missing, missing.empty() ? 0 : 1};
}

CommandResult list_names(Invocation& inv, const char* list) {
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  std::vector<std::string> names;
  if (kc.config[list].is_array())
    for (const auto& e : kc.config[list]) names.push_back(e.value("name", std::string()));
  std::sort(names.begin(), names.end());
  std::string out = "NAME\n";
  for (const auto& n : names) out += n + "\n";
  return {out, 0};
}

CommandResult get_clusters(Invocation& inv) { return list_names(inv, "clusters"); }
CommandResult get_users(Invocation& inv) { return list_names(inv, "users"); }

CommandResult set_context(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  std::string name = a.positional.empty() ? "" : a.positional[0];
  if (a.flag("current")) {
    if (!name.empty()) return fail("error: you cannot specify both a context name and --current\n");
    name = current(kc);
    if (name.empty()) return fail("error: no current context is set\n");
  }
  if (name.empty()) return fail("error: you must specify a non-empty context name or --current\n");
  if (!kc.config["contexts"].is_array()) kc.config["contexts"] = Json::array();
  Json* entry = nullptr;
  for (auto& c : kc.config["contexts"])
    if (c.value("name", std::string()) == name) entry = &c;
  const bool created = entry == nullptr;
  if (created) {
    Json c = Json::object();
    c["name"] = name;
    Json body = Json::object();
    body["cluster"] = "";
    body["user"] = "";
    c["context"] = body;
    kc.config["contexts"].push_back(c);
    entry = &kc.config["contexts"].back();
  }
  Json& ctx = (*entry)["context"];
  if (!ctx.is_object()) ctx = Json::object();
  if (a.has("cluster")) ctx["cluster"] = a.str("cluster");
  if (a.has("user")) ctx["user"] = a.str("user");
  if (a.has("namespace")) {
    if (a.str("namespace").empty()) ctx.erase("namespace");
    else ctx["namespace"] = a.str("namespace");
  }
  std::string e = save_kubeconfig(inv.ctx, kc);
  if (!e.empty()) return fail(e);
  return {"Context \"" + name + "\" " + (created ? "created" : "modified") + ".\n", 0};
}

CommandResult delete_context(Invocation& inv) {
  if (inv.args.positional.size() != 1)
    return fail("error: Unexpected args: []\nSee 'kubectl config delete-context -h' for help and examples\n");
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  const std::string name = inv.args.positional[0];
  if (!named_entry(kc.config, "contexts", name))
    return fail("error: cannot delete context " + name + ", not in " + kc.path + "\n");
  Json kept = Json::array();
  for (const auto& c : kc.config["contexts"])
    if (c.value("name", std::string()) != name) kept.push_back(c);
  kc.config["contexts"] = kept;
  std::string out;
  if (current(kc) == name)
    out += "warning: this removed your active context, use \"kubectl config use-context\" to select a different one\n";
  std::string e = save_kubeconfig(inv.ctx, kc);
  if (!e.empty()) return fail(e);
  return {out + "deleted context " + name + " from " + kc.path + "\n", 0};
}

}  // namespace

Command config_command() {
  const FlagSpec output{"output", 'o', K::String, ""};
  Command cmd{"config",
          {},
          nullptr,
          {{"view",
            {{"output", 'o', K::String, "yaml"},
             {"minify", 0, K::Bool, "false"},
             {"raw", 0, K::Bool, "false"},
             {"flatten", 0, K::Bool, "false"},
             {"merge", 0, K::Bool, "true"}},
            view,
            {}},
           {"current-context", {}, current_context, {}},
           {"use-context", {}, use_context, {}},
           {"use", {}, use_context, {}},
           {"get-contexts", {output, {"no-headers", 0, K::Bool, "false"}}, get_contexts, {}},
           {"get-clusters", {}, get_clusters, {}},
           {"get-users", {}, get_users, {}},
           {"set-context",
            {{"current", 0, K::Bool, "false"}},
            set_context,
            {}},
           {"delete-context", {}, delete_context, {}}}};
  for (auto& c : config_entry_commands()) cmd.subcommands.push_back(std::move(c));
  return cmd;
}

}  // namespace kt::kubectl
