// `kubectl config set-cluster|set-credentials|delete-cluster|delete-user|
// rename-context|set|unset` on the host's kubeconfig (kubeconfig.h), as kubectl v1.32
// runs them (staging/src/k8s.io/kubectl/pkg/cmd/config/create_cluster.go,
// create_authinfo.go, delete_cluster.go, delete_user.go, rename_context.go, set.go,
// unset.go): the same lines ("Cluster \"x\" set.", "Property \"x\" unset.") and errors.
// File paths given to --certificate-authority, --client-certificate and --client-key
// are made absolute; --embed-certs reads them from the host.
// FIXME: set-credentials --auth-provider/--exec-* and `config set|unset` on paths
// other than the named entries' string fields.
#include <algorithm>
#include <cctype>

#include "core/kubectl/command.h"
#include "core/kubectl/extra_commands.h"
#include "core/kubectl/kubeconfig.h"
#include "core/util/base64.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

bool load(Invocation& inv, Kubeconfig& kc, CommandResult& err) {
  kc = load_kubeconfig(inv.ctx, inv.args.str("kubeconfig"));
  if (kc.error.empty()) return true;
  err = fail(kc.error);
  return false;
}

// Go's %v of a []string.
std::string go_list(const std::vector<std::string>& xs) {
  std::string out = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? " " : "") + xs[i];
  return out + "]";
}

// helpErrorf: the message and where to look.
CommandResult help_error(const Invocation& inv, const std::string& msg) {
  return fail("error: " + msg + "\nSee 'kubectl " + inv.path + " -h' for help and examples\n");
}

// The body of the named entry of `list` ("cluster", "user", "context" under `field`),
// created as `fresh` when missing.
Json& entry(Json& config, const char* list, const char* field, const std::string& name, const Json& fresh) {
  if (!config[list].is_array()) config[list] = Json::array();
  for (auto& e : config[list])
    if (e.value("name", std::string()) == name) {
      if (!e[field].is_object()) e[field] = Json::object();
      return e[field];
    }
  Json e = Json::object();
  e["name"] = name;
  e[field] = fresh;
  config[list].push_back(e);
  return config[list].back()[field];
}

// The path as clientcmd writes it: absolute, then relative to the kubeconfig's
// directory when it lies inside it (RelativizePathWithNoBacksteps).
std::string file_path(const Invocation& inv, const Kubeconfig& kc, const std::string& path) {
  if (!inv.ctx.fs || path.empty()) return path;
  const std::string abs = inv.ctx.fs->absolute(path);
  const std::string dir = kc.path.substr(0, kc.path.rfind('/'));
  if (!dir.empty() && abs.rfind(dir + "/", 0) == 0) return abs.substr(dir.size() + 1);
  return abs;
}

// The file's bytes, or "" with `error` set as Go's os error reads.
std::string read_file(const Invocation& inv, const std::string& path, std::string& error) {
  if (!inv.ctx.fs) {
    error = "open " + path + ": no such file or directory";
    return "";
  }
  auto r = inv.ctx.fs->read(path);
  if (!r.data) {
    std::string e = r.error;
    if (!e.empty()) e[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(e[0])));
    error = "open " + path + ": " + e;
    return "";
  }
  return *r.data;
}

CommandResult save(Invocation& inv, Kubeconfig& kc, const std::string& line) {
  const std::string e = save_kubeconfig(inv.ctx, kc);
  if (!e.empty()) return fail(e);
  return {line, 0};
}

// ---- set-cluster ------------------------------------------------------------------------------

