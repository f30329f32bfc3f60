// Commands of kubectl v1.32 that joined the dispatcher's table (kubectl.cpp) later,
// kept apart from command.h so that adding one recompiles only what uses it.
#pragma once

#include <string>
#include <vector>

#include "core/kubectl/command.h"

namespace kt::kubectl {

Command auth_command();     // auth.cpp: auth can-i|whoami|reconcile
Command options_command();  // options.cpp
Command plugin_command();   // options.cpp: plugin list
Command diff_command();     // diff.cpp
Command attach_command();   // logs.cpp
// misc_commands.cpp: completion, certificate, kustomize, debug, proxy.
std::vector<Command> misc_commands();
// config_entries.cpp: config set-cluster, set-credentials, delete-cluster,
// delete-user, rename-context, set, unset.
std::vector<Command> config_entry_commands();

// Whether a failing run's output is its answer on stdout, as `kubectl diff` prints
// the differences (exit status 1) and `auth can-i` its "no": the terminal writes
// other failures to stderr (kubectl.cpp).
bool failure_is_an_answer(const std::vector<std::string>& args, const CommandResult& r);

// `kubectl PATH --help` as kubectl v1.32 prints it ("" for a path it lacks): what
// cmd.Help() prints before some errors (kubectl.cpp).
std::string command_help(const std::string& path);

}  // namespace kt::kubectl
