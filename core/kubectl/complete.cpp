// Tab completion as kubectl v1.32's cobra completion answers it (`kubectl
// __complete`, which bash-completion calls): command names; resource types as
// `kubectl api-resources -o name --verbs=get` lists them ("pods",
// "deployments.apps"); object names read through the API in the namespace that -n
// names (default "default"); a command's flags and the global ones after "-" (long
// and short forms, no "--flag=" forms); namespaces after -n; formats after -o.
#include <algorithm>
#include <set>

#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

std::vector<std::string> with_prefix(const std::vector<std::string>& all, const std::string& prefix) {
  std::set<std::string> out;
  for (const auto& s : all)
    if (s.compare(0, prefix.size(), prefix) == 0) out.insert(s);
  return {out.begin(), out.end()};
}

// api-resources -o name --verbs=get.
std::vector<std::string> resource_types(Sandbox& sb) {
  std::vector<std::string> out;
  for (const auto& r : sb.api().registry().all())
    if (r.preferred && r.has_verb("get")) out.push_back(r.qualified());
  return out;
}

std::vector<std::string> object_names(Sandbox& sb, const api::ResourceInfo& res, const std::string& ns) {
  std::vector<std::string> out;
  try {
    for (const auto& o : sb.api().list(res, res.namespaced ? ns : "").items) out.push_back(api::meta::name(*o));
  } catch (const api::ApiError&) {
  }
  return out;
}

std::vector<std::string> names_of_type(Sandbox& sb, const std::string& type, const std::string& ns) {
  const api::ResourceInfo* res = sb.api().registry().resolve(type);
  return res ? object_names(sb, *res, ns) : std::vector<std::string>{};
}

const Command* find_command(const std::vector<Command>& list, const std::string& name) {
  for (const auto& c : list)
    if (c.name == name) return &c;
  return nullptr;
}

bool takes_value(const std::string& word, const std::vector<FlagSpec>& specs) {
  if (word.find('=') != std::string::npos) return false;
  auto check = [&](const FlagSpec& f) {
    const bool named = word == "--" + f.name || (f.shorthand && word == std::string("-") + f.shorthand);
    return named && f.kind != FlagSpec::Kind::Bool && f.no_opt_default.empty();
  };
  for (const auto& f : specs)
    if (check(f)) return true;
  for (const auto& f : global_flags())
    if (check(f)) return true;
  return false;
}

const std::vector<std::string> kOutputFormats = {
    "custom-columns", "custom-columns-file", "go-template", "go-template-file", "json",     "jsonpath",
    "jsonpath-as-json", "jsonpath-file",     "name",        "template",         "templatefile", "wide", "yaml"};

// What kubectl v1.32 offers after `create`, `set` and, for logs/exec/attach/port-forward,
// beside the pod names.
const std::vector<std::string> kCreateVerbs = {
    "clusterrole", "clusterrolebinding", "configmap", "cronjob",  "deployment", "ingress",
    "job",         "namespace",          "poddisruptionbudget", "priorityclass", "quota", "role",
    "rolebinding", "secret",             "service",   "serviceaccount", "token"};
const std::vector<std::string> kSetVerbs = {"env", "image", "resources", "selector", "serviceaccount", "subject"};
const std::vector<std::string> kPodOwnerPrefixes = {"daemonsets/", "deployments/", "pods/", "jobs/", "replicasets/",
                                                    "replicationcontrollers/", "services/", "statefulsets/"};

// Types a verb acts on when it takes only some (SpecifiedResourceTypeAndNameCompletionFunc).
std::vector<std::string> verb_types(const std::string& path) {
  if (path == "scale") return {"deployment", "replicaset", "replicationcontroller", "statefulset"};
  if (path.rfind("rollout ", 0) == 0) return {"daemonset", "deployment", "statefulset"};
  return {};
}

}  // namespace