CommandResult set_cluster(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (a.positional.size() != 1)
    return fail(command_help(inv.path) + "error: Unexpected args: " + go_list(a.positional) + "\n");
  const std::string name = a.positional[0];
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  const bool insecure = a.flag("insecure-skip-tls-verify");
  const bool embed = a.flag("embed-certs");
  const std::string ca = a.str("certificate-authority");
  if (name.empty()) return fail("error: you must specify a non-empty cluster name\n");
  if (insecure && !ca.empty())
    return fail("error: you cannot specify a certificate authority and insecure mode at the same time\n");
  std::string ca_data;
  if (embed) {
    if (ca.empty()) return fail("error: you must specify a --certificate-authority to embed\n");
    std::string e;
    ca_data = read_file(inv, ca, e);
    if (!e.empty())
      return fail("error: could not stat certificate-authority file " + ca + ": stat " + ca + ": no such file or directory\n");
  }
  Json& c = entry(kc.config, "clusters", "cluster", name, Json{{"server", ""}});
  if (a.has("server")) c["server"] = a.str("server");
  if (a.has("tls-server-name")) c["tls-server-name"] = a.str("tls-server-name");
  if (a.has("proxy-url")) c["proxy-url"] = a.str("proxy-url");
  if (a.has("insecure-skip-tls-verify")) {
    if (insecure) {
      c["insecure-skip-tls-verify"] = true;
      c.erase("certificate-authority");
      c.erase("certificate-authority-data");
    } else {
      c.erase("insecure-skip-tls-verify");
    }
  }
  if (a.has("certificate-authority")) {
    if (embed) {
      c["certificate-authority-data"] = util::base64_encode(ca_data);
      c.erase("insecure-skip-tls-verify");
      c.erase("certificate-authority");
    } else if (!ca.empty()) {
      c["certificate-authority"] = file_path(inv, kc, ca);
      c.erase("insecure-skip-tls-verify");
      c.erase("certificate-authority-data");
    } else {
      c.erase("certificate-authority");
    }
  }
  return save(inv, kc, "Cluster \"" + name + "\" set.\n");
}

// ---- set-credentials --------------------------------------------------------------------------

CommandResult set_credentials(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (a.positional.size() != 1)
    return fail(command_help(inv.path) + "error: unexpected args: " + go_list(a.positional) + "\n");
  const std::string name = a.positional[0];
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  if (name.empty()) return fail("error: you must specify a non-empty user name\n");
  std::vector<std::string> methods;
  if (!a.str("token").empty()) methods.push_back("--token");
  if (!a.str("username").empty() || !a.str("password").empty()) methods.push_back("--username/--password");
  if (methods.size() > 1)
    return fail("error: you cannot specify more than one authentication method at the same time: --token, "
                "--username/--password\n");
  const bool embed = a.flag("embed-certs");
  const std::string cert = a.str("client-certificate"), key = a.str("client-key");
  if (embed) {
    if (cert.empty() && key.empty()) return fail("error: you must specify a --client-certificate or --client-key to embed\n");
    for (const auto& [flag, path] : {std::pair<std::string, std::string>{"client-certificate", cert}, {"client-key", key}}) {
      if (path.empty()) continue;
      if (!inv.ctx.fs || !inv.ctx.fs->exists(path))
        return fail("error: could not stat " + flag + " file " + path + ": stat " + path + ": no such file or directory\n");
    }
  }
  Json& u = entry(kc.config, "users", "user", name, Json::object());
  for (const auto& [flag, field] : {std::pair<std::string, std::string>{"client-certificate", "client-certificate"},
                                    {"client-key", "client-key"}}) {
    if (!a.has(flag)) continue;
    const std::string path = a.str(flag);
    if (embed) {
      std::string e;
      const std::string data = read_file(inv, path, e);
      if (data.empty()) u.erase(field + "-data");
      else u[field + "-data"] = util::base64_encode(data);
      u.erase(field);
    } else if (!path.empty()) {
      u[field] = file_path(inv, kc, path);
      u.erase(field + "-data");
    } else {
      u.erase(field);
    }
  }
  bool set_token = false, set_basic = false;
  auto assign = [&](const char* key, const std::string& v) {
    if (v.empty()) u.erase(key);
    else u[key] = v;
  };
  if (a.has("token")) {
    assign("token", a.str("token"));
    set_token = !a.str("token").empty();
  }
  if (a.has("username")) {
    assign("username", a.str("username"));
    set_basic = set_basic || !a.str("username").empty();
  }
  if (a.has("password")) {
    assign("password", a.str("password"));
    set_basic = set_basic || !a.str("password").empty();
  }
  // Setting one way of authenticating clears the other.
  if (set_token || set_basic) {
    if (!set_token) u.erase("token");
    if (!set_basic) {
      u.erase("username");
      u.erase("password");
    }
  }
  return save(inv, kc, "User \"" + name + "\" set.\n");
}

// ---- delete-cluster, delete-user, rename-context ---------------------------------------------

