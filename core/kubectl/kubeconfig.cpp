#include "core/kubectl/kubeconfig.h"

#include <algorithm>

#include "core/api/yaml.h"
#include "core/kubectl/command.h"

namespace kt::kubectl {
namespace {

std::string config_path(const term::CommandContext& ctx) {
  auto it = ctx.env.find("KUBECONFIG");
  if (it != ctx.env.end() && !it->second.empty()) return it->second.substr(0, it->second.find(':'));
  auto home = ctx.env.find("HOME");
  return (home != ctx.env.end() && !home->second.empty() ? home->second : std::string("/root")) + "/.kube/config";
}

Json empty_config() {
  Json c = Json::object();
  c["apiVersion"] = "v1";
  c["clusters"] = nullptr;
  c["contexts"] = nullptr;
  c["current-context"] = "";
  c["kind"] = "Config";
  c["preferences"] = Json::object();
  c["users"] = nullptr;
  return c;
}

}  // namespace

Kubeconfig load_kubeconfig(const term::CommandContext& ctx, const std::string& explicit_path) {
  Kubeconfig kc;
  kc.path = explicit_path.empty() ? config_path(ctx) : explicit_path;
  kc.config = empty_config();
  if (!ctx.fs || !ctx.fs->exists(kc.path)) return kc;
  auto r = ctx.fs->read(kc.path);
  if (!r.data) {
    kc.error = "error: open " + kc.path + ": " + r.error + "\n";
    return kc;
  }
  kc.exists = true;
  try {
    auto docs = api::parse_yaml_documents(*r.data);
    if (!docs.empty() && docs[0].is_object())
      for (auto it = docs[0].begin(); it != docs[0].end(); ++it) kc.config[it.key()] = it.value();
  } catch (const std::exception& e) {
    kc.error = "error: error loading config file \"" + kc.path + "\": " + e.what() + "\n";
  }
  return kc;
}

std::string save_kubeconfig(const term::CommandContext& ctx, Kubeconfig& kc) {
  if (!ctx.fs) return "error: open " + kc.path + ": no such file or directory\n";
  // clientcmd keeps clusters, users and contexts in maps: they are written sorted by name.
  for (const char* list : {"clusters", "contexts", "users"}) {
    Json& l = kc.config[list];
    if (!l.is_array()) continue;
    std::vector<Json> items(l.begin(), l.end());
    std::stable_sort(items.begin(), items.end(), [](const Json& a, const Json& b) {
      return a.value("name", std::string()) < b.value("name", std::string());
    });
    l = Json::array();
    for (auto& i : items) l.push_back(std::move(i));
  }
  std::string err = ctx.fs->write(kc.path, api::to_yaml(kc.config), false);
  if (!err.empty()) return "error: open " + kc.path + ": " + err + "\n";
  kc.exists = true;
  return "";
}

const Json* named_entry(const Json& config, const std::string& list, const std::string& name) {
  if (!config.contains(list) || !config[list].is_array()) return nullptr;
  for (const auto& e : config[list])
    if (e.value("name", std::string()) == name) return &e;
  return nullptr;
}

std::string current_context_namespace(const term::CommandContext& ctx, const std::string& explicit_path) {
  Kubeconfig kc = load_kubeconfig(ctx, explicit_path);
  if (!kc.error.empty()) return "";
  const Json* c = named_entry(kc.config, "contexts", kc.config.value("current-context", std::string()));
  if (!c || !c->contains("context") || !(*c)["context"].is_object()) return "";
  return (*c)["context"].value("namespace", std::string());
}

}  // namespace kt::kubectl

namespace kt::kubectl {

std::string Invocation::ns() const {
  if (args.has("namespace")) return args.str("namespace");
  if (!context_ns_) context_ns_ = current_context_namespace(ctx, args.str("kubeconfig"));
  return context_ns_->empty() ? "default" : *context_ns_;
}

}  // namespace kt::kubectl