std::vector<std::string> complete(Sandbox& sb, const std::vector<std::string>& words, const std::string& prefix) {
  const std::string prev = words.empty() ? "" : words.back();
  // Walk the words: the namespace, the command path (verb, sub-verb) and its arguments.
  std::string ns = "default";
  const Command* cmd = nullptr;
  std::string path;
  std::vector<std::string> args;
  bool value_next = false;
  std::string value_of;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (value_next) {
      if (value_of == "-n" || value_of == "--namespace") ns = w;
      value_next = false;
      continue;
    }
    if (w.rfind("--namespace=", 0) == 0) ns = w.substr(12);
    if (w.size() > 1 && w[0] == '-') {
      value_next = takes_value(w, cmd ? cmd->flags : std::vector<FlagSpec>{});
      value_of = w;
      continue;
    }
    if (path.empty()) {
      path = w;
      cmd = find_command(all_commands(), w);
    } else if (cmd && !cmd->subcommands.empty() && args.empty() && find_command(cmd->subcommands, w)) {
      cmd = find_command(cmd->subcommands, w);
      path += " " + w;
    } else {
      args.push_back(w);
    }
  }
  if (value_next) {
    if (prev == "-n" || prev == "--namespace") return with_prefix(object_names(sb, sb.api().resource("", "namespaces"), ""), prefix);
    if (prev == "-o" || prev == "--output") return with_prefix(kOutputFormats, prefix);
    return {};
  }
  if (!prefix.empty() && prefix[0] == '-') {
    std::vector<std::string> flags;
    auto add = [&](const FlagSpec& f) {
      flags.push_back("--" + f.name);
      if (f.shorthand) flags.push_back(std::string("-") + f.shorthand);
    };
    if (cmd)
      for (const auto& f : cmd->flags) add(f);
    for (const auto& f : global_flags()) add(f);
    return with_prefix(flags, prefix);
  }
  if (path.empty()) return with_prefix(real_commands(), prefix);
  if (path.rfind("create", 0) == 0 || path.rfind("set", 0) == 0) {
    if (path.find(' ') != std::string::npos || !args.empty()) return {};
    return with_prefix(path == "create" ? kCreateVerbs : kSetVerbs, prefix);
  }
  if (cmd && !cmd->subcommands.empty() && args.empty() && path.find(' ') == std::string::npos) {
    std::vector<std::string> subs;
    for (const auto& s : cmd->subcommands) subs.push_back(s.name);
    return with_prefix(subs, prefix);
  }
  const std::string verb = path.substr(0, path.find(' '));
  // TYPE/NAME in one word.
  if (args.empty() && prefix.find('/') != std::string::npos) {
    const std::string type = prefix.substr(0, prefix.find('/'));
    std::vector<std::string> out;
    for (const auto& n : names_of_type(sb, type, ns)) out.push_back(type + "/" + n);
    return with_prefix(out, prefix);
  }
  // A pod or TYPE/ of something with pods: logs POD [CONTAINER], exec, attach, port-forward.
  if (verb == "logs" || verb == "exec" || verb == "attach" || verb == "port-forward") {
    if (args.empty()) {
      std::vector<std::string> out = names_of_type(sb, "pods", ns);
      out.insert(out.end(), kPodOwnerPrefixes.begin(), kPodOwnerPrefixes.end());
      return with_prefix(out, prefix);
    }
    if (verb == "logs" && args.size() == 1) {
      auto pod = sb.api().try_get(sb.api().resource("", "pods"), ns, args[0]);
      std::vector<std::string> names;
      if (pod)
        for (const char* list : {"initContainers", "containers"})
          if (const Json& cs = api::field(*pod, {"spec", list}); cs.is_array())
            for (const auto& c : cs) names.push_back(c.value("name", ""));
      return with_prefix(names, prefix);
    }
    return {};
  }
  if (verb == "cordon" || verb == "uncordon" || verb == "drain" || verb == "taint")
    return args.empty() ? with_prefix(names_of_type(sb, "nodes", ns), prefix) : std::vector<std::string>{};
  if (verb == "apply" || verb == "replace" || verb == "version" || verb == "run" || verb == "config" ||
      verb == "completion" || verb == "help")
    return {};
  if (args.empty()) {
    auto only = verb_types(path);
    if (verb == "scale") only.push_back("--replicas");  // cobra offers the required flag
    return with_prefix(only.empty() ? resource_types(sb) : only, prefix);
  }
  // TYPE [NAME]: the names of one type, or of each of "deploy,pods"; nothing after a name.
  if (args.size() > 1 || args[0].find('/') != std::string::npos) return {};
  std::vector<std::string> names;
  std::size_t from = 0;
  for (;;) {
    const std::size_t comma = args[0].find(',', from);
    const auto more = names_of_type(sb, args[0].substr(from, comma - from), ns);
    names.insert(names.end(), more.begin(), more.end());
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return with_prefix(names, prefix);
}

}  // namespace kt::kubectl
