// Sandbox hints: a line the real kubectl does not print, added after its real
// output where a seed tutorial uses a form that Kubernetes v1.32 no longer has
// (docs FIDELITY.md). Every hint starts with kHintMarker so that a learner (and a
// test) can tell it apart from what a real cluster would print.
#pragma once

#include <string>

namespace kt::kubectl {

inline constexpr const char* kHintMarker = "[kubetab hint] ";

// "[kubetab hint] <text>\n"
std::string sandbox_hint(const std::string& text);

// The hint for a manifest's apiVersion/kind that v1.32 no longer serves (for
// example batch/v1beta1 CronJob: "CronJob is served as batch/v1 since ...";
// "" when the pair was never a removed built-in API.
std::string removed_api_hint(const std::string& api_version, const std::string& kind);

}  // namespace kt::kubectl
