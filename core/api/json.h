// The one JSON type of the core. Every API object is a Json document (Kubernetes'
// "unstructured" form); typed access lives in small helpers per kind. Keys of
// objects sort alphabetically, as kubectl's own -o json/-o yaml output does.
//
// nlohmann::json with one change: objects use json_detail::object_map, a std::map
// whose frozen form is a compact, shareable sorted array (json_object.h).
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "core/api/json_object.h"

namespace kt {

using Json = nlohmann::basic_json<json_detail::object_map>;

// An immutable shared document in the store's compact form: every object, array and
// string in it becomes a frozen node, and nodes equal to ones already frozen are
// shared (the pods of one template share their spec, labels, owner references and
// most strings). Reads are ordinary const Json reads; a copy (Json c = *p) is an
// ordinary, independent Json. Documents that are not objects are kept as they are.
//
// `like` (optional) is a frozen document that j probably resembles: the previous
// version of the object, or the last object stored of its kind. The parts of j
// equal to its parts at the same place share its nodes directly, which is cheaper
// than finding them by hash; the result is the same document either way.
std::shared_ptr<const Json> make_frozen(Json j, const Json* like = nullptr);

}  // namespace kt
