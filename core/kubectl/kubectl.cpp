// The dispatcher: finds the command in argv as cobra does (flags may come before
// it), parses its flags and runs it; cobra's errors for unknown commands and flags.
#include "core/kubectl/kubectl.h"

#include <cctype>
#include <algorithm>

#include "core/kubectl/command.h"

namespace kt::kubectl {
namespace {

const std::vector<Command>& commands() { return all_commands(); }

}  // namespace

const std::vector<Command>& all_commands() {
  static const std::vector<Command> c = {annotate_command(), apply_command(),  create_command(),
                                         delete_command(),   get_command(),    label_command(),
                                         logs_command(),     rollout_command(), set_command(),
                                         cordon_command(),   uncordon_command(),
                                         patch_command(),    replace_command(), scale_command(),
                                         version_command()};
  return c;
}

const std::vector<std::string>& real_commands() {
  static const std::vector<std::string> c = {
      "annotate", "api-resources", "api-versions", "apply",  "attach", "auth",     "autoscale",
      "certificate", "cluster-info", "completion", "config", "cordon", "cp",       "create",
      "debug",    "delete",        "describe",     "diff",   "drain",  "edit",     "events",
      "exec",     "explain",       "expose",       "get",    "help",   "kustomize", "label",
      "logs",     "options",       "patch",        "plugin", "port-forward", "proxy", "replace",
      "rollout",  "run",           "scale",        "set",    "taint",  "top",      "uncordon",
      "version",  "wait"};
  return c;
}

namespace {

// cobra's ld(): Levenshtein distance, case-insensitive.
std::size_t distance(std::string a, std::string b) {
  std::transform(a.begin(), a.end(), a.begin(), ::tolower);
  std::transform(b.begin(), b.end(), b.begin(), ::tolower);
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string unknown_command(const std::string& name, const std::vector<std::string>& candidates,
                            const std::string& parent) {
  std::string out = "Error: unknown command \"" + name + "\" for \"" + parent + "\"\n";
  std::vector<std::string> suggestions;
  for (const auto& c : candidates)
    if (distance(name, c) <= 2 || c.rfind(name, 0) == 0) suggestions.push_back(c);
  if (!suggestions.empty()) {
    out += "\nDid you mean this?\n";
    for (const auto& s : suggestions) out += "\t" + s + "\n";
    out += "\n";
  }
  return out;
}

// Index of the first argument that is not a flag or a flag's value, found as cobra's
// stripFlags does: a `--flag` without `=` or a two-letter `-f` takes the next argument
// as its value unless it is known to be boolean (so `--bogus get` hides `get`).
std::size_t command_index(const std::vector<std::string>& args) {
  auto boolean = [](const std::string& a) {
    for (const auto& g : global_flags())
      if (g.kind == FlagSpec::Kind::Bool && (a == "--" + g.name || (g.shorthand && a == std::string("-") + g.shorthand)))
        return true;
    return false;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") return args.size();
    if (a.size() < 2 || a[0] != '-') return i;
    if (a.find('=') != std::string::npos || boolean(a)) continue;
    if (a.rfind("--", 0) == 0 || a.size() == 2) ++i;
  }
  return args.size();
}

CommandResult run_command(Sandbox& sb, const term::CommandContext& ctx, const Command& cmd, std::string path,
                          std::vector<std::string> rest) {
  if (!cmd.subcommands.empty()) {
    std::size_t i = command_index(rest);
    if (i < rest.size()) {
      for (const auto& sub : cmd.subcommands) {
        if (sub.name != rest[i]) continue;
        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
        return run_command(sb, ctx, sub, path + " " + sub.name, std::move(rest));
      }
    }
  }
  if (!cmd.run) {
    // FIXME(issue 5): cobra prints the command's help here.
    std::string names;
    for (const auto& sub : cmd.subcommands) names += (names.empty() ? "" : ", ") + sub.name;
    return fail("error: \"kubectl " + path + "\" needs one of: " + names + "\n");
  }
  Invocation inv{sb, ctx, path, parse_args(rest, cmd.flags)};
  if (!inv.args.error.empty())
    return fail("Error: " + inv.args.error + "\nSee 'kubectl " + path + " --help' for usage.\n");
  for (const auto& flag : cmd.unsupported) {
    if (inv.args.has(flag)) {
      // FIXME(issue 5): the flags listed as unsupported by each command.
      return fail("error: kubectl " + path + " --" + flag + " is not available in this sandbox yet\n");
    }
  }
  if (inv.args.flag("help")) {
    // FIXME(issue 5): cobra's help text (description, examples, options, usage).
    return {"Usage:\n  kubectl " + path + " [options]\n\nThe full help of \"kubectl " + path +
                "\" is not available in this sandbox yet.\n",
            0};
  }
  return cmd.run(inv);
}

}  // namespace

std::vector<std::string> subcommands() {
  std::vector<std::string> out;
  for (const auto& c : commands()) out.push_back(c.name);
  return out;
}

CommandResult run(Sandbox& sandbox, const std::vector<std::string>& args) {
  return run(sandbox, args, term::CommandContext{});
}

CommandResult run(Sandbox& sandbox, const std::vector<std::string>& args, const term::CommandContext& ctx) {
  std::size_t i = command_index(args);
  if (i == args.size()) {
    ParsedArgs p = parse_args(args, {});
    if (!p.error.empty()) return fail("Error: " + p.error + "\nSee 'kubectl --help' for usage.\n");
    return {"kubectl controls the Kubernetes cluster manager.\n\n Find more information at: "
            "https://kubernetes.io/docs/reference/kubectl/\n",
            0};
  }
  const std::string& name = args[i];
  std::vector<std::string> rest(args.begin(), args.end());
  rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
  for (const auto& c : commands())
    if (c.name == name) return run_command(sandbox, ctx, c, name, std::move(rest));
  // kubectl looks for a plugin named after an unknown command; it refuses flags in front.
  for (std::size_t j = 0; j < i; ++j)
    if (args[j].size() > 1 && args[j][0] == '-')
      if (std::find(real_commands().begin(), real_commands().end(), name) == real_commands().end())
        return fail("Error: flags cannot be placed before plugin name: " + args[j] + "\n");
  if (std::find(real_commands().begin(), real_commands().end(), name) != real_commands().end()) {
    // FIXME(issue 5): describe, logs, exec, rollout, set, ... come later.
    return fail("error: \"kubectl " + name + "\" is not available in this sandbox yet\n");
  }
  return fail(unknown_command(name, real_commands(), "kubectl"));
}

// ---- shared helpers ----------------------------------------------------------------

std::string server_error(const api::ApiError& e) { return server_error_for(e, "", ""); }

std::string server_error_for(const api::ApiError& e, const std::string& action, const std::string& source) {
  if (e.reason() == "Invalid" && (!e.details().is_object() || e.details().empty()))
    return "The request is invalid: " + e.message() + "\n";
  if (e.reason() == "Invalid") {
    const Json& d = e.details();
    std::string s = "The " + d.value("kind", std::string()) + " \"" + d.value("name", std::string()) + "\" is invalid";
    const Json& causes = d.contains("causes") ? d["causes"] : Json();
    if (!causes.is_array() || causes.empty()) return s + "\n";
    if (causes.size() == 1)
      return s + ": " + causes[0].value("field", std::string()) + ": " + causes[0].value("message", std::string()) +
             "\n";
    s += ": \n";
    for (const auto& c : causes)
      s += "* " + c.value("field", std::string()) + ": " + c.value("message", std::string()) + "\n";
    return s;
  }
  std::string prefix = e.reason().empty() ? "Error from server: " : "Error from server (" + e.reason() + "): ";
  std::string where = action.empty() ? "" : "error when " + action + " \"" + source + "\": ";
  return prefix + where + e.message() + "\n";
}

std::vector<FlagSpec> output_flags() {
  using K = FlagSpec::Kind;
  return {{"output", 'o', K::String, ""},
          {"template", 0, K::String, ""},
          {"allow-missing-template-keys", 0, K::Bool, "true"},
          {"show-managed-fields", 0, K::Bool, "false"}};
}

std::vector<FlagSpec> filename_flags() {
  using K = FlagSpec::Kind;
  return {{"filename", 'f', K::StringList, "[]"}, {"recursive", 'R', K::Bool, "false"}, {"kustomize", 'k', K::String, ""}};
}

FlagSpec dry_run_flag() { return {"dry-run", 0, FlagSpec::Kind::String, "none", "unchanged"}; }

std::string dry_run_mode(const ParsedArgs& a, std::string& error) {
  if (!a.has("dry-run")) return "none";
  std::string v = a.str("dry-run");
  if (v == "unchanged" || v == "true") return "client";  // `--dry-run` alone, or the deprecated boolean
  if (v == "false") return "none";
  if (v == "false" || v == "none") return "none";
  if (v == "client" || v == "server") return v;
  error = "error: Invalid dry-run value (" + v + "). Must be \"none\", \"server\", or \"client\".\n";
  return "none";
}

std::string dry_run_suffix(const std::string& mode) {
  if (mode == "client") return " (dry run)";
  if (mode == "server") return " (server dry run)";
  return "";
}

}  // namespace kt::kubectl
