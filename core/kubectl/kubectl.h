// kubectl v1.32, emulated: takes argv (after "kubectl") and returns what the real
// binary would print, talking to the sandbox's API server in-process.
// FIXME: issue 5 brings the full grammar and every command; this is the first slice
// (version, get) on the shape the rest grows into.
#pragma once

#include <string>
#include <vector>

#include "core/terminal/command_context.h"
#include "core/terminal/shell.h"

namespace kt {
class Sandbox;

namespace kubectl {

// The version the emulation reproduces (the real binary on this machine kind).
inline constexpr const char* kClientVersion = "v1.32.5";
inline constexpr const char* kKustomizeVersion = "v5.5.0";

CommandResult run(Sandbox& sandbox, const std::vector<std::string>& args);
// The same, run by the shell on a host: `-f file`, `-f -` and $KUBECONFIG read
// through the context.
CommandResult run(Sandbox& sandbox, const std::vector<std::string>& args, const term::CommandContext& ctx);

// Subcommand names, for completion and help.
std::vector<std::string> subcommands();

}  // namespace kubectl
}  // namespace kt
