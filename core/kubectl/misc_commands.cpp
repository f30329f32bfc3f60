// kubectl v1.32's completion, certificate, kustomize, debug and proxy (attach: logs.cpp) as far
// as the sandbox can answer them truthfully: their argument errors word for word,
// `completion SHELL`'s real script (completion_scripts.inc, generated from kubectl),
// and a plain "cannot" where the sandbox has no such thing (no local port to proxy
// on, no certificate signer, no ephemeral containers yet).
#include <map>

#include "core/kubectl/command.h"
#include "core/kubectl/extra_commands.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult usage_error(const Invocation& inv, const std::string& msg) {
  return fail("error: " + msg + "\nSee 'kubectl " + inv.path + " -h' for help and examples\n");
}

CommandResult completion(Invocation& inv) {
  static const std::map<std::string, std::string> scripts = {
#include "core/kubectl/completion_scripts.inc"
  };
  const auto& args = inv.args.positional;
  if (args.empty()) return usage_error(inv, "Shell not specified.");
  if (args.size() > 1) return usage_error(inv, "Too many arguments. Expected only the shell type.");
  auto it = scripts.find(args[0]);
  if (it == scripts.end()) return usage_error(inv, "Unsupported shell type \"" + args[0] + "\".");
  return {it->second, 0};
}

CommandResult certificate_verb(Invocation& inv) {
  if (inv.args.positional.empty() && !inv.args.has("filename"))
    return fail("error: one or more CSRs must be specified as <name> or -f <filename>\n");
  // The sandbox's API server serves no certificates.k8s.io group (no CSR signer).
  return fail("error: the server doesn't have a resource type \"certificatesigningrequests\"\n");
}

CommandResult kustomize(Invocation& inv) {
  const auto& args = inv.args.positional;
  if (args.size() > 1) return fail(command_failed(inv.sb, "specify one path to kustomization.yaml"));
  const std::string dir = args.empty() ? "." : args[0];
  term::FileSystem* fs = inv.ctx.fs;
  const std::string abs = fs ? fs->absolute(dir) : dir;
  if (!fs || !fs->is_dir(abs)) {
    if (fs && fs->exists(abs))
      return fail(command_failed(inv.sb, "must build at directory: not a valid directory: '" + abs + "' is not a directory"));
    return fail(command_failed(inv.sb, "must build at directory: not a valid directory: evalsymlink failure on '" + dir +
                                           "' : lstat " + abs + ": no such file or directory"));
  }
  bool found = false;
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"})
    found = found || fs->exists(abs + "/" + name);
  if (!found)
    return fail(command_failed(inv.sb, "unable to find one of 'kustomization.yaml', 'kustomization.yml' or "
                                       "'Kustomization' in directory '" + abs + "'"));
  return fail("error: \"kubectl kustomize\" is not available in this sandbox yet\n");
}

CommandResult debug(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (!a.has("image") && !a.has("copy-to")) return fail("error: you must specify --image when not using --copy-to.\n");
  if (a.positional.empty() && !a.has("filename")) return fail("error: NAME or filename is required for debug\n");
  return fail("error: \"kubectl debug\" is not available in this sandbox yet\n");
}

CommandResult proxy(Invocation& inv) {
  (void)inv;
  return fail("error: kubectl proxy cannot listen on a local port in this sandbox; use `kubetab serve` on your own "
              "machine to reach the sandbox's API over HTTP\n");
}

}  // namespace

std::vector<Command> misc_commands() {
  std::vector<FlagSpec> cert = filename_flags();
  cert.push_back({"force", 0, K::Bool, "false"});
  for (const auto& f : output_flags()) cert.push_back(f);
  std::vector<FlagSpec> kust = {{"output", 'o', K::String, ""},
                                {"enable-helm", 0, K::Bool, "false"},
                                {"enable-alpha-plugins", 0, K::Bool, "false"},
                                {"load-restrictor", 0, K::String, "LoadRestrictionsRootOnly"},
                                {"reorder", 0, K::String, "legacy"}};
  std::vector<FlagSpec> dbg = {{"image", 0, K::String, ""},
                               {"copy-to", 0, K::String, ""},
                               {"container", 'c', K::String, ""},
                               {"target", 0, K::String, ""},
                               {"profile", 0, K::String, "legacy"},
                               {"stdin", 'i', K::Bool, "false"},
                               {"tty", 't', K::Bool, "false"},
                               {"quiet", 'q', K::Bool, "false"},
                               {"replace", 0, K::Bool, "false"},
                               {"same-node", 0, K::Bool, "false"},
                               {"share-processes", 0, K::Bool, "true"},
                               {"attach", 0, K::Bool, "false"},
                               {"env", 0, K::StringArray, "[]"},
                               {"set-image", 0, K::StringList, "[]"},
                               {"image-pull-policy", 0, K::String, ""},
                               {"custom", 0, K::String, ""},
                               {"arguments-only", 0, K::Bool, "false"},
                               {"filename", 'f', K::StringList, "[]"}};
  std::vector<FlagSpec> prx = {{"port", 'p', K::Int, "8001"},
                               {"address", 0, K::String, "127.0.0.1"},
                               {"accept-hosts", 0, K::String, ""},
                               {"accept-paths", 0, K::String, ""},
                               {"api-prefix", 0, K::String, "/"},
                               {"disable-filter", 0, K::Bool, "false"},
                               {"unix-socket", 'u', K::String, ""},
                               {"www", 'w', K::String, ""},
                               {"www-prefix", 'P', K::String, "/static/"},
                               {"keepalive", 0, K::String, "0s"},
                               {"reject-methods", 0, K::String, ""},
                               {"reject-paths", 0, K::String, ""},
                               {"append-server-path", 0, K::Bool, "false"}};
  return {
      {"completion", {}, completion, {}},
      {"certificate", {}, nullptr, {{"approve", cert, certificate_verb, {}}, {"deny", cert, certificate_verb, {}}}},
      {"kustomize", kust, kustomize, {}},
      {"debug", dbg, debug, {}},
      attach_command(),
      {"proxy", prx, proxy, {}},
  };
}

}  // namespace kt::kubectl
