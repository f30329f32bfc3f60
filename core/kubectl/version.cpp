// `kubectl version`: the client, kustomize and server versions, as text or as the
// version document (-o json: Go struct order, two-space indent; -o yaml: sorted keys).
#include "core/api/yaml.h"
#include "core/cluster/scenario.h"
#include "core/kubectl/command.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

// version.Info of the v1.32 release builds (the sandbox's server reports the same).
struct VersionInfo {
  std::string minor, git_version;
};

std::vector<std::pair<std::string, std::string>> fields(const VersionInfo& v) {
  return {{"major", "1"},
          {"minor", v.minor},
          {"gitVersion", v.git_version},
          {"gitCommit", "9894294ef13a5b32803e3ca2c0d620a088cc84d1"},
          {"gitTreeState", "clean"},
          {"buildDate", "2025-05-15T08:59:18Z"},
          {"goVersion", "go1.23.8"},
          {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

std::string json_block(const VersionInfo& v) {
  std::string out = "{\n";
  auto f = fields(v);
  for (std::size_t i = 0; i < f.size(); ++i)
    out += "    \"" + f[i].first + "\": \"" + f[i].second + "\"" + (i + 1 < f.size() ? ",\n" : "\n");
  return out + "  }";
}

Json json_object(const VersionInfo& v) {
  Json o = Json::object();
  for (const auto& [k, val] : fields(v)) o[k] = val;
  return o;
}

CommandResult run_version(Invocation& inv) {
  const std::string o = inv.args.str("output");
  const bool client_only = inv.args.flag("client");
  const VersionInfo client{"32", kClientVersion};
  const VersionInfo server{"32", inv.sb.scenario().kubernetes_version};
  if (o == "json") {
    std::string out = "{\n  \"clientVersion\": " + json_block(client) + ",\n  \"kustomizeVersion\": \"" +
                      kKustomizeVersion + "\"";
    if (!client_only) out += ",\n  \"serverVersion\": " + json_block(server);
    return {out + "\n}\n", 0};
  }
  if (o == "yaml") {
    Json doc = Json::object();
    doc["clientVersion"] = json_object(client);
    doc["kustomizeVersion"] = kKustomizeVersion;
    if (!client_only) doc["serverVersion"] = json_object(server);
    return {api::to_yaml(doc) + "\n", 0};
  }
  if (!o.empty()) return fail("error: --output must be 'yaml' or 'json'\n");
  std::string out = std::string("Client Version: ") + kClientVersion + "\nKustomize Version: " + kKustomizeVersion + "\n";
  if (!client_only) out += "Server Version: " + server.git_version + "\n";
  return {out, 0};
}

}  // namespace

Command version_command() {
  using K = FlagSpec::Kind;
  return {"version", {{"output", 'o', K::String, ""}, {"client", 0, K::Bool, "false"}}, run_version, {}};
}

}  // namespace kt::kubectl
