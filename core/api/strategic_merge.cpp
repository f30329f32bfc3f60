// Strategic merge patch, the server half: apimachinery's pkg/util/strategicpatch (v1.32)
// rewritten for kt::Json. The algorithms follow patch.go step by step, because the
// order a merged list comes out in, and which odd inputs fail with which text, is
// part of what kubectl users see. Field metadata comes from a Strategy
// (patch_strategy.cpp for the built-in kinds) instead of Go struct tags. The client
// half (2-way and 3-way patches) is in strategic_diff.cpp; what both share is declared
// in strategic_merge_internal.h.
//
// Sections:
//   1. Go's view of JSON values: types, ==, reflect.DeepEqual, %v
//   2. failures and how the apiserver reports them
//   3. directives
//   4. list order (normalizeElementOrder and friends)
//   5. merge (StrategicMergeMapPatch, and the merge of a 3-way patch's two halves)
//   6. entry point
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/api/strategic_merge_internal.h"

namespace kt::api::patch::smp {

// ---- 1. Go's view of JSON values ---------------------------------------------------------
//
// The apiserver and kubectl decode JSON with k8s.io/apimachinery/pkg/util/json, which
// keeps integers as int64 and everything else numeric as float64, so 1 and 1.0 are
// different Go types and never ==.

GoType go_type(const Json& v) {
  switch (v.type()) {
    case Json::value_t::object: return GoType::Map;
    case Json::value_t::array: return GoType::Slice;
    case Json::value_t::string: return GoType::String;
    case Json::value_t::boolean: return GoType::Bool;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return GoType::Int64;
    case Json::value_t::number_float: return GoType::Float64;
    default: return GoType::Nil;
  }
}

// reflect.TypeOf(v) printed with %s.
std::string go_type_name(GoType t) {
  switch (t) {
    case GoType::Map: return "map[string]interface {}";
    case GoType::Slice: return "[]interface {}";
    case GoType::String: return "string";
    case GoType::Int64: return "int64";
    case GoType::Float64: return "float64";
    case GoType::Bool: return "bool";
    case GoType::Nil: break;
  }
  return "%!s(<nil>)";
}

// reflect.DeepEqual; also stands in for == on interface values (which would panic on
// maps and slices in Go, a case no sane patch reaches).
bool go_equal(const Json& a, const Json& b) {
  const GoType t = go_type(a);
  if (t != go_type(b)) return false;
  switch (t) {
    case GoType::Map: {
      if (a.size() != b.size()) return false;
      for (auto it = a.begin(); it != a.end(); ++it) {
        auto o = b.find(it.key());
        if (o == b.end() || !go_equal(*it, *o)) return false;
      }
      return true;
    }
    case GoType::Slice: {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!go_equal(a[i], b[i])) return false;
      return true;
    }
    default: return a == b;
  }
}

// %v of a float64: strconv 'g' with the shortest digits, %e from exponent 6 on.
std::string go_float(double f) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f == 0) return std::signbit(f) ? "-0" : "0";
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, f);
    if (std::strtod(buf, nullptr) == f) break;
  }
  // buf is "[-]d[.ddd]e±XX"
  std::string s(buf);
  std::string sign;
  if (s[0] == '-') {
    sign = "-";
    s.erase(0, 1);
  }
  const std::size_t e = s.find('e');
  std::string digits = s.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int exp = std::atoi(s.c_str() + e + 1);
  if (exp < -4 || exp >= 6) {
    std::string out = sign + digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    const int a = exp < 0 ? -exp : exp;
    out += exp < 0 ? "e-" : "e+";
    if (a < 10) out += "0";
    return out + std::to_string(a);
  }
  if (exp < 0) return sign + "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  const auto int_len = static_cast<std::size_t>(exp) + 1;
  if (digits.size() <= int_len) return sign + digits + std::string(int_len - digits.size(), '0');
  return sign + digits.substr(0, int_len) + "." + digits.substr(int_len);
}

std::string go_v(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "<nil>";
    case Json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case Json::value_t::string: return v.get<std::string>();
    case Json::value_t::number_integer: return std::to_string(v.get<std::int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(v.get<std::uint64_t>());
    case Json::value_t::number_float: return go_float(v.get<double>());
    case Json::value_t::object: {
      std::string out = "map[";
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {  // nlohmann keeps keys sorted
        if (!first) out += " ";
        first = false;
        out += it.key() + ":" + go_v(*it);
      }
      return out + "]";
    }
    case Json::value_t::array: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.size(); ++i) out += (i ? " " : "") + go_v(v[i]);
      return out + "]";
    }
    default: return "<nil>";
  }
}

