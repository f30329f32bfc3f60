// The few resource.Quantity operations the strategies need (validation of requests
// and limits, QoS class, LimitRange/ResourceQuota checks, canonical form on decode),
// over JSON values as they appear in objects ("500m", "1Gi", 2). Unparsable values
// answer nullopt: the decoder rejects those before any strategy sees them.
#pragma once

#include <optional>
#include <string>

#include "core/api/json.h"

namespace kt::api::kinds {

// -1, 0, 1; nullopt when `v` is not a quantity.
std::optional<int> quantity_sign(const Json& v);
// a <=> b as -1/0/1; nullopt when either is not a quantity.
std::optional<int> quantity_cmp(const Json& a, const Json& b);
// Quantity.String(): the canonical form kube serializes ("0.5" -> "500m").
std::optional<std::string> quantity_string(const Json& v);
// Whether the value is a whole number (MilliValue() % 1000 == 0).
std::optional<bool> quantity_is_integer(const Json& v);
// SetDefaults_ResourceList: every value rounded up to milli scale and canonicalized.
void canonicalize_resource_list(Json& list);

}  // namespace kt::api::kinds