bool remove_named(Json& config, const char* list, const std::string& name) {
  if (!config[list].is_array()) return false;
  Json kept = Json::array();
  bool found = false;
  for (const auto& e : config[list]) {
    if (e.value("name", std::string()) == name) found = true;
    else kept.push_back(e);
  }
  config[list] = kept;
  return found;
}

CommandResult delete_cluster(Invocation& inv) {
  if (inv.args.positional.size() != 1) return {command_help(inv.path), 0};  // kubectl v1.32 prints its help
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  const std::string name = inv.args.positional[0];
  if (!remove_named(kc.config, "clusters", name))
    return fail("error: cannot delete cluster " + name + ", not in " + kc.path + "\n");
  return save(inv, kc, "deleted cluster " + name + " from " + kc.path + "\n");
}

CommandResult delete_user(Invocation& inv) {
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  if (inv.args.positional.size() != 1) return help_error(inv, "user to delete is required");
  const std::string name = inv.args.positional[0];
  if (!remove_named(kc.config, "users", name))
    return fail("error: cannot delete user " + name + ", not in " + kc.path + "\n");
  return save(inv, kc, "deleted user " + name + " from " + kc.path + "\n");
}

CommandResult rename_context(Invocation& inv) {
  const auto& args = inv.args.positional;
  if (args.size() != 2) return fail(command_help(inv.path) + "error: Unexpected args: " + go_list(args) + "\n");
  const std::string from = args[0], to = args[1];
  if (to.empty()) return fail("error: You must specify a new non-empty context name\n");
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  if (!named_entry(kc.config, "contexts", from))
    return fail("error: cannot rename the context \"" + from + "\", it's not in " + kc.path + "\n");
  if (named_entry(kc.config, "contexts", to))
    return fail("error: cannot rename the context \"" + from + "\", the context \"" + to + "\" already exists in " +
                kc.path + "\n");
  for (auto& c : kc.config["contexts"])
    if (c.value("name", std::string()) == from) c["name"] = to;
  if (kc.config.value("current-context", std::string()) == from) kc.config["current-context"] = to;
  return save(inv, kc, "Context \"" + from + "\" renamed to \"" + to + "\".\n");
}

// ---- set, unset ---------------------------------------------------------------------------------

// The string fields `config set|unset` reaches under clusters.NAME, users.NAME and
// contexts.NAME, with the list and entry field each lives in.
struct PropertyPath {
  const char* list;
  const char* field;
  std::vector<std::string> keys;
};

const std::vector<PropertyPath>& property_paths() {
  static const std::vector<PropertyPath> p = {
      {"clusters", "cluster", {"server", "tls-server-name", "certificate-authority", "proxy-url"}},
      {"users", "user", {"client-certificate", "client-key", "token", "tokenFile", "as", "as-uid", "username", "password"}},
      {"contexts", "context", {"cluster", "user", "namespace"}},
  };
  return p;
}

// Splits "clusters.NAME.server" where NAME may itself hold dots (kubectl accepts
// "clusters.my.cluster.server" by trying the longest entry name first; the sandbox
// looks for the field name at the end).
bool resolve_property(const std::string& path, const PropertyPath*& where, std::string& name, std::string& key) {
  for (const auto& p : property_paths()) {
    const std::string prefix = std::string(p.list) + ".";
    if (path.rfind(prefix, 0) != 0) continue;
    for (const auto& k : p.keys) {
      const std::string suffix = "." + k;
      if (path.size() > prefix.size() + suffix.size() &&
          path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
        where = &p;
        name = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
        key = k;
        return true;
      }
    }
  }
  return false;
}

// kubectl's error for a first step that is no field of the Config; the sandbox's
// own line for deeper paths it does not reach.
std::string unresolved(const std::string& path, const std::string& verb) {
  const std::string first = path.substr(0, path.find('.'));
  for (const char* f : {"clusters", "users", "contexts", "preferences", "extensions", "current-context"})
    if (first == f) return "error: \"kubectl config " + verb + " " + path + "\" is not available in this sandbox yet\n";
  return "error: unable to parse " + path + " after [] at api.Config\n";
}

