// Internals shared by strategic_merge.cpp (applying a strategic merge patch) and
// strategic_diff.cpp (computing one). Not part of the patch API; see patch.h.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>

#include "core/api/patch.h"

namespace kt::api::patch::smp {

// ---- Go's view of JSON values ---------------------------------------------------------
//
// apimachinery works on map[string]interface{} decoded by k8s.io/apimachinery's json,
// which keeps integral numbers as int64: so 1 and 1.0 are different types, and
// "the same value" means same type and value (reflect.DeepEqual).

enum class GoType { Nil, Map, Slice, String, Int64, Float64, Bool };

GoType go_type(const Json& v);
std::string go_type_name(GoType t);          // reflect.Type with %s: "map[string]interface {}", ...
bool go_equal(const Json& a, const Json& b);  // reflect.DeepEqual
std::string go_v(const Json& v);              // fmt's %v: map[k:v], [a b], <nil>, 1e+06

// ---- failures ---------------------------------------------------------------------------

enum class Failure {
  BadRequest,  // mergepatch's format errors: the apiserver answers 400 with the text
  Invalid,     // ErrNoListOfLists: 422 with a fixed text
  Error,       // anything else: passed through, 500 with reason "" and the text
  Panic,       // what would panic in Go
};

struct SmpError {
  Failure kind;
  std::string message;
};

[[noreturn]] void fail(std::string message, Failure kind = Failure::Error);

std::string err_no_merge_key(const Json& m, const std::string& key);   // mergepatch.ErrNoMergeKey
std::string err_bad_arg_type(GoType expected, const Json& actual);    // mergepatch.ErrBadArgType

ApiError server_error(const SmpError& e);  // as kube-apiserver answers it
ApiError client_error(const SmpError& e);  // the Go error text, for kubectl's side

// ---- directives ---------------------------------------------------------------------------

inline const std::string kDirectiveMarker = "$patch";
inline const std::string kDeleteDirective = "delete";
inline const std::string kReplaceDirective = "replace";
inline const std::string kMergeDirective = "merge";
inline const std::string kRetainKeysDirective = "$retainKeys";
inline const std::string kDeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";
inline const std::string kSetElementOrderPrefix = "$setElementOrder";

// ---- field metadata -------------------------------------------------------------------------

struct Ctx {
  const Strategy& strategy;
  std::optional<ListStrategy> lookup(const std::string& path) const {
    if (!strategy) return std::nullopt;
    return strategy(path);
  }
};

inline std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

// patchStrategy "merge" on a list.
inline bool is_merge_list(const std::optional<ListStrategy>& s) {
  return s && (!s->merge_key.empty() || s->primitive_merge);
}

// ---- lists ----------------------------------------------------------------------------------

// sliceElementType: the one Go type of all elements of the given lists.
GoType slice_element_type(std::initializer_list<const Json*> lists);

// normalizeSliceOrder: stable sort of `to_sort` by position in `order` (by merge key
// for maps), $patch: delete items moved to the end.
Json normalize_slice_order(Json to_sort, const Json& order, const std::string& merge_key, GoType kind);

// deduplicateScalars, with Go's in-place swap-from-the-end (it reorders).
Json deduplicate_scalars(Json s);

// sortScalars: by %v text.
Json sort_scalars(Json s);

// mergeKeyValueEqual: whether two maps have the same merge key value (or, with no
// merge key, are the same value).
bool merge_key_value_equal(const Json& left, const Json& right, const std::string& merge_key);

// ---- merge ----------------------------------------------------------------------------------

struct MergeOptions {
  // Server side: apply $deleteFromPrimitiveList and $setElementOrder. Client side
  // (merging the halves of a 3-way patch): carry them over.
  bool merge_parallel_list;
  // Server side: a null for a key the original lacks is dropped, not kept.
  bool ignore_unmatched_nulls;
  // Server side: values taken verbatim from the patch lose what decoding into the
  // typed object would drop (nulls, leftover directive keys).
  bool for_storage;
};

// mergeMap: `patch` merged into `original` at field path `path`.
Json merge_map(Json original, Json patch, const std::string& path, const Ctx& ctx, const MergeOptions& opts);

}  // namespace kt::api::patch::smp
