// The one JSON type of the core. Every API object is a Json document (Kubernetes'
// "unstructured" form); typed access lives in small helpers per kind. Keys of
// objects sort alphabetically, as kubectl's own -o json/-o yaml output does.
#pragma once

#include <nlohmann/json.hpp>

namespace kt {

using Json = nlohmann::json;

}  // namespace kt