CommandResult set_property(Invocation& inv) {
  const auto& args = inv.args.positional;
  if (args.size() != 2) return fail(command_help(inv.path) + "error: Unexpected args: " + go_list(args) + "\n");
  const std::string path = args[0], value = args[1];
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  if (path == "current-context") {
    kc.config["current-context"] = value;
    return save(inv, kc, "Property \"" + path + "\" set.\n");
  }
  const PropertyPath* where = nullptr;
  std::string name, key;
  if (!resolve_property(path, where, name, key))
    return fail(unresolved(path, "set"));
  const Json fresh = std::string(where->list) == "clusters" ? Json{{"server", ""}}
                     : std::string(where->list) == "contexts" ? Json{{"cluster", ""}, {"user", ""}}
                                                              : Json::object();
  Json& e = entry(kc.config, where->list, where->field, name, fresh);
  e[key] = value;
  return save(inv, kc, "Property \"" + path + "\" set.\n");
}

CommandResult unset_property(Invocation& inv) {
  const auto& args = inv.args.positional;
  if (args.size() != 1) return fail(command_help(inv.path) + "error: Unexpected args: " + go_list(args) + "\n");
  const std::string path = args[0];
  Kubeconfig kc;
  CommandResult err;
  if (!load(inv, kc, err)) return err;
  if (path == "current-context") {
    kc.config["current-context"] = "";
    return save(inv, kc, "Property \"" + path + "\" unset.\n");
  }
  const PropertyPath* where = nullptr;
  std::string name, key;
  if (!resolve_property(path, where, name, key) || !named_entry(kc.config, where->list, name)) {
    // LIST.NAME: the whole entry goes (a missing one too, silently).
    for (const char* list : {"clusters", "users", "contexts"}) {
      const std::string prefix = std::string(list) + ".";
      if (path.rfind(prefix, 0) == 0 && path.size() > prefix.size()) {
        remove_named(kc.config, list, path.substr(prefix.size()));
        return save(inv, kc, "Property \"" + path + "\" unset.\n");
      }
    }
    return fail(unresolved(path, "unset"));
  }
  for (auto& e : kc.config[where->list])
    if (e.value("name", std::string()) == name && e[where->field].is_object()) {
      // Zero values: the required strings stay, empty; the others go.
      if (std::string(where->list) == "clusters" && key == "server") e[where->field][key] = "";
      else if (std::string(where->list) == "contexts" && key != "namespace") e[where->field][key] = "";
      else e[where->field].erase(key);
    }
  return save(inv, kc, "Property \"" + path + "\" unset.\n");
}

}  // namespace

std::vector<Command> config_entry_commands() {
  const FlagSpec embed{"embed-certs", 0, K::Bool, "false"};
  return {
      {"set-cluster",
       {{"server", 0, K::String, ""},
        {"tls-server-name", 0, K::String, ""},
        {"insecure-skip-tls-verify", 0, K::Bool, "false"},
        {"certificate-authority", 0, K::String, ""},
        {"proxy-url", 0, K::String, ""},
        embed},
       set_cluster,
       {}},
      {"set-credentials",
       {{"client-certificate", 0, K::String, ""},
        {"client-key", 0, K::String, ""},
        {"token", 0, K::String, ""},
        {"username", 0, K::String, ""},
        {"password", 0, K::String, ""},
        {"auth-provider", 0, K::String, ""},
        {"auth-provider-arg", 0, K::StringList, "[]"},
        {"exec-command", 0, K::String, ""},
        {"exec-api-version", 0, K::String, ""},
        {"exec-arg", 0, K::StringList, "[]"},
        {"exec-env", 0, K::StringArray, "[]"},
        {"exec-interactive-mode", 0, K::String, ""},
        {"exec-provide-cluster-info", 0, K::Bool, "false"},
        embed},
       set_credentials,
       {},
       {"auth-provider", "auth-provider-arg", "exec-command", "exec-api-version", "exec-arg", "exec-env",
        "exec-interactive-mode", "exec-provide-cluster-info"}},
      {"delete-cluster", {}, delete_cluster, {}},
      {"delete-user", {}, delete_user, {}},
      {"rename-context", {}, rename_context, {}},
      {"set", {{"set-raw-bytes", 0, K::Bool, "false"}}, set_property, {}, {"set-raw-bytes"}},
      {"unset", {}, unset_property, {}},
  };
}

}  // namespace kt::kubectl
