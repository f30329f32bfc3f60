// The one JSON type of the core. Every API object is a Json document (Kubernetes'
// "unstructured" form); typed access lives in small helpers per kind. Keys of
// objects sort alphabetically, as kubectl's own -o json/-o yaml output does.
//
// nlohmann::json with one change: objects use json_detail::object_map, a std::map
// that the store can freeze into a compact sorted array (json_object.h).
#pragma once

#include <nlohmann/json.hpp>

#include "core/api/json_object.h"

namespace kt {

using Json = nlohmann::basic_json<json_detail::object_map>;

// Freezes every object in `j` (json_object.h): for documents that will only be
// read from now on (the store's objects). A later edit thaws what it touches.
void freeze(Json& j);

}  // namespace kt