// %s of a value: strings as they are, anything else as fmt's bad-verb form.
std::string go_s(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "%!s(<nil>)";
  return "%!s(" + go_type_name(go_type(v)) + "=" + go_v(v) + ")";
}

// ---- 2. failures ----------------------------------------------------------------------------

void fail(std::string message, Failure kind) {
  throw SmpError{kind, std::move(message)};
}

std::string err_no_merge_key(const Json& m, const std::string& key) {
  return "map: " + go_v(m) + " does not contain declared merge key: " + key;
}
std::string err_bad_arg_type(GoType expected, const Json& actual) {
  return "expected a " + go_type_name(expected) + ", but received a " + go_type_name(go_type(actual));
}

const char* const kErrNoListOfLists = "lists of lists are not supported";
const char* const kErrBadPatchFormatForPrimitiveList = "invalid patch format of primitive list";
const char* const kErrBadPatchFormatForRetainKeys = "invalid patch format of retainKeys";
const char* const kErrBadPatchFormatForSetElementOrderList = "invalid patch format of setElementOrder list";

std::string err_bad_patch_type(const Json& t, const Json& m) {
  return "unknown patch type: " + go_s(t) + " in map: " + go_v(m);
}

ApiError server_error(const SmpError& e) {
  switch (e.kind) {
    case Failure::BadRequest: return ApiError::bad_request(e.message);
    case Failure::Invalid:
      return ApiError(422, "Invalid", "the server rejected our request due to an error in our request");
    case Failure::Panic:
      return ApiError(500, "InternalError",
                      "an error on the server (\"This request caused apiserver to panic. Look in the logs for "
                      "details.\") has prevented the request from succeeding");
    case Failure::Error: break;
  }
  return ApiError(500, "", e.message);
}

ApiError client_error(const SmpError& e) { return ApiError(500, "", e.message); }

// ---- 3. directives ------------------------------------------------------------------------

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_directive_key(const std::string& k) {
  return k == kDirectiveMarker || k == kRetainKeysDirective || starts_with(k, kSetElementOrderPrefix) ||
         starts_with(k, kDeleteFromPrimitiveListPrefix);
}

bool is_string(const Json& v, const std::string& s) { return v.is_string() && v.get_ref<const std::string&>() == s; }

// extractKey: "$setElementOrder/containers" -> "containers".
std::string extract_key(const std::string& s, const std::string& prefix) {
  const std::size_t slash = s.find('/');
  if (slash == std::string::npos || s.substr(0, slash) != prefix) {
    if (prefix == kDeleteFromPrimitiveListPrefix) fail(kErrBadPatchFormatForPrimitiveList, Failure::BadRequest);
    fail(kErrBadPatchFormatForSetElementOrderList, Failure::BadRequest);
  }
  return s.substr(slash + 1);
}

// removeDirectives: a map holding $patch is dropped (returns false), everywhere below.
bool remove_directives(Json& v) {
  if (v.is_object()) {
    if (v.contains(kDirectiveMarker)) return false;
    for (auto it = v.begin(); it != v.end();) {
      if (remove_directives(*it)) ++it;
      else it = v.erase(it);
    }
  } else if (v.is_array()) {
    Json kept = Json::array();
    for (auto& e : v)
      if (remove_directives(e)) kept.push_back(std::move(e));
    v = std::move(kept);
  }
  return true;
}

// discardNullValuesFromPatch.
void discard_nulls(Json& v) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end();) {
      if (it->is_null()) {
        it = v.erase(it);
      } else {
        discard_nulls(*it);
        ++it;
      }
    }
  } else if (v.is_array()) {
    for (auto& e : v) discard_nulls(e);
  }
}

// What decoding into the typed object does to a value the patch put in verbatim (a
// new list item, a replaced list, a $patch: replace map): null fields and leftover
// directive keys are gone. Applied to those values only, so nulls the stored object
// already had are not mistaken for a change.
void strip_for_storage(Json& v) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end();) {
      if (it->is_null() || is_directive_key(it.key())) {
        it = v.erase(it);
      } else {
        strip_for_storage(*it);
        ++it;
      }
    }
  } else if (v.is_array()) {
    for (auto& e : v) strip_for_storage(e);
  }
}

