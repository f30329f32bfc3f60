// What a kubectl command is to the dispatcher (kubectl.cpp): its flags and a handler
// that gets the parsed invocation. Shared helpers for the handlers live here too.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/api/errors.h"
#include "core/kubectl/flags.h"
#include "core/terminal/command_context.h"
#include "core/terminal/shell.h"

namespace kt {
class Sandbox;
}

namespace kt::kubectl {

struct Invocation {
  Sandbox& sb;
  const term::CommandContext& ctx;
  std::string path;  // "get", "create deployment": for "See 'kubectl <path> -h'"
  ParsedArgs args;

  // -n/--namespace, else the current kubeconfig context's namespace, else "default"
  // (kubeconfig.cpp).
  std::string ns() const;
  bool namespace_given() const { return args.has("namespace"); }

  mutable std::optional<std::string> context_ns_ = std::nullopt;  // read once from the kubeconfig
  // Warnings kubectl prints on stderr while it resolves resource types ("Warning: short
  // name ..."): written before the command's own output.
  mutable std::string warnings;
};

using Handler = CommandResult (*)(Invocation&);

struct Command {
  std::string name;
  std::vector<FlagSpec> flags;
  Handler run = nullptr;
  std::vector<Command> subcommands;  // `create deployment`, `create secret generic`, ...
  // Flags the real kubectl has that the sandbox does not implement yet: giving one is
  // an error that says so, rather than a silently different result.
  std::vector<std::string> unsupported = {};
};

// The commands, one function per file.
Command version_command();
Command get_command();
Command apply_command();
Command create_command();
Command replace_command();
Command delete_command();
Command label_command();
Command annotate_command();
Command scale_command();
Command patch_command();
Command logs_command();
Command set_command();      // rollout.cpp
Command rollout_command();  // rollout.cpp
Command cordon_command();   // cordon.cpp
Command describe_command();  // describe.cpp
Command uncordon_command(); // cordon.cpp
Command exec_command();     // exec.cpp
Command cp_command();       // cp.cpp
Command port_forward_command();  // port_forward.cpp
Command run_pod_command();  // run.cpp: `kubectl run`
Command taint_command();
Command top_command();
Command api_resources_command();  // api_resources.cpp
Command api_versions_command();   // api_resources.cpp
Command cluster_info_command();   // api_resources.cpp
Command config_command();
Command wait_command();
Command events_command();
Command drain_command();
Command expose_command();
Command autoscale_command();
Command set_env_command();        // set_env.cpp
Command set_resources_command();  // set_env.cpp
Command edit_command();           // edit.cpp

// Every command above (the dispatcher's table; completion reads its flags).
const std::vector<Command>& all_commands();
// Every command name the real kubectl v1.32 has, sorted (cobra's suggestions, completion).
const std::vector<std::string>& real_commands();
// Global flags (flags.cpp) are declared in flags.h.

// "Error from server (NotFound): pods \"x\" not found\n"; Invalid errors read
// "The Pod \"x\" is invalid: ..." as kubectl prints them.
std::string server_error(const api::ApiError& e);
// As server_error, with kubectl's "error when creating \"file\": " inserted.
std::string server_error_for(const api::ApiError& e, const std::string& action, const std::string& source);

inline CommandResult fail(std::string text) { return {std::move(text), 1}; }

// Flag sets several commands share.
std::vector<FlagSpec> output_flags();     // -o, --template, --allow-missing-template-keys, --show-managed-fields
std::vector<FlagSpec> filename_flags();   // -f, -R, -k
FlagSpec dry_run_flag();                  // --dry-run[=none|client|server]

// --dry-run's value: "none", "client" or "server"; sets `error` for a bad one.
std::string dry_run_mode(const ParsedArgs& a, std::string& error);
// --validate: strict (the default), warn, ignore.
api::FieldValidation validation_mode(const ParsedArgs& a);
FlagSpec validate_flag();

// Where a manifest's object goes: its resource, namespace ("" for cluster-scoped
// kinds) and name; empty `error` when it resolves.
struct WriteTarget {
  const api::ResourceInfo* res = nullptr;
  std::string ns, name, error;
};
WriteTarget write_target(const Invocation& inv, const Json& obj, const std::string& source);

// GetModifiedConfiguration(annotate=true), for apply and --save-config: the object
// serialised without kubectl.kubernetes.io/last-applied-configuration becomes that
// annotation (json.Encoder output: compact, ending in "\n").
Json with_last_applied(Json obj);

// Lets the cluster run until done() holds (kubectl waiting on a watch): what is due
// now first, then 10ms steps for a second, then 1s steps, for at most an hour of
// virtual time.
void wait_until(Sandbox& sb, const std::function<bool()>& done);
// Lets the cluster run, event by event, until done() holds or `timeout` of virtual
// time has passed; whether done() held. Time stops where done() first held.
bool wait_for(Sandbox& sb, sim::Duration timeout, const std::function<bool()>& done);

// Writes the API server's warnings of the last write as kubectl prints them.
std::string warnings(Sandbox& sb);

// klog's line for a command line cobra rejects (a required flag is missing):
// `E1122 17:20:19.424666   20432 run.go:72] "command failed" err="required flag(s) \"image\" not set"`.
std::string command_failed(Sandbox& sb, const std::string& err);

// --record's kubernetes.io/change-cause: "kubectl set image ds/x c1=nginx:1.17 --record=true"
// (rollout.cpp).
std::string record_cause(const Invocation& inv);

// The suffix kubectl adds to a write's message: "", " (dry run)", " (server dry run)".
std::string dry_run_suffix(const std::string& mode);

}  // namespace kt::kubectl
