// What the `kubectl create` generators share (create.cpp), for the generators kept in
// files of their own (create_policy.cpp: pdb, quota, priorityclass, rolebinding,
// clusterrolebinding; create_rbac.cpp, create_ingress.cpp, create_secret.cpp,
// create_token.cpp).
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
// As create_generated, for generators whose server errors read `prefix` + the
// server's message (docker-registry: "error: failed to create secret <message>").
CommandResult create_generated_prefixed(Invocation& inv, const char* group, const char* plural, Json obj,
                                        const std::string& prefix);
// The flags every generator has, plus `more`.
std::vector<FlagSpec> generator_flags(std::vector<FlagSpec> more);
// --from-literal and --from-file into `data` (base64 when `encode`); "" or kubectl's
// error line.
std::string generator_data(Invocation& inv, Json& data, bool encode);
// `name` with --append-hash's suffix: "<name>-<10 chars>" hashed from kind, name,
// type (secrets) and data (create_secret.cpp).
std::string hashed_name(const std::string& kind, const std::string& name, const std::string& type, const Json& data);

// The generators kept in files of their own, as `create` subcommands.
std::vector<Command> policy_generators();   // create_policy.cpp
std::vector<Command> rbac_generators();     // create_rbac.cpp: role, clusterrole
std::vector<Command> ingress_generators();  // create_ingress.cpp: ingress, ing
std::vector<Command> secret_generators();   // create_secret.cpp: secret tls, secret docker-registry
Command token_generator();                  // create_token.cpp: token

}  // namespace kt::kubectl