// ---- 4. list order ------------------------------------------------------------------------------

GoType slice_element_type(std::initializer_list<const Json*> lists) {
  bool have = false;
  GoType prev = GoType::Nil;
  for (const Json* list : lists) {
    for (const Json& v : *list) {
      const GoType cur = go_type(v);
      if (!have) {
        if (cur == GoType::Nil) fail("runtime error: invalid memory address or nil pointer dereference", Failure::Panic);
        have = true;
        prev = cur;
        if (prev == GoType::Slice) fail(kErrNoListOfLists, Failure::Invalid);
      } else if (prev != cur) {
        std::string all = "[";
        bool first = true;
        for (const Json* l : lists) {
          all += (first ? "" : " ") + go_v(*l);
          first = false;
        }
        fail("list element types are not identical: " + all + "]");
      }
    }
  }
  if (!have) fail("no elements in any of the given slices");
  return prev;
}

// A list item's identity: its merge key's value for maps (nil when it has none), the
// item itself otherwise.
Json identity(const Json& item, const std::string& merge_key, GoType kind) {
  if (kind != GoType::Map) return item;
  if (!item.is_object()) return nullptr;
  auto it = item.find(merge_key);
  return it == item.end() ? Json(nullptr) : *it;
}

// index: position of the item with the same identity in `list`, or -1.
long index_of(const Json& list, const Json& val, const std::string& merge_key, GoType kind) {
  const Json want = identity(val, merge_key, kind);
  for (std::size_t i = 0; i < list.size(); ++i)
    if (go_equal(want, identity(list[i], merge_key, kind))) return static_cast<long>(i);
  return -1;
}

void validate_merge_key_in_list(const std::string& merge_key, const Json& list) {
  for (const Json& item : list) {
    if (!item.is_object()) fail(err_bad_arg_type(GoType::Map, item));
    if (!item.contains(merge_key)) fail(err_no_merge_key(item, merge_key));
  }
}

// extractToDeleteItems: (items to keep, items carrying $patch: delete).
std::pair<Json, Json> extract_to_delete_items(const Json& list) {
  Json keep = Json::array(), del = Json::array();
  for (const Json& v : list) {
    if (!v.is_object()) fail(err_bad_arg_type(GoType::Map, v));
    auto d = v.find(kDirectiveMarker);
    if (d != v.end() && is_string(*d, kDeleteDirective)) del.push_back(v);
    else keep.push_back(v);
  }
  return {keep, del};
}

