// API objects are immutable JSON documents shared by pointer: the store, every
// informer cache and every reader hold the same ObjectPtr. To change an object,
// copy it (Json copy = *ptr), edit the copy and write it through the API server.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/api/json.h"

namespace kt::api {

using ObjectPtr = std::shared_ptr<const Json>;

inline ObjectPtr make_object(Json j) { return std::make_shared<const Json>(std::move(j)); }

// obj[k] = v for an object obj, without Json::operator[]'s key string and map node
// made before it looks (json_object.h assign). Returns the member.
inline Json& set_member(Json& obj, std::string_view k, Json v) {
  return obj.get_ref<Json::object_t&>().assign(k, std::move(v));
}

// Field access that tolerates missing parents (returns a shared null/empty).
const Json& field(const Json& obj, std::initializer_list<std::string_view> path);
std::string str_field(const Json& obj, std::initializer_list<std::string_view> path, std::string_view dflt = "");
std::int64_t int_field(const Json& obj, std::initializer_list<std::string_view> path, std::int64_t dflt = 0);

namespace meta {
inline const Json& metadata(const Json& o) { return field(o, {"metadata"}); }
std::string name(const Json& o);
std::string namespace_of(const Json& o);
std::string uid(const Json& o);
std::uint64_t resource_version(const Json& o);  // 0 when absent or malformed
std::int64_t generation(const Json& o);
const Json& labels(const Json& o);       // object or null
const Json& annotations(const Json& o);  // object or null
bool being_deleted(const Json& o);       // metadata.deletionTimestamp set
// "ns/name" for namespaced objects, "name" otherwise: the informer/work-queue key.
std::string key(const Json& o);
// The controlling ownerReference (controller: true), or null.
const Json* controller_ref(const Json& o);
}  // namespace meta

// Splits a work-queue key into namespace and name ("name" alone → ns empty).
std::pair<std::string, std::string> split_key(std::string_view key);

}  // namespace kt::api
