// What the `kubectl create` generators share (create.cpp), for the generators kept in
// files of their own (create_policy.cpp: pdb, quota, priorityclass, rolebinding,
// clusterrolebinding).
#pragma once

#include <string>
#include <vector>

#include "core/kubectl/command.h"

namespace kt::kubectl {

// The one NAME argument, or kubectl's error in `err`.
bool generator_name(const Invocation& inv, std::string& name, CommandResult& err);
// metadata {creationTimestamp: null, name, namespace when -n was given}.
Json generator_meta(const Invocation& inv, const std::string& name);
// Creates (or prints, for --dry-run=client / -o) the generated object; `what` names
// it in "error: failed to create <what>: ..." when the generator wraps server errors.
CommandResult create_generated(Invocation& inv, const char* group, const char* plural, Json obj,
                               const std::string& what = "");
// The flags every generator has, plus `more`.
std::vector<FlagSpec> generator_flags(std::vector<FlagSpec> more);

// The generators of create_policy.cpp, as `create` subcommands.
std::vector<Command> policy_generators();

}  // namespace kt::kubectl