// Go's comparator calls an item that is not in `order` "less" than anything; every
// caller passes items that are in `order`, except a patch with an empty
// $setElementOrder list, where Go's sort.SliceStable and this insertion sort agree for
// up to 20 items.
Json normalize_slice_order(Json to_sort, const Json& order, const std::string& merge_key, GoType kind) {
  Json to_delete = Json::array();
  if (kind == GoType::Map) {
    validate_merge_key_in_list(merge_key, to_sort);
    validate_merge_key_in_list(merge_key, order);
    auto [keep, del] = extract_to_delete_items(to_sort);
    to_sort = std::move(keep);
    to_delete = std::move(del);
  }
  auto less = [&](const Json& a, const Json& b) {
    const long ia = index_of(order, a, merge_key, kind);
    if (ia >= 0) {
      const long ib = index_of(order, b, merge_key, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (std::size_t i = 1; i < to_sort.size(); ++i)
    for (std::size_t j = i; j > 0 && less(to_sort[j], to_sort[j - 1]); --j) std::swap(to_sort[j], to_sort[j - 1]);
  for (auto& d : to_delete) to_sort.push_back(std::move(d));
  return to_sort;
}

// mergeSortedSlice: interleaves server-only items (left) with patch items (right).
// A left item goes first only when both are in the live list and it is ahead there.
Json merge_sorted_slice(const Json& left, const Json& right, const Json& server_order, const std::string& merge_key,
                        GoType kind) {
  Json out = Json::array();
  std::size_t i = 0, j = 0;
  while (i < left.size() && j < right.size()) {
    const long li = index_of(server_order, left[i], merge_key, kind);
    const long ri = index_of(server_order, right[j], merge_key, kind);
    if (li >= 0 && ri >= 0 && li < ri) out.push_back(left[i++]);
    else out.push_back(right[j++]);
  }
  while (i < left.size()) out.push_back(left[i++]);
  while (j < right.size()) out.push_back(right[j++]);
  return out;
}

// normalizeElementOrder: patch items in patch order, server-only items in server
// order, then interleaved.
Json normalize_element_order(const Json& patch, const Json& server_only, const Json& patch_order,
                             const Json& server_order, const std::string& merge_key, GoType kind) {
  Json p = normalize_slice_order(patch, patch_order, merge_key, kind);
  Json s = normalize_slice_order(server_only, server_order, merge_key, kind);
  return merge_sorted_slice(s, p, server_order, merge_key, kind);
}

// findMapInSliceBasedOnKeyValue: index of the map whose `key` equals `value`.
long find_map_in_slice(const Json& list, const std::string& key, const Json& value) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& v = list[i];
    if (!v.is_object()) fail("value for key " + std::to_string(i) + " is not a map");
    auto it = v.find(key);
    if (it != v.end() && go_equal(*it, value)) return static_cast<long>(i);
  }
  return -1;
}

// partitionPrimitivesByPresentInList / partitionMapsByPresentInList:
// (items of `list` present in `by`, the others), each in `list` order.
std::pair<Json, Json> partition(const Json& list, const Json& by, const std::string& merge_key) {
  Json in = Json::array(), out = Json::array();
  for (const Json& v : list) {
    bool found;
    if (merge_key.empty()) {
      found = std::any_of(by.begin(), by.end(), [&](const Json& b) { return go_equal(v, b); });
    } else {
      if (!v.is_object()) fail(err_bad_arg_type(GoType::Map, v));
      auto mk = v.find(merge_key);
      if (mk == v.end()) fail(err_no_merge_key(v, merge_key));
      found = find_map_in_slice(by, merge_key, *mk) >= 0;
    }
    (found ? in : out).push_back(v);
  }
  return {in, out};
}

Json deduplicate_scalars(Json s) {
  if (s.empty()) return s;
  std::size_t length = s.size() - 1;
  for (std::size_t i = 0; i < length; ++i) {
    for (std::size_t j = i + 1; j <= length; ++j) {
      if (go_equal(s[i], s[j])) {
        s[j] = s[length];
        s.erase(s.begin() + static_cast<std::ptrdiff_t>(length));
        --length;
        --j;
      }
    }
  }
  return s;
}

Json sort_scalars(Json s) {
  std::vector<Json> v(s.begin(), s.end());
  std::stable_sort(v.begin(), v.end(), [](const Json& a, const Json& b) { return go_v(a) < go_v(b); });
  return Json(v);
}

// ---- 5. merge ---------------------------------------------------------------------------------------

// A value taken from the patch as it is.
Json verbatim(Json v, const MergeOptions& opts) {
  if (opts.for_storage) strip_for_storage(v);
  return v;
}

// Go slice aliasing, which kube's ordering depends on. In mergePatchIntoOriginal the
// live list is merged by mergeSlice, which deletes from it with
// append(s[:i], s[i+1:]...) (shifting the shared backing array left) and appends new
// items (which land in the slots the deletions freed); the live list, still viewed at
// its old length, then serves as the "server order". An Alias mirrors that backing
// array: `view` is what the live list shows afterwards. Writes past its length are
// invisible whatever the capacity, so this does not depend on Go's allocation.
struct Alias {
  Json* view = nullptr;  // nullptr: nothing shares the backing array any more

  void erased(std::size_t at, std::size_t len) {
    if (!view) return;
    for (std::size_t k = at; k + 1 < len; ++k) (*view)[k] = (*view)[k + 1];
  }
  void stored(std::size_t at, const Json& v) {
    if (view && at < view->size()) (*view)[at] = v;
  }
};

// mergeSliceWithSpecialElements: applies $patch: delete items to `original`; returns
// the (possibly shrunk) original and the patch without directive items. A
// $patch: replace item makes the patch's plain items the whole list.
std::pair<Json, Json> merge_slice_with_special_elements(Json original, const Json& patch,
                                                        const std::string& merge_key, Alias& alias,
                                                        const MergeOptions& opts) {
  Json plain = Json::array();
  bool replace = false;
  for (const Json& v : patch) {
    auto d = v.find(kDirectiveMarker);
    if (d == v.end()) {
      plain.push_back(v);
      continue;
    }
    if (is_string(*d, kDeleteDirective)) {
      auto mk = v.find(merge_key);
      if (mk == v.end()) fail(err_no_merge_key(v, merge_key));
      for (long at; (at = find_map_in_slice(original, merge_key, *mk)) >= 0;) {
        alias.erased(static_cast<std::size_t>(at), original.size());
        original.erase(original.begin() + at);
      }
    } else if (is_string(*d, kReplaceDirective)) {
      replace = true;
    } else if (is_string(*d, kMergeDirective)) {
      fail("merging lists cannot yet be specified in the patch");
    } else {
      fail(err_bad_patch_type(*d, v));
    }
  }
  if (replace) {
    alias.view = nullptr;  // the result is a new slice from here on
    return {verbatim(std::move(plain), opts), Json::array()};
  }
  return {original, plain};
}

// mergeSliceWithoutSpecialElements: items matched by merge key merge in place, the
// others are appended.
Json merge_slice_without_special_elements(Json original, const Json& patch, const std::string& merge_key,
                                          const std::string& path, const Ctx& ctx, const MergeOptions& opts,
                                          Alias& alias) {
  for (const Json& v : patch) {
    auto mk = v.find(merge_key);
    if (mk == v.end()) fail(err_no_merge_key(v, merge_key));
    const long found = find_map_in_slice(original, merge_key, *mk);
    if (found >= 0) {
      const auto at = static_cast<std::size_t>(found);
      original[at] = merge_map(original[at], v, path, ctx, opts);
      alias.stored(at, original[at]);
    } else {
      alias.stored(original.size(), v);
      original.push_back(verbatim(v, opts));
    }
  }
  return original;
}

// mergeSlice.
Json merge_slice(Json original, Json patch, const std::string& path, const std::string& merge_key, const Ctx& ctx,
                 const MergeOptions& opts, bool is_delete_list, Alias alias) {
  if (original.empty() && patch.empty()) return original;
  const GoType kind = slice_element_type({&original, &patch});
  Json merged;
  if (kind != GoType::Map) {
    if (opts.merge_parallel_list && is_delete_list) {
      Json kept = Json::array();
      for (const Json& v : original)
        if (std::none_of(patch.begin(), patch.end(), [&](const Json& d) { return go_equal(v, d); }))
          kept.push_back(v);
      return kept;
    }
    Json both = original;
    for (const Json& v : patch) both.push_back(v);
    merged = deduplicate_scalars(std::move(both));
  } else {
    if (merge_key.empty()) fail("cannot merge lists without merge key for struct");
    auto [shrunk, plain] = merge_slice_with_special_elements(std::move(original), patch, merge_key, alias, opts);
    original = std::move(shrunk);
    patch = std::move(plain);
    merged = merge_slice_without_special_elements(original, patch, merge_key, path, ctx, opts, alias);
  }
  auto [patch_items, server_only] = partition(merged, patch, merge_key);
  return normalize_element_order(patch_items, server_only, patch, original, merge_key, kind);
}

// mergeSliceHandler: merge lists (and delete lists) merge, the rest is replaced.
Json merge_slice_handler(const Json& original, const Json& patch, const std::string& path, bool merge_strategy,
                         const std::string& merge_key, bool is_delete_list, const Ctx& ctx, const MergeOptions& opts,
                         Alias alias = {}) {
  if (!original.is_array()) fail(err_bad_arg_type(GoType::Slice, original));
  if (!patch.is_array()) fail(err_bad_arg_type(GoType::Slice, patch));
  if (merge_strategy || is_delete_list)
    return merge_slice(original, patch, path, merge_key, ctx, opts, is_delete_list, alias);
  return verbatim(patch, opts);
}

bool merge_key_value_equal(const Json& left, const Json& right, const std::string& merge_key) {
  if (merge_key.empty()) return go_equal(left, right);
  if (!left.is_object()) fail(err_bad_arg_type(GoType::Map, left));
  if (!right.is_object()) fail(err_bad_arg_type(GoType::Map, right));
  auto l = left.find(merge_key);
  if (l == left.end()) fail(err_no_merge_key(left, merge_key));
  auto r = right.find(merge_key);
  if (r == right.end()) fail(err_no_merge_key(right, merge_key));
  return go_equal(*l, *r);
}

// validatePatchWithSetOrderList: the patch list's items (deletions aside) must appear
// in $setElementOrder, in the same relative order.
void validate_patch_with_set_order_list(const Json& patch_list, const Json& set_order, const std::string& merge_key) {
  if (set_order.empty() || patch_list.empty()) return;
  const Json non_delete = merge_key.empty() ? patch_list : extract_to_delete_items(patch_list).first;
  std::size_t pi = 0, si = 0;
  while (pi < non_delete.size() && si < set_order.size()) {
    if (non_delete[pi].is_object() && non_delete[pi].contains(kDirectiveMarker)) {
      ++pi;
      continue;
    }
    if (merge_key_value_equal(non_delete[pi], set_order[si], merge_key)) ++pi;
    ++si;
  }
  if (pi < non_delete.size() && si >= set_order.size())
    fail("the order in patch list:\n" + go_v(patch_list) + "\n doesn't match " + kSetElementOrderPrefix +
         " list:\n" + go_v(set_order));
}

// applyRetainKeysDirective.
void apply_retain_keys_directive(Json& original, Json& patch, const MergeOptions& opts) {
  auto it = patch.find(kRetainKeysDirective);
  if (it == patch.end()) return;
  const Json retain = *it;
  patch.erase(it);
  if (!opts.merge_parallel_list) {
    auto o = original.find(kRetainKeysDirective);
    if (o == original.end()) original[kRetainKeysDirective] = retain;
    else if (!go_equal(*o, retain))
      fail(go_v(*o) + " and " + go_v(retain) + " are not deep equal: this may happen when calculating the 3-way diff patch");
    return;
  }
  if (!retain.is_array()) fail(kErrBadPatchFormatForRetainKeys, Failure::BadRequest);
  auto retained = [&](const std::string& k) {
    return std::any_of(retain.begin(), retain.end(), [&](const Json& r) { return is_string(r, k); });
  };
  for (auto p = patch.begin(); p != patch.end(); ++p) {
    if (p->is_null() || starts_with(p.key(), kDeleteFromPrimitiveListPrefix) ||
        starts_with(p.key(), kSetElementOrderPrefix))
      continue;
    if (!retained(p.key())) fail(kErrBadPatchFormatForRetainKeys, Failure::BadRequest);
  }
  for (auto o = original.begin(); o != original.end();) {
    if (retained(o.key())) ++o;
    else o = original.erase(o);
  }
}

// mergePatchIntoOriginal: each $setElementOrder/<list> with its list. Server side the
// list is merged and put in order here (and taken out of the patch); client side the
// directive is also carried into `original`.
void merge_patch_into_original(Json& original, Json& patch, const std::string& path, const Ctx& ctx,
                               const MergeOptions& opts) {
  std::vector<std::string> keys;
  for (auto it = patch.begin(); it != patch.end(); ++it)
    if (starts_with(it.key(), kSetElementOrderPrefix)) keys.push_back(it.key());
  for (const std::string& key : keys) {
    const Json set_order = patch[key];
    if (!opts.merge_parallel_list) {
      auto o = original.find(key);
      if (o == original.end()) original[key] = set_order;
      else if (!go_equal(*o, set_order)) fail(kErrBadPatchFormatForSetElementOrderList, Failure::BadRequest);
    }
    patch.erase(key);
    if (!set_order.is_array()) fail(err_bad_arg_type(GoType::Slice, set_order));
    const std::string list_key = extract_key(key, kSetElementOrderPrefix);

    const bool found_original = original.contains(list_key);
    const bool found_patch = patch.contains(list_key);
    Json original_list = Json::array(), patch_list = Json::array();
    if (found_original) {
      if (!original[list_key].is_array()) fail(err_bad_arg_type(GoType::Slice, original[list_key]));
      original_list = original[list_key];
    }
    if (found_patch) {
      if (!patch[list_key].is_array()) fail(err_bad_arg_type(GoType::Slice, patch[list_key]));
      patch_list = patch[list_key];
    }
    const std::string list_path = child_path(path, list_key);
    const auto meta = ctx.lookup(list_path);
    const std::string merge_key = meta ? meta->merge_key : "";
    validate_patch_with_set_order_list(patch_list, set_order, merge_key);

    Json merged;
    if (found_original && !found_patch) {
      merged = original_list;
    } else if (!found_original && found_patch) {
      merged = patch_list;
      remove_directives(merged);
      merged = verbatim(std::move(merged), opts);
    } else if (found_original && found_patch) {
      // original_list becomes what Go's originalFieldValue shows after the merge.
      Json live = original_list;
      merged = merge_slice_handler(live, patch_list, list_path, is_merge_list(meta), merge_key, false, ctx, opts,
                                   Alias{&original_list});
    } else {
      continue;
    }
    auto [patch_items, server_only] = partition(merged, set_order, merge_key);
    const GoType kind = slice_element_type({&original_list, &patch_list});
    original[list_key] = normalize_element_order(patch_items, server_only, set_order, original_list, merge_key, kind);
    patch.erase(list_key);
  }
}

// handleDirectiveInMergeMap: a map-level $patch.
Json handle_directive_in_merge_map(Json patch, const MergeOptions& opts) {
  const Json& directive = patch[kDirectiveMarker];
  if (is_string(directive, kReplaceDirective)) {
    patch.erase(kDirectiveMarker);
    return verbatim(std::move(patch), opts);
  }
  if (is_string(directive, kDeleteDirective)) return Json::object();
  fail(err_bad_patch_type(directive, patch));
}

Json merge_map(Json original, Json patch, const std::string& path, const Ctx& ctx, const MergeOptions& opts) {
  if (patch.contains(kDirectiveMarker)) return handle_directive_in_merge_map(std::move(patch), opts);
  if (!original.is_object()) original = Json::object();

  apply_retain_keys_directive(original, patch, opts);
  merge_patch_into_original(original, patch, path, ctx, opts);

  std::vector<std::string> keys;
  for (auto it = patch.begin(); it != patch.end(); ++it) keys.push_back(it.key());
  for (const std::string& patch_key : keys) {
    Json patch_value = patch[patch_key];
    std::string key = patch_key;
    bool is_delete_list = false;
    if (starts_with(patch_key, kDeleteFromPrimitiveListPrefix)) {
      if (!opts.merge_parallel_list) {
        original[patch_key] = patch_value;
        continue;
      }
      key = extract_key(patch_key, kDeleteFromPrimitiveListPrefix);
      is_delete_list = true;
    }

    if (patch_value.is_null()) {
      original.erase(key);
      if (opts.ignore_unmatched_nulls) continue;
    }

    // A value the original lacks, or of another type, is taken from the patch, less
    // its nulls (server side) and its $patch maps.
    auto take_from_patch = [&] {
      if (is_delete_list) return;
      if (opts.ignore_unmatched_nulls) discard_nulls(patch_value);
      if (remove_directives(patch_value)) original[key] = verbatim(std::move(patch_value), opts);
      else original.erase(key);
    };
    auto cur = original.find(key);
    if (cur == original.end() || go_type(*cur) != go_type(patch_value)) {
      take_from_patch();
      continue;
    }

    const std::string field_path = child_path(path, key);
    switch (go_type(*cur)) {
      case GoType::Map: *cur = merge_map(std::move(*cur), std::move(patch_value), field_path, ctx, opts); break;
      case GoType::Slice: {
        const auto meta = ctx.lookup(field_path);
        *cur = merge_slice_handler(*cur, patch_value, field_path, is_merge_list(meta), meta ? meta->merge_key : "",
                                   is_delete_list, ctx, opts);
        break;
      }
      default:
        if (remove_directives(patch_value)) *cur = std::move(patch_value);
        else original.erase(key);
    }
  }
  return original;
}

}  // namespace kt::api::patch::smp

// ---- 6. entry point -----------------------------------------------------------------------------------------

namespace kt::api::patch {

Json strategic_merge(const Json& original, const Json& patch, const Strategy& strategy) {
  if (patch.is_null()) return original;
  if (!patch.is_object())
    throw ApiError::bad_request("json: cannot unmarshal " +
                                std::string(patch.is_array()    ? "array"
                                            : patch.is_string() ? "string"
                                            : patch.is_boolean() ? "bool"
                                                                 : "number") +
                                " into Go value of type map[string]interface {}");
  const smp::Ctx ctx{strategy};
  try {
    return smp::merge_map(original, patch, "", ctx, smp::MergeOptions{true, true, true});
  } catch (const smp::SmpError& e) {
    throw smp::server_error(e);
  }
}

}  // namespace kt::api::patch
