// kubectl v1.32, emulated: takes argv (after "kubectl") and returns what the real
// binary would print, talking to the sandbox's API server in-process.
//
// One file per command (get.cpp, apply.cpp, create.cpp, delete.cpp, label.cpp,
// scale.cpp, patch.cpp, version.cpp, describe.cpp: its layouts in
// core/printers/describe_*.cpp), the dispatcher and cobra's errors in
// kubectl.cpp, flag parsing in flags.cpp, `type/name` arguments in resource_args.cpp,
// the -o formats in output.cpp, jsonpath.cpp and go_template.cpp.
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

// `-f file` reads ctx.fs, `-f -` reads ctx.stdin_data.
CommandResult run(Sandbox& sandbox, const std::vector<std::string>& args, const term::CommandContext& ctx);
// The same with no files and no standard input.
CommandResult run(Sandbox& sandbox, const std::vector<std::string>& args);

// Subcommand names, for completion and help.
std::vector<std::string> subcommands();

// Tab completion as kubectl's bash completion (`kubectl __complete`) offers it:
// words are the arguments typed before the one being completed (after "kubectl"),
// prefix is that one's start. Commands, resource types, object names (read through
// the API, in the namespace -n/--namespace names), flags and namespaces; sorted.
std::vector<std::string> complete(Sandbox& sandbox, const std::vector<std::string>& words, const std::string& prefix);

}  // namespace kubectl
}  // namespace kt
