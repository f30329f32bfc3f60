// The one JSON type of the core. Every API object is a Json document (Kubernetes'
// "unstructured" form); typed access lives in small helpers per kind. Keys of
// objects sort alphabetically, as kubectl's own -o json/-o yaml output does.
//
// nlohmann::json with two changes: objects use json_detail::object_map, a std::map
// whose frozen form is a compact, shareable sorted array (json_object.h); and the
// payloads of values (object, array and string headers, arrays' element buffers)
// come from util::node_pool, as the object maps' tree nodes do. An API write
// copies, edits and frees a request document of ~60 values; through malloc, those
// payloads took a quarter of the time of a copy and its destruction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api/json_object.h"
#include "core/util/node_pool.h"

namespace kt {

using Json = nlohmann::basic_json<json_detail::object_map, std::vector, std::string, bool, std::int64_t,
                                  std::uint64_t, double, util::node_pool::Allocator>;

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

// An object that reads as `frozen_object` (an object of a frozen document) and shares
// its node, for a document that will be frozen in turn: make_frozen takes the node
// back as it is. The first non-const access of any kind makes it an ordinary copy
// (json_object.h, "borrowed"), so it behaves as a copy in every other respect. Any
// other value: a plain copy. References read from it before that point into the
// node: keep `frozen_object`'s document alive for as long as the result lives (the
// create memo holds the spec it lends while the create runs).
Json borrow_frozen(const Json& frozen_object);

}  // namespace kt
