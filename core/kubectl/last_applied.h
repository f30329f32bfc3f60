// kubectl.kubernetes.io/last-applied-configuration, as client-side apply and
// kubectl diff read and write it (apply.cpp).
#pragma once

#include "core/api/json.h"

namespace kt::kubectl {

inline constexpr const char* kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

// The configuration a live object was last applied with; null when it has none or
// the annotation does not parse.
Json last_applied(const Json& live);
// GetModifiedConfiguration(annotate=false): the configuration with its annotations
// (an empty map when it has none) but without last-applied-configuration.
Json modified_configuration(Json obj);

}  // namespace kt::kubectl
