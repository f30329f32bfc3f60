// Tests for core/api/patch.h: JSON merge patch (RFC 7386), JSON patch (RFC 6902) with
// evanphx/json-patch v4's behaviour and kube-apiserver's errors, strategic merge patch
// (apply, 2-way and 3-way) against fixtures transcribed from apimachinery's own
// strategicpatch tests, and the built-in patch metadata on real kinds.
//
// Sections:
//   1. helpers
//   2. merge patch
//   3. JSON patch
//   4. strategic merge patch: apimachinery's fixtures
//   5. strategic merge patch on built-in kinds
//   6. kubectl's patches: set image, apply
//   7. builtin_strategy
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/api/patch.h"

using kt::Json;
using kt::api::ApiError;
namespace patch = kt::api::patch;

namespace {

// ---- 1. helpers ----------------------------------------------------------------------------

Json J(const char* text) { return Json::parse(text); }

template <class Fn>
ApiError api_error(Fn&& fn) {
  try {
    fn();
  } catch (const ApiError& e) {
    return e;
  }
  throw std::logic_error("expected an ApiError");
}

// evanphx/json-patch's own text for a failing patch.
std::string json_patch_failure(const Json& doc, const Json& ops) {
  try {
    patch::json_patch_ops(doc, ops);
  } catch (const patch::JsonPatchFailure& e) {
    return e.what();
  }
  throw std::logic_error("expected a JsonPatchFailure");
}

const char* const kRejected = "the server rejected our request due to an error in our request";

// The MergeItem type of apimachinery's strategicpatch tests, as a Strategy:
// mergingList / mergeItemPtr merge by name, mergingIntList merges as a set,
// retainKeysMergingList merges by name with retainKeys, retainKeysMap is a retainKeys
// map, wherever they are nested.
std::optional<patch::ListStrategy> merge_item(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  const std::string_view field = dot == std::string_view::npos ? path : path.substr(dot + 1);
  if (field == "mergingList" || field == "mergeItemPtr") return patch::ListStrategy{"name"};
  if (field == "mergingIntList") return patch::ListStrategy{"", false, true};
  if (field == "retainKeysMergingList") return patch::ListStrategy{"name", true};
  if (field == "retainKeysMap") return patch::ListStrategy{"", true};
  return std::nullopt;
}

// sortMergeListsByName, which apimachinery's tests apply to both sides before
// comparing the YAML test cases (the raw ones compare exactly).
std::string key_text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

Json sort_merge_lists(const Json& v) {
  if (!v.is_object()) return v;
  Json out = Json::object();
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& k = it.key();
    Json value = *it;
    if (k == "$retainKeys" || k.rfind("$deleteFromPrimitiveList", 0) == 0 || k == "mergingIntList") {
      if (value.is_array()) {
        std::vector<Json> items(value.begin(), value.end());
        std::sort(items.begin(), items.end(), [](const Json& a, const Json& b) { return key_text(a) < key_text(b); });
        items.erase(std::unique(items.begin(), items.end()), items.end());
        value = Json(items);
      }
    } else if (k.rfind("$setElementOrder", 0) == 0) {
      // kept as is
    } else if ((k == "mergingList" || k == "mergeItemPtr" || k == "retainKeysMergingList") && value.is_array()) {
      std::vector<Json> items;
      for (const Json& e : value) items.push_back(sort_merge_lists(e));
      std::stable_sort(items.begin(), items.end(), [](const Json& a, const Json& b) {
        return key_text(a.value("name", Json())) < key_text(b.value("name", Json()));
      });
      value = Json(items);
    } else if (value.is_object()) {
      value = sort_merge_lists(value);
    }
    out[k] = value;
  }
  return out;
}

struct Fixture {
  const char* name = nullptr;
  bool full = false;  // also check the 2-way and 3-way patch creation and the 3-way result
  bool raw = false;   // compare exactly (list order included)
  const char* original = nullptr;  // absent: {}
  const char* two_way = nullptr;
  const char* modified = nullptr;
  const char* two_way_result = nullptr;  // the result of applying two_way to original, if not `modified`
  const char* current = nullptr;
  const char* three_way = nullptr;
  const char* result = nullptr;  // the result of applying three_way to current
  const char* error = nullptr;   // applying two_way fails with a message containing this
};

// Transcribed from k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go (the YAML
// test cases, as JSON; the MergeItem fields are mapped by merge_item above).
const Fixture kFixtures[] = {
    {.name = "unique scalars when merging lists",
     .original = R"({"mergingIntList":[1,2]})",
     .two_way = R"({"mergingIntList":[2,3]})",
     .modified = R"({"mergingIntList":[1,2,3]})"},
    {.name = "delete map from nested map",
     .original = R"({"simpleMap":{"key1":1,"key2":1}})",
     .two_way = R"({"simpleMap":{"$patch":"delete"}})",
     .modified = R"({"simpleMap":{}})"},
    {.name = "delete all items from merging list",
     .original = R"({"mergingList":[{"name":1},{"name":2}]})",
     .two_way = R"({"mergingList":[{"$patch":"replace"}]})",
     .modified = R"({"mergingList":[]})"},
    {.name = "merge empty merging lists (apply)",
     .original = R"({"mergingList":[]})",
     .two_way = R"({"mergingList":[]})",
     .modified = R"({"mergingList":[]})"},
    {.name = "delete all keys from map",
     .original = R"({"name":1,"value":1})",
     .two_way = R"({"$patch":"replace"})",
     .modified = R"({})"},
    {.name = "add key and delete all keys from map",
     .original = R"({"name":1,"value":1})",
     .two_way = R"({"$patch":"replace","other":"a"})",
     .modified = R"({"other":"a"})"},
    {.name = "delete all duplicate entries in a merging list",
     .original = R"({"mergingList":[{"name":1},{"name":1},{"name":2,"value":"a"},{"name":3},{"name":3}]})",
     .two_way = R"({"mergingList":[{"$patch":"delete","name":1},{"$patch":"delete","name":3}]})",
     .modified = R"({"mergingList":[{"name":2,"value":"a"}]})"},
    {.name = "retainKeys map can add a field when no retainKeys directive present",
     .original = R"({"retainKeysMap":{"name":"foo"}})",
     .two_way = R"({"retainKeysMap":{"value":"bar"}})",
     .modified = R"({"retainKeysMap":{"name":"foo","value":"bar"}})"},
    {.name = "retainKeys map can delete a field when no retainKeys directive present",
     .original = R"({"retainKeysMap":{"name":"foo","value":"a"}})",
     .two_way = R"({"retainKeysMap":{"value":null}})",
     .modified = R"({"retainKeysMap":{"name":"foo"}})"},
    {.name = "retainKeys map merge an empty map",
     .original = R"({"retainKeysMap":{"name":"foo","value":"a"}})",
     .two_way = R"({"retainKeysMap":{}})",
     .modified = R"({"retainKeysMap":{"name":"foo","value":"a"}})"},
    {.name = "retainKeys list can change a field when no retainKeys directive present",
     .original = R"({"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"a"}]})",
     .two_way = R"({"retainKeysMergingList":[{"name":"foo","value":"b"}]})",
     .modified = R"({"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"b"}]})"},
    {.name = "preserve the order from the patch in a merging list", .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2,"value":"b"},{"name":3}]})",
     .two_way = R"({"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"},{"name":2,"other":"x"}]})",
     .modified = R"({"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"},{"name":2,"other":"x","value":"b"}]})"},
    {.name = "preserve the order from the patch in a merging list 2", .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2,"value":"b"},{"name":3}]})",
     .two_way = R"({"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"}]})",
     .modified = R"({"mergingList":[{"name":2,"value":"b"},{"name":3,"value":"c"},{"name":1,"value":"a"}]})"},
    {.name = "preserve the order from the patch in a merging int list", .raw = true,
     .original = R"({"mergingIntList":[1,2,3]})",
     .two_way = R"({"mergingIntList":[3,1,2]})",
     .modified = R"({"mergingIntList":[3,1,2]})"},
    {.name = "preserve the order from the patch in a merging int list 2", .raw = true,
     .original = R"({"mergingIntList":[1,2,3]})",
     .two_way = R"({"mergingIntList":[3,1]})",
     .modified = R"({"mergingIntList":[2,3,1]})"},
    {.name = "$setElementOrder contains item that is not present in the list to be merged", .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":3}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":3},{"name":2},{"name":1}],"mergingList":[{"name":3,"value":3},{"name":1,"value":1}]})",
     .modified = R"({"mergingList":[{"name":3,"value":3},{"name":1,"value":1}]})"},
    {.name = "$setElementOrder contains item that is not present in the int list to be merged", .raw = true,
     .original = R"({"mergingIntList":[1,3]})",
     .two_way = R"({"$setElementOrder/mergingIntList":[3,2,1]})",
     .modified = R"({"mergingIntList":[3,1]})"},
    {.name = "should check if order in $setElementOrder and patch list match", .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":3},{"name":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2},{"name":3}],"mergingList":[{"name":3,"value":3},{"name":1,"value":1}]})",
     .error = R"(doesn't match)"},
    {.name = "should check if order in $setElementOrder and patch int list match", .raw = true,
     .original = R"({"mergingIntList":[1,3,2]})",
     .two_way = R"({"$setElementOrder/mergingIntList":[1,2,3],"mergingIntList":[3,1]})",
     .error = R"(doesn't match)"},
    {.name = "missing merge key should error out", .raw = true,
     .original = R"({"mergingList":[{"name":1,"value":"a"}]})",
     .two_way = R"({"mergingList":[{"value":"b"}]})",
     .error = R"(does not contain declared merge key)"},
    {.name = "nil original", .full = true,
     .two_way = R"({"name":1,"value":1})",
     .modified = R"({"name":1,"value":1})",
     .current = R"({"name":1,"other":"a"})",
     .three_way = R"({"value":1})",
     .result = R"({"name":1,"other":"a","value":1})"},
    {.name = "nil patch", .full = true,
     .original = R"({"name":1})",
     .two_way = R"({})",
     .modified = R"({"name":1})",
     .current = R"({"name":1})",
     .three_way = R"({})",
     .result = R"({"name":1})"},
    {.name = "add field to map", .full = true,
     .original = R"({"name":1})",
     .two_way = R"({"value":1})",
     .modified = R"({"name":1,"value":1})",
     .current = R"({"name":1,"other":"a"})",
     .three_way = R"({"value":1})",
     .result = R"({"name":1,"other":"a","value":1})"},
    {.name = "add field to map with conflict", .full = true,
     .original = R"({"name":1})",
     .two_way = R"({"value":1})",
     .modified = R"({"name":1,"value":1})",
     .current = R"({"name":"a","other":"a"})",
     .three_way = R"({"name":1,"value":1})",
     .result = R"({"name":1,"other":"a","value":1})"},
    {.name = "add field and delete field from map", .full = true,
     .original = R"({"name":1})",
     .two_way = R"({"name":null,"value":1})",
     .modified = R"({"value":1})",
     .current = R"({"name":1,"other":"a"})",
     .three_way = R"({"name":null,"value":1})",
     .result = R"({"other":"a","value":1})"},
    {.name = "delete field from nested map", .full = true,
     .original = R"({"simpleMap":{"key1":1,"key2":1}})",
     .two_way = R"({"simpleMap":{"key2":null}})",
     .modified = R"({"simpleMap":{"key1":1}})",
     .current = R"({"simpleMap":{"key1":1,"key2":1,"other":"a"}})",
     .three_way = R"({"simpleMap":{"key2":null}})",
     .result = R"({"simpleMap":{"key1":1,"other":"a"}})"},
    {.name = "delete field from nested map with conflict", .full = true,
     .original = R"({"simpleMap":{"key1":1,"key2":1}})",
     .two_way = R"({"simpleMap":{"key2":null}})",
     .modified = R"({"simpleMap":{"key1":1}})",
     .current = R"({"simpleMap":{"key1":"a","key2":1,"other":"a"}})",
     .three_way = R"({"simpleMap":{"key1":1,"key2":null}})",
     .result = R"({"simpleMap":{"key1":1,"other":"a"}})"},
    {.name = "delete all fields from map", .full = true,
     .original = R"({"name":1,"value":1})",
     .two_way = R"({"name":null,"value":null})",
     .modified = R"({})",
     .current = R"({"name":1,"other":"a","value":1})",
     .three_way = R"({"name":null,"value":null})",
     .result = R"({"other":"a"})"},
    {.name = "add field and delete all fields from map with conflict", .full = true,
     .original = R"({"name":1,"value":1})",
     .two_way = R"({"name":null,"other":"a","value":null})",
     .modified = R"({"other":"a"})",
     .current = R"({"name":1,"other":"b","value":1})",
     .three_way = R"({"name":null,"other":"a","value":null})",
     .result = R"({"other":"a"})"},
    {.name = "replace list of scalars with conflict", .full = true,
     .original = R"({"nonMergingIntList":[1,2]})",
     .two_way = R"({"nonMergingIntList":[2,3]})",
     .modified = R"({"nonMergingIntList":[2,3]})",
     .current = R"({"nonMergingIntList":[1,4]})",
     .three_way = R"({"nonMergingIntList":[2,3]})",
     .result = R"({"nonMergingIntList":[2,3]})"},
    {.name = "delete all maps from merging list with conflict", .full = true,
     .original = R"({"mergingList":[{"name":1},{"name":2}]})",
     .two_way = R"({"mergingList":[{"$patch":"delete","name":1},{"$patch":"delete","name":2}]})",
     .modified = R"({"mergingList":[]})",
     .current = R"({"mergingList":[{"name":1,"other":"a"},{"name":2,"other":"b"}]})",
     .three_way = R"({"mergingList":[{"$patch":"delete","name":1},{"$patch":"delete","name":2}]})",
     .result = R"({"mergingList":[]})"},
    {.name = "delete all maps from empty merging list", .full = true,
     .original = R"({"mergingList":[{"name":1},{"name":2}]})",
     .two_way = R"({"mergingList":[{"$patch":"delete","name":1},{"$patch":"delete","name":2}]})",
     .modified = R"({"mergingList":[]})",
     .current = R"({"mergingList":[]})",
     .three_way = R"({"mergingList":[{"$patch":"delete","name":1},{"$patch":"delete","name":2}]})",
     .result = R"({"mergingList":[]})"},
    {.name = "merge empty merging lists", .full = true,
     .original = R"({"mergingList":[]})",
     .two_way = R"({})",
     .modified = R"({"mergingList":[]})",
     .current = R"({"mergingList":[]})",
     .three_way = R"({})",
     .result = R"({"mergingList":[]})"},
    {.name = "defined null values should propagate overwrite current fields (with conflict)", .full = true,
     .original = R"({"name":2})",
     .two_way = R"({"name":1,"other":null,"value":1})",
     .modified = R"({"name":1,"other":null,"value":1})",
     .two_way_result = R"({"name":1,"value":1})",
     .current = R"({"name":"a","other":"a"})",
     .three_way = R"({"name":1,"other":null,"value":1})",
     .result = R"({"name":1,"value":1})"},
    {.name = "defined null values should propagate removing original fields", .full = true,
     .original = R"({"name":"original-name","value":"original-value"})",
     .two_way = R"({"name":"modified-name","value":null})",
     .modified = R"({"name":"modified-name","value":null})",
     .two_way_result = R"({"name":"modified-name"})",
     .current = R"({"name":"original-name","other":"current-other","value":"original-value"})",
     .three_way = R"({"name":"modified-name","value":null})",
     .result = R"({"name":"modified-name","other":"current-other"})"},
    {.name = "nil patch with retainKeys map", .full = true,
     .original = R"({"name":"a","retainKeysMap":{"name":"foo"}})",
     .two_way = R"({})",
     .modified = R"({"name":"a","retainKeysMap":{"name":"foo"}})",
     .current = R"({"name":"a","retainKeysMap":{"name":"foo"},"value":"b"})",
     .three_way = R"({})",
     .result = R"({"name":"a","retainKeysMap":{"name":"foo"},"value":"b"})"},
    {.name = "retainKeys map with no change should not be present", .full = true,
     .original = R"({"name":"a","retainKeysMap":{"name":"foo"}})",
     .two_way = R"({"value":"b"})",
     .modified = R"({"name":"a","retainKeysMap":{"name":"foo"},"value":"b"})",
     .current = R"({"name":"a","other":"c","retainKeysMap":{"name":"foo"}})",
     .three_way = R"({"value":"b"})",
     .result = R"({"name":"a","other":"c","retainKeysMap":{"name":"foo"},"value":"b"})"},
    {.name = "delete items in lists of scalars", .full = true, .raw = true,
     .original = R"({"mergingIntList":[1,2,3]})",
     .two_way = R"({"$deleteFromPrimitiveList/mergingIntList":[3],"$setElementOrder/mergingIntList":[1,2]})",
     .modified = R"({"mergingIntList":[1,2]})",
     .current = R"({"mergingIntList":[1,2,3,4]})",
     .three_way = R"({"$deleteFromPrimitiveList/mergingIntList":[3],"$setElementOrder/mergingIntList":[1,2]})",
     .result = R"({"mergingIntList":[1,2,4]})"},
    {.name = "delete all duplicate items in lists of scalars", .full = true, .raw = true,
     .original = R"({"mergingIntList":[1,2,3,3]})",
     .two_way = R"({"$deleteFromPrimitiveList/mergingIntList":[3],"$setElementOrder/mergingIntList":[1,2]})",
     .modified = R"({"mergingIntList":[1,2]})",
     .current = R"({"mergingIntList":[1,2,3,3,4]})",
     .three_way = R"({"$deleteFromPrimitiveList/mergingIntList":[3],"$setElementOrder/mergingIntList":[1,2]})",
     .result = R"({"mergingIntList":[1,2,4]})"},
    {.name = "add and delete items in lists of scalars", .full = true, .raw = true,
     .original = R"({"mergingIntList":[1,2,3]})",
     .two_way = R"({"$deleteFromPrimitiveList/mergingIntList":[3],"$setElementOrder/mergingIntList":[1,2,4],"mergingIntList":[4]})",
     .modified = R"({"mergingIntList":[1,2,4]})",
     .current = R"({"mergingIntList":[1,2,3,4]})",
     .three_way = R"({"$deleteFromPrimitiveList/mergingIntList":[3],"$setElementOrder/mergingIntList":[1,2,4]})",
     .result = R"({"mergingIntList":[1,2,4]})"},
    {.name = "merge lists of maps", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2,"value":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":4},{"name":1},{"name":2},{"name":3}],"mergingList":[{"name":4,"value":4},{"name":3,"value":3}]})",
     .modified = R"({"mergingList":[{"name":4,"value":4},{"name":1},{"name":2,"value":2},{"name":3,"value":3}]})",
     .current = R"({"mergingList":[{"name":1,"other":"a"},{"name":2,"other":"b","value":2}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":4},{"name":1},{"name":2},{"name":3}],"mergingList":[{"name":4,"value":4},{"name":3,"value":3}]})",
     .result = R"({"mergingList":[{"name":4,"value":4},{"name":1,"other":"a"},{"name":2,"other":"b","value":2},{"name":3,"value":3}]})"},
    {.name = "merge lists of maps with conflict", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2,"value":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2},{"name":3}],"mergingList":[{"name":3,"value":3}]})",
     .modified = R"({"mergingList":[{"name":1},{"name":2,"value":2},{"name":3,"value":3}]})",
     .current = R"({"mergingList":[{"name":1,"other":"a"},{"name":2,"other":"b","value":3}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2},{"name":3}],"mergingList":[{"name":2,"value":2},{"name":3,"value":3}]})",
     .result = R"({"mergingList":[{"name":1,"other":"a"},{"name":2,"other":"b","value":2},{"name":3,"value":3}]})"},
    {.name = "add field to map in merging list with conflict", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2,"value":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"value":1}]})",
     .modified = R"({"mergingList":[{"name":1,"value":1},{"name":2,"value":2}]})",
     .current = R"({"mergingList":[{"name":1,"other":"a"},{"name":3,"other":"b","value":2}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"value":1},{"name":2,"value":2}]})",
     .result = R"({"mergingList":[{"name":1,"other":"a","value":1},{"name":2,"value":2},{"name":3,"other":"b","value":2}]})"},
    {.name = "add duplicate field to map in merging list", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2,"value":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"value":1}]})",
     .modified = R"({"mergingList":[{"name":1,"value":1},{"name":2,"value":2}]})",
     .current = R"({"mergingList":[{"name":1,"other":"a","value":1},{"name":2,"other":"b","value":2}]})",
     .three_way = R"({})",
     .result = R"({"mergingList":[{"name":1,"other":"a","value":1},{"name":2,"other":"b","value":2}]})"},
    {.name = "delete duplicate field in merging list", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":1}]})",
     .two_way = R"({"mergingList":{}})",
     .modified = R"({"mergingList":{}})",
     .current = R"({"mergingList":[{"name":1},{"name":1}]})",
     .three_way = R"({"mergingList":{}})",
     .result = R"({"mergingList":{}})"},
    {.name = "add an item that already exists in current object in merging list", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1,"value":"a"},{"name":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2},{"name":3}],"mergingList":[{"name":3}]})",
     .modified = R"({"mergingList":[{"name":1,"value":"a"},{"name":2},{"name":3}]})",
     .current = R"({"mergingList":[{"name":1,"other":"x","value":"a"},{"name":2},{"name":3}]})",
     .three_way = R"({})",
     .result = R"({"mergingList":[{"name":1,"other":"x","value":"a"},{"name":2},{"name":3}]})"},
    {.name = "delete map from merging list", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":2}],"mergingList":[{"$patch":"delete","name":1}]})",
     .modified = R"({"mergingList":[{"name":2}]})",
     .current = R"({"mergingList":[{"name":1},{"name":2,"other":"b"}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":2}],"mergingList":[{"$patch":"delete","name":1}]})",
     .result = R"({"mergingList":[{"name":2,"other":"b"}]})"},
    {.name = "delete missing map from merging list with conflict", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":2}],"mergingList":[{"$patch":"delete","name":1}]})",
     .modified = R"({"mergingList":[{"name":2}]})",
     .current = R"({"mergingList":[{"name":3,"other":"a"}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":2}],"mergingList":[{"name":2},{"$patch":"delete","name":1}]})",
     .result = R"({"mergingList":[{"name":2},{"name":3,"other":"a"}]})"},
    {.name = "add map and delete map from merging list", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":2},{"name":3}],"mergingList":[{"name":3},{"$patch":"delete","name":1}]})",
     .modified = R"({"mergingList":[{"name":2},{"name":3}]})",
     .current = R"({"mergingList":[{"name":1},{"name":2,"other":"b"},{"name":4,"other":"c"}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":2},{"name":3}],"mergingList":[{"name":3},{"$patch":"delete","name":1}]})",
     .result = R"({"mergingList":[{"name":2,"other":"b"},{"name":4,"other":"c"},{"name":3}]})"},
    {.name = "add map and delete map from merging list with conflict", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":2},{"name":3}],"mergingList":[{"name":3},{"$patch":"delete","name":1}]})",
     .modified = R"({"mergingList":[{"name":2},{"name":3}]})",
     .current = R"({"mergingList":[{"name":1,"other":"a"},{"name":4,"other":"c"}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":2},{"name":3}],"mergingList":[{"name":2},{"name":3},{"$patch":"delete","name":1}]})",
     .result = R"({"mergingList":[{"name":4,"other":"c"},{"name":2},{"name":3}]})"},
    {.name = "delete missing field from map in merging list with conflict", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1,"value":1},{"name":2,"value":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"value":null}]})",
     .modified = R"({"mergingList":[{"name":1},{"name":2,"value":2}]})",
     .current = R"({"mergingList":[{"name":1,"other":"a"},{"name":2,"other":"b"}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"value":null},{"name":2,"value":2}]})",
     .result = R"({"mergingList":[{"name":1,"other":"a"},{"name":2,"other":"b","value":2}]})"},
    {.name = "replace non merging list nested in merging list with deletion conflict", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1,"nonMergingList":[{"name":1},{"name":2,"value":2}]},{"name":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"nonMergingList":[{"name":1,"value":1}]}]})",
     .modified = R"({"mergingList":[{"name":1,"nonMergingList":[{"name":1,"value":1}]},{"name":2}]})",
     .current = R"({"mergingList":[{"name":1,"nonMergingList":[{"name":2,"value":2}],"other":"a"},{"name":2,"other":"b"}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"nonMergingList":[{"name":1,"value":1}]}]})",
     .result = R"({"mergingList":[{"name":1,"nonMergingList":[{"name":1,"value":1}],"other":"a"},{"name":2,"other":"b"}]})"},
    {.name = "add field to map in merging list nested in merging list with value conflict", .full = true, .raw = true,
     .original = R"({"mergingList":[{"mergingList":[{"name":1},{"name":2,"value":2}],"name":1},{"name":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"value":1}],"name":1}]})",
     .modified = R"({"mergingList":[{"mergingList":[{"name":1,"value":1},{"name":2,"value":2}],"name":1},{"name":2}]})",
     .current = R"({"mergingList":[{"mergingList":[{"name":1,"other":"c","value":"a"},{"name":2,"other":"d","value":"b"}],"name":1,"other":"a"},{"name":2,"other":"b"}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"value":1},{"name":2,"value":2}],"name":1}]})",
     .result = R"({"mergingList":[{"mergingList":[{"name":1,"other":"c","value":1},{"name":2,"other":"d","value":2}],"name":1,"other":"a"},{"name":2,"other":"b"}]})"},
    {.name = "add field to map in merging list nested in merging list with deletion conflict (reordered)", .full = true, .raw = true,
     .original = R"({"mergingList":[{"mergingList":[{"name":1},{"name":2,"value":2}],"name":1},{"name":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"$setElementOrder/mergingList":[{"name":2},{"name":1}],"mergingList":[{"name":1,"value":1}],"name":1}]})",
     .modified = R"({"mergingList":[{"mergingList":[{"name":2,"value":2},{"name":1,"value":1}],"name":1},{"name":2}]})",
     .current = R"({"mergingList":[{"mergingList":[{"name":2,"other":"d","value":2}],"name":1,"other":"a"},{"name":2,"other":"b"}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"$setElementOrder/mergingList":[{"name":2},{"name":1}],"mergingList":[{"name":1,"value":1}],"name":1}]})",
     .result = R"({"mergingList":[{"mergingList":[{"name":2,"other":"d","value":2},{"name":1,"value":1}],"name":1,"other":"a"},{"name":2,"other":"b"}]})"},
    {.name = "add map to merging list by pointer with conflict", .full = true, .raw = true,
     .original = R"({"mergeItemPtr":[{"name":1}]})",
     .two_way = R"({"$setElementOrder/mergeItemPtr":[{"name":1},{"name":2}],"mergeItemPtr":[{"name":2}]})",
     .modified = R"({"mergeItemPtr":[{"name":1},{"name":2}]})",
     .current = R"({"mergeItemPtr":[{"name":3}]})",
     .three_way = R"({"$setElementOrder/mergeItemPtr":[{"name":1},{"name":2}],"mergeItemPtr":[{"name":1},{"name":2}]})",
     .result = R"({"mergeItemPtr":[{"name":1},{"name":2},{"name":3}]})"},
    {.name = "merge lists of scalars", .full = true, .raw = true,
     .original = R"({"mergingIntList":[1,2]})",
     .two_way = R"({"$setElementOrder/mergingIntList":[1,2,3],"mergingIntList":[3]})",
     .modified = R"({"mergingIntList":[1,2,3]})",
     .current = R"({"mergingIntList":[1,2,4]})",
     .three_way = R"({"$setElementOrder/mergingIntList":[1,2,3],"mergingIntList":[3]})",
     .result = R"({"mergingIntList":[1,2,3,4]})"},
    {.name = "add an item in a list of primitives and preserve order", .full = true, .raw = true,
     .original = R"({"mergingIntList":[1,2]})",
     .two_way = R"({"$setElementOrder/mergingIntList":[3,1,2],"mergingIntList":[3]})",
     .modified = R"({"mergingIntList":[3,1,2]})",
     .current = R"({"mergingIntList":[1,4,2]})",
     .three_way = R"({"$setElementOrder/mergingIntList":[3,1,2],"mergingIntList":[3]})",
     .result = R"({"mergingIntList":[3,1,4,2]})"},
    {.name = "delete an item in a list of primitives and preserve order", .full = true, .raw = true,
     .original = R"({"mergingIntList":[1,2,3]})",
     .two_way = R"({"$deleteFromPrimitiveList/mergingIntList":[3],"$setElementOrder/mergingIntList":[2,1]})",
     .modified = R"({"mergingIntList":[2,1]})",
     .current = R"({"mergingIntList":[1,2,3]})",
     .three_way = R"({"$deleteFromPrimitiveList/mergingIntList":[3],"$setElementOrder/mergingIntList":[2,1]})",
     .result = R"({"mergingIntList":[2,1]})"},
    {.name = "add multiple items in a list and preserve order", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2,"value":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":4},{"name":2},{"name":3}],"mergingList":[{"name":4,"value":4},{"name":3,"value":3}]})",
     .modified = R"({"mergingList":[{"name":1},{"name":4,"value":4},{"name":2,"value":2},{"name":3,"value":3}]})",
     .current = R"({"mergingList":[{"name":1,"other":"a"},{"name":2,"other":"b","value":2}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":1},{"name":4},{"name":2},{"name":3}],"mergingList":[{"name":4,"value":4},{"name":3,"value":3}]})",
     .result = R"({"mergingList":[{"name":1,"other":"a"},{"name":4,"value":4},{"name":2,"other":"b","value":2},{"name":3,"value":3}]})"},
    {.name = "add and delete an item in a list and preserve order", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":3,"value":3},{"name":2,"value":2}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":4},{"name":2},{"name":1}],"mergingList":[{"name":4,"value":4},{"$patch":"delete","name":3}]})",
     .modified = R"({"mergingList":[{"name":4,"value":4},{"name":2,"value":2},{"name":1}]})",
     .current = R"({"mergingList":[{"name":1,"other":"a"},{"name":2,"other":"b","value":2},{"name":3,"value":3}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":4},{"name":2},{"name":1}],"mergingList":[{"name":4,"value":4},{"$patch":"delete","name":3}]})",
     .result = R"({"mergingList":[{"name":4,"value":4},{"name":2,"other":"b","value":2},{"name":1,"other":"a"}]})"},
    {.name = "set elements order in a list with server-only items 2", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2,"value":2},{"name":3,"value":3},{"name":4,"value":4}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3}]})",
     .modified = R"({"mergingList":[{"name":2,"value":2},{"name":1},{"name":4,"value":4},{"name":3,"value":3}]})",
     .current = R"({"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2},{"name":9},{"name":3,"value":3},{"name":4,"value":4}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3}]})",
     .result = R"({"mergingList":[{"name":2,"value":2},{"name":1,"other":"a"},{"name":9},{"name":4,"value":4},{"name":3,"value":3}]})"},
    {.name = "set elements order in a list with server-only items 3", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2,"value":2},{"name":3,"value":3},{"name":4,"value":4}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3}]})",
     .modified = R"({"mergingList":[{"name":2,"value":2},{"name":1},{"name":4,"value":4},{"name":3,"value":3}]})",
     .current = R"({"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2},{"name":7},{"name":9},{"name":8},{"name":3,"value":3},{"name":4,"value":4}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3}]})",
     .result = R"({"mergingList":[{"name":2,"value":2},{"name":1,"other":"a"},{"name":7},{"name":9},{"name":8},{"name":4,"value":4},{"name":3,"value":3}]})"},
    {.name = "add and delete an item in a int list and preserve order", .full = true, .raw = true,
     .original = R"({"mergingIntList":[1,3,2]})",
     .two_way = R"({"$deleteFromPrimitiveList/mergingIntList":[3],"$setElementOrder/mergingIntList":[4,2,1],"mergingIntList":[4]})",
     .modified = R"({"mergingIntList":[4,2,1]})",
     .current = R"({"mergingIntList":[1,2,3]})",
     .three_way = R"({"$deleteFromPrimitiveList/mergingIntList":[3],"$setElementOrder/mergingIntList":[4,2,1],"mergingIntList":[4]})",
     .result = R"({"mergingIntList":[4,2,1]})"},
    {.name = "set elements order in a int list with server-only items 3", .full = true, .raw = true,
     .original = R"({"mergingIntList":[1,2,3,4]})",
     .two_way = R"({"$setElementOrder/mergingIntList":[2,1,4,3]})",
     .modified = R"({"mergingIntList":[2,1,4,3]})",
     .current = R"({"mergingIntList":[1,2,7,9,8,3,4]})",
     .three_way = R"({"$setElementOrder/mergingIntList":[2,1,4,3]})",
     .result = R"({"mergingIntList":[2,1,7,9,8,4,3]})"},
    {.name = "behavior of set element order for a merging list with duplicate", .full = true, .raw = true,
     .original = R"({"mergingList":[{"name":1},{"name":2,"value":"dup1"},{"name":3},{"name":2,"value":"dup2"},{"name":4}]})",
     .two_way = R"({"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3},{"name":2}]})",
     .modified = R"({"mergingList":[{"name":2,"value":"dup1"},{"name":1},{"name":4},{"name":3},{"name":2,"value":"dup2"}]})",
     .two_way_result = R"({"mergingList":[{"name":2,"value":"dup1"},{"name":2,"value":"dup2"},{"name":1},{"name":4},{"name":3}]})",
     .current = R"({"mergingList":[{"name":1},{"name":2,"value":"dup1"},{"name":3},{"name":2,"value":"dup2"},{"name":4}]})",
     .three_way = R"({"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3},{"name":2}]})",
     .result = R"({"mergingList":[{"name":2,"value":"dup1"},{"name":2,"value":"dup2"},{"name":1},{"name":4},{"name":3}]})"},
    {.name = "behavior of set element order for a merging int list with duplicate", .full = true, .raw = true,
     .original = R"({"mergingIntList":[1,2,3,2,4]})",
     .two_way = R"({"$setElementOrder/mergingIntList":[2,1,4,3,2]})",
     .modified = R"({"mergingIntList":[2,1,4,3,2]})",
     .two_way_result = R"({"mergingIntList":[2,2,1,4,3]})",
     .current = R"({"mergingIntList":[1,2,3,2,4]})",
     .three_way = R"({"$setElementOrder/mergingIntList":[2,1,4,3,2]})",
     .result = R"({"mergingIntList":[2,2,1,4,3]})"},
    {.name = "retainKeys map should clear defaulted field", .full = true, .raw = true,
     .original = R"({})",
     .two_way = R"({"retainKeysMap":{"other":"bar"}})",
     .modified = R"({"retainKeysMap":{"other":"bar"}})",
     .current = R"({"retainKeysMap":{"value":"foo"}})",
     .three_way = R"({"retainKeysMap":{"$retainKeys":["other"],"other":"bar"}})",
     .result = R"({"retainKeysMap":{"other":"bar"}})"},
    {.name = "retainKeys map should clear defaulted field with conflict (discriminated union)", .full = true, .raw = true,
     .original = R"({})",
     .two_way = R"({"retainKeysMap":{"name":"type2","other":"bar"}})",
     .modified = R"({"retainKeysMap":{"name":"type2","other":"bar"}})",
     .current = R"({"retainKeysMap":{"name":"type1","value":"foo"}})",
     .three_way = R"({"retainKeysMap":{"$retainKeys":["name","other"],"name":"type2","other":"bar"}})",
     .result = R"({"retainKeysMap":{"name":"type2","other":"bar"}})"},
    {.name = "retainKeys map adds a field and clear a field", .full = true, .raw = true,
     .original = R"({"retainKeysMap":{"name":"foo"}})",
     .two_way = R"({"retainKeysMap":{"$retainKeys":["name","value"],"value":"bar"}})",
     .modified = R"({"retainKeysMap":{"name":"foo","value":"bar"}})",
     .current = R"({"retainKeysMap":{"name":"foo","other":"a"}})",
     .three_way = R"({"retainKeysMap":{"$retainKeys":["name","value"],"value":"bar"}})",
     .result = R"({"retainKeysMap":{"name":"foo","value":"bar"}})"},
    {.name = "retainKeys map deletes a field and clears a field", .full = true, .raw = true,
     .original = R"({"retainKeysMap":{"name":"foo","value":"bar"}})",
     .two_way = R"({"retainKeysMap":{"$retainKeys":["name"],"value":null}})",
     .modified = R"({"retainKeysMap":{"name":"foo"}})",
     .current = R"({"retainKeysMap":{"name":"foo","other":"a","value":"bar"}})",
     .three_way = R"({"retainKeysMap":{"$retainKeys":["name"],"value":null}})",
     .result = R"({"retainKeysMap":{"name":"foo"}})"},
    {.name = "retainKeys map clears a field", .full = true, .raw = true,
     .original = R"({"retainKeysMap":{"name":"foo","value":"bar"}})",
     .two_way = R"({})",
     .modified = R"({"retainKeysMap":{"name":"foo","value":"bar"}})",
     .current = R"({"retainKeysMap":{"name":"foo","other":"a","value":"bar"}})",
     .three_way = R"({"retainKeysMap":{"$retainKeys":["name","value"]}})",
     .result = R"({"retainKeysMap":{"name":"foo","value":"bar"}})"},
    {.name = "retainKeys map nested non-merging list with no change with conflict", .full = true, .raw = true,
     .original = R"({"retainKeysMap":{"name":"foo","nonMergingList":[{"name":"a"},{"name":"b"}]}})",
     .two_way = R"({"retainKeysMap":{"$retainKeys":["name","nonMergingList","value"],"value":"bar"}})",
     .modified = R"({"retainKeysMap":{"name":"foo","nonMergingList":[{"name":"a"},{"name":"b"}],"value":"bar"}})",
     .current = R"({"retainKeysMap":{"name":"foo","nonMergingList":[{"name":"a"},{"name":"b"},{"name":"c"}]}})",
     .three_way = R"({"retainKeysMap":{"$retainKeys":["name","nonMergingList","value"],"nonMergingList":[{"name":"a"},{"name":"b"}],"value":"bar"}})",
     .result = R"({"retainKeysMap":{"name":"foo","nonMergingList":[{"name":"a"},{"name":"b"}],"value":"bar"}})"},
    {.name = "retainKeys map nested merging int list with no change", .full = true, .raw = true,
     .original = R"({"retainKeysMap":{"mergingIntList":[1,2],"name":"foo"}})",
     .two_way = R"({"retainKeysMap":{"$retainKeys":["mergingIntList","name","value"],"value":"bar"}})",
     .modified = R"({"retainKeysMap":{"mergingIntList":[1,2],"name":"foo","value":"bar"}})",
     .current = R"({"retainKeysMap":{"mergingIntList":[1,2,3],"name":"foo"}})",
     .three_way = R"({"retainKeysMap":{"$retainKeys":["mergingIntList","name","value"],"$setElementOrder/mergingIntList":[1,2],"value":"bar"}})",
     .result = R"({"retainKeysMap":{"mergingIntList":[1,2,3],"name":"foo","value":"bar"}})"},
    {.name = "retainKeys map adds an item and deletes an item in nested merging int list", .full = true, .raw = true,
     .original = R"({"retainKeysMap":{"mergingIntList":[1,2,3],"name":"foo"}})",
     .two_way = R"({"retainKeysMap":{"$deleteFromPrimitiveList/mergingIntList":[2],"$retainKeys":["mergingIntList","name"],"$setElementOrder/mergingIntList":[1,3,5],"mergingIntList":[5]}})",
     .modified = R"({"retainKeysMap":{"mergingIntList":[1,3,5],"name":"foo"}})",
     .current = R"({"retainKeysMap":{"mergingIntList":[1,2,3,4],"name":"foo"}})",
     .three_way = R"({"retainKeysMap":{"$deleteFromPrimitiveList/mergingIntList":[2],"$retainKeys":["mergingIntList","name"],"$setElementOrder/mergingIntList":[1,3,5],"mergingIntList":[5]}})",
     .result = R"({"retainKeysMap":{"mergingIntList":[1,3,5,4],"name":"foo"}})"},
    {.name = "retainKeys map deletes nested merging list", .full = true, .raw = true,
     .original = R"({"retainKeysMap":{"mergingList":[{"name":"a"},{"name":"b"}],"name":"foo"}})",
     .two_way = R"({"retainKeysMap":{"$retainKeys":["name","value"],"mergingList":null,"value":"bar"}})",
     .modified = R"({"retainKeysMap":{"name":"foo","value":"bar"}})",
     .current = R"({"retainKeysMap":{"mergingList":[{"name":"a"},{"name":"b"}],"name":"foo"}})",
     .three_way = R"({"retainKeysMap":{"$retainKeys":["name","value"],"mergingList":null,"value":"bar"}})",
     .result = R"({"retainKeysMap":{"name":"foo","value":"bar"}})"},
    {.name = "retainKeys map deletes an item in nested merging list", .full = true, .raw = true,
     .original = R"({"retainKeysMap":{"mergingList":[{"name":"a"},{"name":"b"}],"name":"foo"}})",
     .two_way = R"({"retainKeysMap":{"$retainKeys":["mergingList","name"],"$setElementOrder/mergingList":[{"name":"a"}],"mergingList":[{"$patch":"delete","name":"b"}]}})",
     .modified = R"({"retainKeysMap":{"mergingList":[{"name":"a"}],"name":"foo"}})",
     .current = R"({"retainKeysMap":{"mergingList":[{"name":"a"},{"name":"b"},{"name":"x"}],"name":"foo"}})",
     .three_way = R"({"retainKeysMap":{"$retainKeys":["mergingList","name"],"$setElementOrder/mergingList":[{"name":"a"}],"mergingList":[{"$patch":"delete","name":"b"}]}})",
     .result = R"({"retainKeysMap":{"mergingList":[{"name":"a"},{"name":"x"}],"name":"foo"}})"},
    {.name = "retainKeys list of maps clears a field", .full = true, .raw = true,
     .original = R"({"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"a"}]})",
     .two_way = R"({})",
     .modified = R"({"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"a"}]})",
     .current = R"({"retainKeysMergingList":[{"name":"bar"},{"name":"foo","other":"x","value":"a"}]})",
     .three_way = R"({"$setElementOrder/retainKeysMergingList":[{"name":"bar"},{"name":"foo"}],"retainKeysMergingList":[{"$retainKeys":["name","value"],"name":"foo"}]})",
     .result = R"({"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"a"}]})"},
    {.name = "retainKeys list of maps changes a field and clear a field", .full = true, .raw = true,
     .original = R"({"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"old"}]})",
     .two_way = R"({"$setElementOrder/retainKeysMergingList":[{"name":"bar"},{"name":"foo"}],"retainKeysMergingList":[{"$retainKeys":["name","value"],"name":"foo","value":"new"}]})",
     .modified = R"({"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"new"}]})",
     .current = R"({"retainKeysMergingList":[{"name":"bar"},{"name":"foo","other":"x","value":"old"}]})",
     .three_way = R"({"$setElementOrder/retainKeysMergingList":[{"name":"bar"},{"name":"foo"}],"retainKeysMergingList":[{"$retainKeys":["name","value"],"name":"foo","value":"new"}]})",
     .result = R"({"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"new"}]})"},
};

}  // namespace

// ---- 2. merge patch -------------------------------------------------------------------------

TEST_CASE("merge patch: RFC 7386 appendix A", "[patch]") {
  struct Case {
    const char* target;
    const char* patch;
    const char* result;
  };
  const Case cases[] = {
      {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
      {R"({"a":"b"})", R"({"a":null})", R"({})"},
      {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
      {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
      {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
      {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
      {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
      {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
      {R"({"a":"foo"})", R"(null)", R"(null)"},
      {R"({"a":"foo"})", R"("bar")", R"("bar")"},
      {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
      {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
      {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
  };
  for (const Case& c : cases) {
    INFO(c.target << " + " << c.patch);
    CHECK(patch::merge_patch(J(c.target), J(c.patch)) == J(c.result));
  }
}

TEST_CASE("merge patch: evanphx/json-patch details", "[patch]") {
  // Values copied in where the target had nothing lose their nulls, in arrays too.
  CHECK(patch::merge_patch(J(R"({})"), J(R"({"a":[1,null,{"b":null,"c":2}]})")) == J(R"({"a":[1,{"c":2}]})"));
  // A null member of the target is treated as absent.
  CHECK(patch::merge_patch(J(R"({"a":null})"), J(R"({"a":{"b":1,"c":null}})")) == J(R"({"a":{"b":1}})"));
  // An object replacing a list is pruned too; a list replacing an object is taken as is.
  CHECK(patch::merge_patch(J(R"({"a":[1]})"), J(R"({"a":{"b":null}})")) == J(R"({"a":{}})"));
  CHECK(patch::merge_patch(J(R"({"a":{"x":1}})"), J(R"({"a":[1,null]})")) == J(R"({"a":[1,null]})"));
  // The target is not modified.
  const Json target = J(R"({"metadata":{"labels":{"app":"web"}}})");
  const Json out = patch::merge_patch(target, J(R"({"metadata":{"labels":{"tier":"fe","app":null}}})"));
  CHECK(out == J(R"({"metadata":{"labels":{"tier":"fe"}}})"));
  CHECK(target == J(R"({"metadata":{"labels":{"app":"web"}}})"));
}

TEST_CASE("merge patch: kube-apiserver's checks on the body", "[patch]") {
  CHECK_NOTHROW(patch::check_merge_patch_body(J(R"({"spec":{}})")));
  ApiError e = api_error([] { patch::check_merge_patch_body(J(R"(["x"])")); });
  CHECK(e.code() == 400);
  CHECK(e.reason() == "BadRequest");
  CHECK(e.message() ==
        "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}");
  e = api_error([] { patch::check_merge_patch_body(J(R"("x")")); });
  CHECK(e.message() ==
        "error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}");
  e = api_error([] { patch::check_merge_patch_body(J("null")); });
  CHECK(e.code() == 500);
  CHECK(e.reason().empty());
  CHECK(e.message() == "Invalid JSON Patch");
}

// ---- 3. JSON patch ----------------------------------------------------------------------------

TEST_CASE("JSON patch: RFC 6902 appendix A", "[patch]") {
  SECTION("A.1 adding an object member") {
    CHECK(patch::json_patch(J(R"({"foo":"bar"})"), J(R"([{"op":"add","path":"/baz","value":"qux"}])")) ==
          J(R"({"baz":"qux","foo":"bar"})"));
  }
  SECTION("A.2 adding an array element") {
    CHECK(patch::json_patch(J(R"({"foo":["bar","baz"]})"), J(R"([{"op":"add","path":"/foo/1","value":"qux"}])")) ==
          J(R"({"foo":["bar","qux","baz"]})"));
  }
  SECTION("A.3 removing an object member") {
    CHECK(patch::json_patch(J(R"({"baz":"qux","foo":"bar"})"), J(R"([{"op":"remove","path":"/baz"}])")) ==
          J(R"({"foo":"bar"})"));
  }
  SECTION("A.4 removing an array element") {
    CHECK(patch::json_patch(J(R"({"foo":["bar","qux","baz"]})"), J(R"([{"op":"remove","path":"/foo/1"}])")) ==
          J(R"({"foo":["bar","baz"]})"));
  }
  SECTION("A.5 replacing a value") {
    CHECK(patch::json_patch(J(R"({"baz":"qux","foo":"bar"})"),
                            J(R"([{"op":"replace","path":"/baz","value":"boo"}])")) ==
          J(R"({"baz":"boo","foo":"bar"})"));
  }
  SECTION("A.6 moving a value") {
    CHECK(patch::json_patch(J(R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})"),
                            J(R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])")) ==
          J(R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})"));
  }
  SECTION("A.7 moving an array element") {
    CHECK(patch::json_patch(J(R"({"foo":["all","grass","cows","eat"]})"),
                            J(R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])")) ==
          J(R"({"foo":["all","cows","eat","grass"]})"));
  }
  SECTION("A.8 testing a value: success") {
    const Json doc = J(R"({"baz":"qux","foo":["a",2,"c"]})");
    CHECK(patch::json_patch(doc, J(R"([{"op":"test","path":"/baz","value":"qux"},
                                       {"op":"test","path":"/foo/1","value":2}])")) == doc);
  }
  SECTION("A.9 testing a value: error") {
    const Json doc = J(R"({"baz":"qux"})"), ops = J(R"([{"op":"test","path":"/baz","value":"bar"}])");
    CHECK(json_patch_failure(doc, ops) == "testing value /baz failed: test failed");
    const ApiError e = api_error([&] { patch::json_patch(doc, ops); });
    CHECK(e.code() == 422);
    CHECK(e.reason() == "Invalid");
    CHECK(e.message() == kRejected);
  }
  SECTION("A.10 adding a nested member object") {
    CHECK(patch::json_patch(J(R"({"foo":"bar"})"),
                            J(R"([{"op":"add","path":"/child","value":{"grandchild":{}}}])")) ==
          J(R"({"foo":"bar","child":{"grandchild":{}}})"));
  }
  SECTION("A.11 ignoring unrecognized elements") {
    CHECK(patch::json_patch(J(R"({"foo":"bar"})"), J(R"([{"op":"add","path":"/baz","value":"qux","xyz":123}])")) ==
          J(R"({"foo":"bar","baz":"qux"})"));
  }
  SECTION("A.12 adding to a nonexistent target") {
    const Json doc = J(R"({"foo":"bar"})"), ops = J(R"([{"op":"add","path":"/baz/bat","value":"qux"}])");
    CHECK(json_patch_failure(doc, ops) == R"(add operation does not apply: doc is missing path: "/baz/bat": missing value)");
    CHECK(api_error([&] { patch::json_patch(doc, ops); }).code() == 422);
  }
  SECTION("A.14 ~ escape ordering") {
    const Json doc = J(R"({"/":9,"~1":10})");
    CHECK(patch::json_patch(doc, J(R"([{"op":"test","path":"/~01","value":10}])")) == doc);
  }
  SECTION("A.15 comparing strings and numbers") {
    CHECK(json_patch_failure(J(R"({"/":9,"~1":10})"), J(R"([{"op":"test","path":"/~01","value":"10"}])")) ==
          "testing value /~01 failed: test failed");
  }
  SECTION("A.16 adding an array value") {
    CHECK(patch::json_patch(J(R"({"foo":["bar"]})"), J(R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])")) ==
          J(R"({"foo":["bar",["abc","def"]]})"));
  }
}

TEST_CASE("JSON patch: evanphx/json-patch v4 messages", "[patch]") {
  const Json doc = J(R"({"spec":{"replicas":2,"list":[1,2,3]},"a/b":1,"m~n":2})");
  auto fails = [&](const char* ops) { return json_patch_failure(doc, J(ops)); };
  CHECK(fails(R"([{"op":"remove","path":"/spec/nope"}])") ==
        "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value");
  CHECK(fails(R"([{"op":"remove","path":"/nope/x"}])") ==
        R"(remove operation does not apply: doc is missing path: "/nope/x": missing value)");
  CHECK(fails(R"([{"op":"add","path":"/spec/list/5","value":0}])") ==
        "error in add for path: '/spec/list/5': Unable to access invalid index: 5: invalid index referenced");
  CHECK(fails(R"([{"op":"add","path":"/spec/list/x","value":0}])") ==
        "error in add for path: '/spec/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing "
        "\"x\": invalid syntax");
  CHECK(fails(R"([{"op":"remove","path":"/spec/list/-"}])") ==
        "error in remove for path: '/spec/list/-': strconv.Atoi: parsing \"-\": invalid syntax");
  CHECK(fails(R"([{"op":"remove","path":"/spec/list/3"}])") ==
        "error in remove for path: '/spec/list/3': Unable to access invalid index: 3: invalid index referenced");
  CHECK(fails(R"([{"op":"replace","path":"/spec/x/y","value":1}])") ==
        "replace operation does not apply: doc is missing path: /spec/x/y: missing value");
  CHECK(fails(R"([{"op":"replace","path":"/spec/list/7","value":1}])") ==
        "replace operation does not apply: doc is missing key: /spec/list/7: missing value");
  CHECK(fails(R"([{"op":"test","path":"/spec/replicas","value":3}])") ==
        "testing value /spec/replicas failed: test failed");
  CHECK(fails(R"([{"op":"test","path":"/spec/nope/x","value":3}])") ==
        "test operation does not apply: is missing path: /spec/nope/x: missing value");
  CHECK(fails(R"([{"op":"test","path":"/spec/list/9","value":3}])") ==
        "error in test for path: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced");
  CHECK(fails(R"([{"op":"move","from":"/spec/nope","path":"/x"}])") ==
        "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value");
  CHECK(fails(R"([{"op":"move","from":"/spec/replicas","path":"/x/y"}])") ==
        "move operation does not apply: doc is missing destination path: /x/y: missing value");
  CHECK(fails(R"([{"op":"copy","from":"/x/y","path":"/z"}])") ==
        "copy operation does not apply: doc is missing from path: /x/y: missing value");
  CHECK(fails(R"([{"op":"copy","from":"/spec/replicas","path":"/spec/list/9"}])") ==
        "error while adding value during copy: Unable to access invalid index: 9: invalid index referenced");
  CHECK(fails(R"([{"op":"frobnicate","path":"/x"}])") == "Unexpected kind: frobnicate");
  CHECK(fails(R"([{"path":"/x"}])") == "Unexpected kind: unknown");
  CHECK(fails(R"([{"op":"add","value":1}])") == "add operation failed to decode path: missing value");
  CHECK(fails(R"([{"op":"replace","value":1}])") ==
        "replace operation failed to decode path: operation missing path field: missing value");
  CHECK(fails(R"([{"op":"move","path":"/x"}])") ==
        "move operation failed to decode from: operation, missing from field: missing value");
  // Operations apply in order and a failure stops the whole patch.
  CHECK(fails(R"([{"op":"replace","path":"/spec/replicas","value":5},{"op":"test","path":"/spec/replicas","value":2}])") ==
        "testing value /spec/replicas failed: test failed");
}

TEST_CASE("JSON patch: evanphx/json-patch v4 quirks kube inherits", "[patch]") {
  const Json doc = J(R"({"spec":{"replicas":2,"list":[1,2,3]},"a/b":1,"m~n":2})");
  auto apply = [&](const char* ops) { return patch::json_patch(doc, J(ops)); };
  // ~1 and ~0 escapes.
  CHECK_NOTHROW(apply(R"([{"op":"test","path":"/a~1b","value":1},{"op":"test","path":"/m~0n","value":2}])"));
  // "replace" of a missing object key adds it.
  CHECK(apply(R"([{"op":"replace","path":"/spec/paused","value":true}])")["spec"]["paused"] == true);
  // Negative indices count from the end; for "add", -1 appends.
  CHECK(apply(R"([{"op":"remove","path":"/spec/list/-1"}])")["spec"]["list"] == J("[1,2]"));
  CHECK(apply(R"([{"op":"add","path":"/spec/list/-1","value":9}])")["spec"]["list"] == J("[1,2,3,9]"));
  CHECK(apply(R"([{"op":"add","path":"/spec/list/0","value":0}])")["spec"]["list"] == J("[0,1,2,3]"));
  CHECK(apply(R"([{"op":"add","path":"/spec/list/-","value":4}])")["spec"]["list"] == J("[1,2,3,4]"));
  CHECK(apply(R"([{"op":"add","path":"/spec/list/3","value":4}])")["spec"]["list"] == J("[1,2,3,4]"));
  // "copy" of a missing key writes null.
  CHECK(apply(R"([{"op":"copy","from":"/spec/nope","path":"/spec/copied"}])")["spec"]["copied"].is_null());
  // "test" of a missing key against null passes; numbers compare by their JSON text.
  CHECK_NOTHROW(apply(R"([{"op":"test","path":"/spec/nope","value":null}])"));
  CHECK_THROWS_AS(apply(R"([{"op":"test","path":"/spec/replicas","value":2.0}])"), ApiError);
  CHECK_NOTHROW(apply(R"([{"op":"test","path":"/spec","value":{"list":[1,2,3],"replicas":2}}])"));
  CHECK_NOTHROW(apply(R"([{"op":"test","path":"","value":{"spec":{"replicas":2,"list":[1,2,3]},"a/b":1,"m~n":2}}])"));
  // Replacing the whole document takes an object or array; anything else is ignored.
  CHECK(apply(R"([{"op":"replace","path":"","value":{"x":1}}])") == J(R"({"x":1})"));
  CHECK(apply(R"([{"op":"replace","path":"","value":5}])") == doc);
  // A path without its leading slash addresses its last token at the root.
  CHECK(apply(R"([{"op":"add","path":"spec/replicas","value":7}])")["replicas"] == 7);
  // A "test" without a value against a missing key panics the apiserver.
  const ApiError e = api_error([&] { apply(R"([{"op":"test","path":"/spec/nope"}])"); });
  CHECK(e.code() == 500);
  // Moving a value into a different place.
  CHECK(apply(R"([{"op":"move","from":"/spec/replicas","path":"/spec/list/1"}])")["spec"] ==
        J(R"({"list":[1,2,2,3]})"));
}

TEST_CASE("JSON patch: kube-apiserver's answers", "[patch]") {
  const Json deploy = J(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1}})");
  CHECK(patch::json_patch(deploy, J(R"([{"op":"replace","path":"/spec/replicas","value":3}])"))["spec"]["replicas"] ==
        3);
  CHECK(patch::json_patch(deploy, J("null")) == deploy);
  CHECK(patch::json_patch(deploy, J("[]")) == deploy);

  ApiError e = api_error([&] { patch::json_patch(deploy, J(R"({"op":"add"})")); });
  CHECK(e.code() == 400);
  CHECK(e.reason() == "BadRequest");
  CHECK(e.message() ==
        "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp");
  e = api_error([&] { patch::json_patch(deploy, J(R"(["add"])")); });
  CHECK(e.message() == "error decoding patch: json: cannot unmarshal string into Go value of type handlers.jsonPatchOp");
  e = api_error([&] { patch::json_patch(deploy, J(R"([{"op":1,"path":"/x"}])")); });
  CHECK(e.message() ==
        "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string");

  Json many = Json::array();
  for (int i = 0; i < 10001; ++i) many.push_back({{"op", "test"}, {"path", "/spec/replicas"}, {"value", 1}});
  e = api_error([&] { patch::json_patch(deploy, many); });
  CHECK(e.code() == 413);
  CHECK(e.reason() == "RequestEntityTooLarge");
  CHECK(e.message() == "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");

  e = api_error([&] { patch::json_patch(deploy, J(R"([{"op":"remove","path":"/spec/paused"}])")); });
  CHECK(e.code() == 422);
  CHECK(e.message() == kRejected);
  CHECK(e.status()["reason"] == "Invalid");
}

// ---- 4. strategic merge patch: apimachinery's fixtures ------------------------------------------------

TEST_CASE("strategic merge patch: apimachinery's fixtures", "[patch]") {
  const patch::Strategy strategy = merge_item;
  for (const Fixture& f : kFixtures) {
    INFO(f.name);
    auto norm = [&](const Json& v) { return f.raw ? v : sort_merge_lists(v); };
    const Json original = f.original ? J(f.original) : Json::object();
    const Json two_way = J(f.two_way);
    if (f.error) {
      const ApiError e = api_error([&] { patch::strategic_merge(original, two_way, strategy); });
      CHECK(e.message().find(f.error) != std::string::npos);
      continue;
    }
    const Json expected = J(f.two_way_result ? f.two_way_result : f.modified);
    CHECK(norm(patch::strategic_merge(original, two_way, strategy)) == norm(expected));
    if (!f.full) continue;

    const Json modified = J(f.modified), current = J(f.current);
    CHECK(norm(patch::create_two_way_merge_patch(original, modified, strategy)) == norm(two_way));
    const Json three_way = patch::create_three_way_merge_patch(original, modified, current, strategy);
    CHECK(norm(three_way) == norm(J(f.three_way)));
    CHECK(norm(patch::strategic_merge(current, three_way, strategy)) == norm(J(f.result)));
  }
}

// ---- 5. strategic merge patch on built-in kinds ---------------------------------------------------

namespace {

Json web_pod() {
  return J(R"({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web", "tier": "fe"},
                 "finalizers": ["a.example.com/x", "b.example.com/y"]},
    "spec": {
      "containers": [
        {"name": "app", "image": "nginx:1.24", "ports": [{"containerPort": 80, "protocol": "TCP"}],
         "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
        {"name": "sidecar", "image": "busybox", "command": ["sleep", "3600"]}
      ],
      "tolerations": [{"key": "a", "operator": "Exists"}],
      "volumes": [{"name": "data", "emptyDir": {}}]
    }
  })");
}

Json pod_patch(const Json& original, const char* p) {
  return patch::strategic_merge(original, J(p), patch::builtin_strategy("v1", "Pod"));
}

}  // namespace

TEST_CASE("strategic merge patch: containers merge by name", "[patch]") {
  const Json out = pod_patch(web_pod(), R"({"spec":{"containers":[{"name":"app","image":"nginx:1.25"}]}})");
  const Json& cs = out["spec"]["containers"];
  REQUIRE(cs.size() == 2);
  CHECK(cs[0]["name"] == "app");
  CHECK(cs[0]["image"] == "nginx:1.25");
  CHECK(cs[0]["ports"] == J(R"([{"containerPort":80,"protocol":"TCP"}])"));  // untouched fields stay
  CHECK(cs[0]["env"].size() == 2);
  CHECK(cs[1] == web_pod()["spec"]["containers"][1]);
  // Everything else is as it was.
  Json expected = web_pod();
  expected["spec"]["containers"][0]["image"] = "nginx:1.25";
  CHECK(out == expected);
}

TEST_CASE("strategic merge patch: env merges by name inside a container", "[patch]") {
  const Json out = pod_patch(web_pod(), R"({"spec":{"containers":[{"name":"app",
      "env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}})");
  CHECK(out["spec"]["containers"][0]["env"] == J(R"([{"name":"A","value":"1"},{"name":"B","value":"3"},
                                                     {"name":"C","value":"4"}])"));
  // null deletes a field of one element.
  const Json out2 = pod_patch(web_pod(), R"({"spec":{"containers":[{"name":"sidecar","command":null}]}})");
  CHECK_FALSE(out2["spec"]["containers"][1].contains("command"));
}

TEST_CASE("strategic merge patch: $patch directives", "[patch]") {
  SECTION("delete on a list element") {
    const Json out = pod_patch(web_pod(), R"({"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}})");
    REQUIRE(out["spec"]["containers"].size() == 1);
    CHECK(out["spec"]["containers"][0]["name"] == "app");
  }
  SECTION("replace on a map") {
    const Json out = pod_patch(web_pod(), R"({"metadata":{"labels":{"$patch":"replace","role":"db"}}})");
    CHECK(out["metadata"]["labels"] == J(R"({"role":"db"})"));
  }
  SECTION("delete on a map leaves it empty") {
    const Json out = pod_patch(web_pod(), R"({"metadata":{"labels":{"$patch":"delete"}}})");
    CHECK(out["metadata"]["labels"] == Json::object());
  }
  SECTION("replace in a list makes the patch's items the whole list") {
    const Json out = pod_patch(web_pod(), R"({"spec":{"containers":[{"$patch":"replace"},
        {"name":"only","image":"redis"}]}})");
    CHECK(out["spec"]["containers"] == J(R"([{"name":"only","image":"redis"}])"));
  }
  SECTION("unknown directives") {
    ApiError e = api_error([] { pod_patch(web_pod(), R"({"metadata":{"labels":{"$patch":"bogus"}}})"); });
    CHECK(e.code() == 500);
    CHECK(e.reason().empty());
    CHECK(e.message() == "unknown patch type: bogus in map: map[$patch:bogus]");
    e = api_error([] { pod_patch(web_pod(), R"({"spec":{"containers":[{"name":"app","$patch":"merge"}]}})"); });
    CHECK(e.message() == "merging lists cannot yet be specified in the patch");
  }
}

TEST_CASE("strategic merge patch: $patch: delete removes every item with that key", "[patch]") {
  // kubernetes#58477: with duplicated merge keys, one delete directive removes them all
  // (the PRs that would remove one per directive, #92437 and #125932, are not merged).
  Json pod = web_pod();
  pod["spec"]["containers"][0]["env"] = J(R"([{"name":"A","value":"1"},{"name":"B"},{"name":"A","value":"2"}])");
  const Json out = pod_patch(pod, R"({"spec":{"containers":[{"name":"app","env":[{"name":"A","$patch":"delete"}]}]}})");
  CHECK(out["spec"]["containers"][0]["env"] == J(R"([{"name":"B"}])"));
  // So what kubectl sends to drop one of two duplicates drops both.
  const Json before = J(R"({"spec":{"containers":[{"name":"app"},{"name":"app"}]}})");
  const Json after = J(R"({"spec":{"containers":[{"name":"app"}]}})");
  const patch::Strategy s = patch::builtin_strategy("v1", "Pod");
  const Json p = patch::create_two_way_merge_patch(before, after, s);
  CHECK(p == J(R"({"spec":{"$setElementOrder/containers":[{"name":"app"}],
                           "containers":[{"$patch":"delete","name":"app"}]}})"));
  CHECK(patch::strategic_merge(before, p, s) == J(R"({"spec":{"containers":[]}})"));
}

TEST_CASE("strategic merge patch: lists without a merge key are replaced", "[patch]") {
  const Json out = pod_patch(web_pod(), R"({"spec":{"tolerations":[{"key":"b","operator":"Exists"}],
      "containers":[{"name":"sidecar","command":["true"]}]}})");
  CHECK(out["spec"]["tolerations"] == J(R"([{"key":"b","operator":"Exists"}])"));
  CHECK(out["spec"]["containers"][1]["command"] == J(R"(["true"])"));
}

TEST_CASE("strategic merge patch: null deletes a key", "[patch]") {
  const Json out = pod_patch(web_pod(), R"({"metadata":{"labels":{"tier":null,"missing":null}}})");
  CHECK(out["metadata"]["labels"] == J(R"({"app":"web"})"));
  const Json out2 = pod_patch(web_pod(), R"({"spec":{"tolerations":null}})");
  CHECK_FALSE(out2["spec"].contains("tolerations"));
}

TEST_CASE("strategic merge patch: finalizers merge as a set", "[patch]") {
  const Json out = pod_patch(web_pod(), R"({"metadata":{"finalizers":["b.example.com/y","c.example.com/z"]}})");
  CHECK(out["metadata"]["finalizers"] == J(R"(["a.example.com/x","b.example.com/y","c.example.com/z"])"));
  const Json out2 = pod_patch(web_pod(), R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a.example.com/x"]}})");
  CHECK(out2["metadata"]["finalizers"] == J(R"(["b.example.com/y"])"));
  // Deleting from a list the object does not have is a no-op.
  const Json out3 = pod_patch(J(R"({"metadata":{"name":"x"}})"), R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}})");
  CHECK(out3 == J(R"({"metadata":{"name":"x"}})"));
  // A value new to the list, without $setElementOrder, goes first (mergeSortedSlice).
  const Json out4 = pod_patch(web_pod(), R"({"metadata":{"finalizers":["c.example.com/z"]}})");
  CHECK(out4["metadata"]["finalizers"] == J(R"(["c.example.com/z","a.example.com/x","b.example.com/y"])"));
}

TEST_CASE("strategic merge patch: list order", "[patch]") {
  SECTION("a new container without $setElementOrder lands first, as in kube") {
    const Json out = pod_patch(web_pod(), R"({"spec":{"containers":[{"name":"debug","image":"busybox"}]}})");
    CHECK(out["spec"]["containers"][0]["name"] == "debug");
    CHECK(out["spec"]["containers"][1]["name"] == "app");
    CHECK(out["spec"]["containers"][2]["name"] == "sidecar");
  }
  SECTION("a new item follows the patch item before it") {
    const Json out = pod_patch(web_pod(), R"({"spec":{"containers":[{"name":"app","image":"x"},
        {"name":"debug","image":"busybox"}]}})");
    CHECK(out["spec"]["containers"][0]["name"] == "app");
    CHECK(out["spec"]["containers"][1]["name"] == "debug");
    CHECK(out["spec"]["containers"][2]["name"] == "sidecar");
  }
  SECTION("$setElementOrder places new items and reorders") {
    const Json out = pod_patch(web_pod(), R"({"spec":{
        "$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"},{"name":"debug"}],
        "containers":[{"name":"debug","image":"busybox"}]}})");
    CHECK(out["spec"]["containers"][2]["name"] == "debug");
    const Json out2 = pod_patch(web_pod(), R"({"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}]}})");
    CHECK(out2["spec"]["containers"][0]["name"] == "sidecar");
    CHECK(out2["spec"]["containers"][1] == web_pod()["spec"]["containers"][0]);
  }
  SECTION("$setElementOrder must agree with the patch list") {
    const ApiError e = api_error([] {
      pod_patch(web_pod(), R"({"spec":{"$setElementOrder/containers":[{"name":"app"}],
          "containers":[{"name":"sidecar","image":"x"}]}})");
    });
    CHECK(e.code() == 500);
    CHECK(e.message() ==
          "the order in patch list:\n[map[image:x name:sidecar]]\n doesn't match $setElementOrder list:\n[map[name:app]]");
  }
  SECTION("a malformed directive key is a bad request") {
    const ApiError e = api_error([] { pod_patch(web_pod(), R"({"spec":{"$setElementOrder":[]}})"); });
    CHECK(e.code() == 400);
    CHECK(e.message() == "invalid patch format of setElementOrder list");
  }
}

TEST_CASE("strategic merge patch: $retainKeys", "[patch]") {
  const Json deploy = J(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
      "spec":{"replicas":2,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}})");
  const patch::Strategy s = patch::builtin_strategy("apps/v1", "Deployment");
  const Json out = patch::strategic_merge(deploy, J(R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})"), s);
  CHECK(out["spec"]["strategy"] == J(R"({"type":"Recreate"})"));
  CHECK(out["spec"]["replicas"] == 2);
  // Without the directive, the map just merges.
  const Json merged = patch::strategic_merge(deploy, J(R"({"spec":{"strategy":{"type":"Recreate"}}})"), s);
  CHECK(merged["spec"]["strategy"]["rollingUpdate"]["maxSurge"] == 1);
  // Every field the patch sets must be retained.
  const ApiError e = api_error([&] {
    patch::strategic_merge(deploy, J(R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate",
        "rollingUpdate":{"maxSurge":2}}}})"), s);
  });
  CHECK(e.code() == 400);
  CHECK(e.reason() == "BadRequest");
  CHECK(e.message() == "invalid patch format of retainKeys");
}

TEST_CASE("strategic merge patch: what does not survive into the object", "[patch]") {
  // Nulls and directives inside values copied in from the patch are dropped.
  const Json out = pod_patch(web_pod(), R"({"metadata":{"annotations":{"a":"1","b":null}},
      "spec":{"containers":[{"name":"debug","image":"busybox","command":null,
                             "$setElementOrder/ports":[{"containerPort":1}]}]}})");
  CHECK(out["metadata"]["annotations"] == J(R"({"a":"1"})"));
  CHECK(out["spec"]["containers"][0] == J(R"({"name":"debug","image":"busybox"})"));
  // A map carrying $patch that lands where the object had nothing is dropped whole.
  const Json out2 = pod_patch(web_pod(), R"({"spec":{"securityContext":{"$patch":"replace","runAsUser":1}}})");
  CHECK_FALSE(out2["spec"].contains("securityContext"));
  // Replaced lists and maps are cleaned the same way.
  const Json out3 = pod_patch(web_pod(), R"({"metadata":{"labels":{"$patch":"replace","a":"1","b":null}},
      "spec":{"tolerations":[{"key":"x","value":null}]}})");
  CHECK(out3["metadata"]["labels"] == J(R"({"a":"1"})"));
  CHECK(out3["spec"]["tolerations"] == J(R"([{"key":"x"}])"));
  // What the object already had is left alone, so an empty patch changes nothing.
  Json stored = web_pod();
  stored["metadata"]["creationTimestamp"] = nullptr;
  CHECK(pod_patch(stored, "{}") == stored);
}

TEST_CASE("strategic merge patch: errors as kube-apiserver reports them", "[patch]") {
  ApiError e = api_error([] { pod_patch(web_pod(), R"({"spec":{"containers":[{"image":"x"}]}})"); });
  CHECK(e.code() == 500);
  CHECK(e.reason().empty());
  CHECK(e.message() == "map: map[image:x] does not contain declared merge key: name");
  CHECK(e.status() == J(R"({"apiVersion":"v1","kind":"Status","metadata":{},"status":"Failure",
      "message":"map: map[image:x] does not contain declared merge key: name","code":500})"));
  // Go's %v of numbers in those messages.
  e = api_error([] { pod_patch(web_pod(), R"({"spec":{"containers":[{"cpu":0.5,"big":1e6,"n":8080}]}})"); });
  CHECK(e.message() == "map: map[big:1e+06 cpu:0.5 n:8080] does not contain declared merge key: name");
  // Mixed element types.
  e = api_error([] { pod_patch(web_pod(), R"({"spec":{"containers":["app"]}})"); });
  CHECK(e.code() == 500);
  CHECK(e.message().rfind("list element types are not identical: [[map[", 0) == 0);
  // Lists of lists: 422 with the fixed text.
  e = api_error([] { pod_patch(J(R"({"spec":{"containers":[]}})"), R"({"spec":{"containers":[["a"]]}})"); });
  CHECK(e.code() == 422);
  CHECK(e.reason() == "Invalid");
  CHECK(e.message() == kRejected);
  // The body must be an object; null is a no-op.
  e = api_error([] { pod_patch(web_pod(), R"(["x"])"); });
  CHECK(e.code() == 400);
  CHECK(e.message() == "json: cannot unmarshal array into Go value of type map[string]interface {}");
  CHECK(pod_patch(web_pod(), "null") == web_pod());
}

TEST_CASE("strategic merge patch: pod templates in workloads", "[patch]") {
  SECTION("Deployment") {
    const Json deploy = J(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
        "spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
          {"name":"app","image":"nginx:1.24","volumeMounts":[{"name":"data","mountPath":"/data"}]}]}}}})");
    const Json out = patch::strategic_merge(deploy, J(R"({"spec":{"template":{"spec":{"containers":[
        {"name":"app","volumeMounts":[{"name":"cache","mountPath":"/cache"}]}]}}}})"),
                                            patch::builtin_strategy("apps/v1", "Deployment"));
    CHECK(out["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.24");
    CHECK(out["spec"]["template"]["spec"]["containers"][0]["volumeMounts"].size() == 2);
  }
  SECTION("CronJob") {
    const Json cj = J(R"({"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly"},
        "spec":{"schedule":"0 0 * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"Never",
          "containers":[{"name":"job","image":"busybox:1.35","args":["date"]}]}}}}}})");
    const Json out = patch::strategic_merge(cj, J(R"({"spec":{"jobTemplate":{"spec":{"template":{"spec":{
        "containers":[{"name":"job","image":"busybox:1.36"}]}}}}}})"),
                                            patch::builtin_strategy("batch/v1", "CronJob"));
    const Json& c = out["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0];
    CHECK(c == J(R"({"name":"job","image":"busybox:1.36","args":["date"]})"));
  }
  SECTION("a kind without metadata for the path replaces the list") {
    const Json cm = J(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},
        "spec":{"containers":[{"name":"a","image":"x"}]}})");
    const Json out = patch::strategic_merge(cm, J(R"({"spec":{"containers":[{"name":"a","tag":"y"}]}})"),
                                            patch::builtin_strategy("v1", "ConfigMap"));
    CHECK(out["spec"]["containers"] == J(R"([{"name":"a","tag":"y"}])"));
  }
}

TEST_CASE("strategic merge patch: status lists", "[patch]") {
  const Json node = J(R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"},
      "spec":{"taints":[{"key":"a","effect":"NoSchedule"}]},
      "status":{"conditions":[{"type":"Ready","status":"False"},{"type":"MemoryPressure","status":"False"}],
                "addresses":[{"type":"InternalIP","address":"10.0.0.1"}]}})");
  const patch::Strategy s = patch::builtin_strategy("v1", "Node");
  const Json out = patch::strategic_merge(node, J(R"({"status":{"conditions":[{"type":"Ready","status":"True"}]},
      "spec":{"taints":[{"key":"b","effect":"NoExecute"}]}})"), s);
  CHECK(out["status"]["conditions"] == J(R"([{"type":"Ready","status":"True"},{"type":"MemoryPressure","status":"False"}])"));
  CHECK(out["spec"]["taints"] == J(R"([{"key":"b","effect":"NoExecute"}])"));  // taints have no merge key
}

// ---- 6. kubectl's patches: set image, apply ---------------------------------------------------------

namespace {

const char* const kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

Json web_deployment() {
  return J(R"({
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "web", "labels": {"app": "web", "tier": "fe"}},
    "spec": {
      "replicas": 2,
      "selector": {"matchLabels": {"app": "web"}},
      "template": {
        "metadata": {"labels": {"app": "web"}},
        "spec": {"containers": [
          {"name": "app", "image": "nginx:1.24",
           "ports": [{"containerPort": 80}, {"containerPort": 443}]},
          {"name": "sidecar", "image": "busybox"}
        ]}
      }
    }
  })");
}

// What kubectl sends `modified` as: the configuration with its own last-applied
// annotation.
Json with_last_applied(Json config) {
  const std::string text = config.dump();
  config["metadata"]["annotations"][kLastApplied] = text;
  return config;
}

// The live object: the last configuration applied, plus what the server added.
Json live_from(const Json& applied) {
  Json live = with_last_applied(applied);
  live["metadata"]["uid"] = "4b1d-uid";
  live["metadata"]["resourceVersion"] = "42";
  live["spec"]["template"]["spec"]["restartPolicy"] = "Always";
  for (Json& c : live["spec"]["template"]["spec"]["containers"]) {
    c["imagePullPolicy"] = "IfNotPresent";
    c["terminationMessagePath"] = "/dev/termination-log";
    if (c.contains("ports"))
      for (Json& p : c["ports"]) p["protocol"] = "TCP";
  }
  live["status"] = J(R"({"replicas":2,"conditions":[{"type":"Available","status":"True"}]})");
  return live;
}

const patch::Strategy& deployment_strategy() {
  static const patch::Strategy s = patch::builtin_strategy("apps/v1", "Deployment");
  return s;
}

}  // namespace

TEST_CASE("kubectl set image: the two-way patch and its application", "[patch]") {
  const Json before = web_deployment();
  Json after = before;
  after["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.25";
  const Json p = patch::create_two_way_merge_patch(before, after, deployment_strategy());
  CHECK(p == J(R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],
      "containers":[{"image":"nginx:1.25","name":"app"}]}}}})"));
  // Applied to the live object (which has server-side fields), only the image changes.
  const Json live = live_from(before);
  Json expected = live;
  expected["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.25";
  CHECK(patch::strategic_merge(live, p, deployment_strategy()) == expected);
  // Nothing changed, nothing to send.
  CHECK(patch::create_two_way_merge_patch(before, before, deployment_strategy()) == Json::object());
}

TEST_CASE("two-way patch: removals", "[patch]") {
  Json before = web_deployment();
  before["metadata"]["finalizers"] = J(R"(["a","b"])");
  Json after = before;
  after["metadata"]["finalizers"] = J(R"(["a"])");
  after["metadata"]["labels"].erase("tier");
  after["spec"]["template"]["spec"]["containers"].erase(1);
  const Json p = patch::create_two_way_merge_patch(before, after, deployment_strategy());
  CHECK(p == J(R"({
      "metadata":{"$deleteFromPrimitiveList/finalizers":["b"],"$setElementOrder/finalizers":["a"],
                  "labels":{"tier":null}},
      "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],
                                  "containers":[{"$patch":"delete","name":"sidecar"}]}}}})"));
  CHECK(patch::strategic_merge(before, p, deployment_strategy()) == after);
}

TEST_CASE("two-way patch: an unsorted primitive merge list always carries its order", "[patch]") {
  // diffListsOfScalars sorts the original list in place, and the "changed?" test then
  // compares that sorted copy with the new list.
  const Json pod = J(R"({"metadata":{"finalizers":["b","a"]}})");
  CHECK(patch::create_two_way_merge_patch(pod, pod, patch::builtin_strategy("v1", "Pod")) ==
        J(R"({"metadata":{"$setElementOrder/finalizers":["b","a"]}})"));
}

TEST_CASE("two-way patch: $retainKeys for volumes", "[patch]") {
  const Json before = J(R"({"spec":{"volumes":[{"name":"data","emptyDir":{}}]}})");
  const Json after = J(R"({"spec":{"volumes":[{"name":"data","hostPath":{"path":"/srv"}}]}})");
  const patch::Strategy s = patch::builtin_strategy("v1", "Pod");
  const Json p = patch::create_two_way_merge_patch(before, after, s);
  CHECK(p == J(R"({"spec":{"$setElementOrder/volumes":[{"name":"data"}],
      "volumes":[{"$retainKeys":["hostPath","name"],"emptyDir":null,"hostPath":{"path":"/srv"},"name":"data"}]}})"));
  // The live volume also carries a field the server added; $retainKeys clears it.
  const Json live = J(R"({"spec":{"volumes":[{"name":"data","emptyDir":{},"extra":true}]}})");
  CHECK(patch::strategic_merge(live, p, s) == after);
}

TEST_CASE("kubectl apply: a label removed from the configuration", "[patch]") {
  const Json applied = web_deployment();
  Json config = applied;
  config["metadata"]["labels"].erase("tier");
  const Json live = live_from(applied);
  const Json p = patch::create_three_way_merge_patch(applied, with_last_applied(config), live, deployment_strategy());
  CHECK(p == Json{{"metadata", {{"annotations", {{kLastApplied, config.dump()}}}, {"labels", {{"tier", nullptr}}}}}});
  const Json out = patch::strategic_merge(live, p, deployment_strategy());
  CHECK(out["metadata"]["labels"] == J(R"({"app":"web"})"));
  CHECK(out["metadata"]["uid"] == "4b1d-uid");  // the server's fields stay
  CHECK(out["status"] == live["status"]);
}

TEST_CASE("kubectl apply: a container port removed from the configuration", "[patch]") {
  const Json applied = web_deployment();
  Json config = applied;
  config["spec"]["template"]["spec"]["containers"][0]["ports"].erase(1);
  const Json live = live_from(applied);
  const Json p = patch::create_three_way_merge_patch(applied, with_last_applied(config), live, deployment_strategy());
  Json expected = J(R"({"spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],
      "containers":[{"$setElementOrder/ports":[{"containerPort":80}],"name":"app",
                     "ports":[{"$patch":"delete","containerPort":443}]}]}}}})");
  expected["metadata"]["annotations"][kLastApplied] = config.dump();
  CHECK(p == expected);
  const Json out = patch::strategic_merge(live, p, deployment_strategy());
  CHECK(out["spec"]["template"]["spec"]["containers"][0]["ports"] == J(R"([{"containerPort":80,"protocol":"TCP"}])"));
  CHECK(out["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] == "IfNotPresent");
}

TEST_CASE("kubectl apply: a container added, the image changed", "[patch]") {
  const Json applied = web_deployment();
  Json config = applied;
  auto& containers = config["spec"]["template"]["spec"]["containers"];
  containers[0]["image"] = "nginx:1.25";
  containers.push_back(J(R"({"name":"log","image":"fluent-bit"})"));
  const Json live = live_from(applied);
  const Json p = patch::create_three_way_merge_patch(applied, with_last_applied(config), live, deployment_strategy());
  const Json& spec = p["spec"]["template"]["spec"];
  CHECK(spec["$setElementOrder/containers"] == J(R"([{"name":"app"},{"name":"sidecar"},{"name":"log"}])"));
  CHECK(spec["containers"] == J(R"([{"image":"nginx:1.25","name":"app"},{"image":"fluent-bit","name":"log"}])"));
  const Json out = patch::strategic_merge(live, p, deployment_strategy());
  const Json& cs = out["spec"]["template"]["spec"]["containers"];
  REQUIRE(cs.size() == 3);
  CHECK(cs[0]["image"] == "nginx:1.25");
  CHECK(cs[0]["terminationMessagePath"] == "/dev/termination-log");
  CHECK(cs[1]["name"] == "sidecar");
  CHECK(cs[2] == J(R"({"name":"log","image":"fluent-bit"})"));
}

TEST_CASE("kubectl apply: unchanged configuration gives an empty patch", "[patch]") {
  const Json applied = web_deployment();
  const Json live = live_from(applied);
  CHECK(patch::create_three_way_merge_patch(applied, with_last_applied(applied), live, deployment_strategy()) ==
        Json::object());
}

TEST_CASE("kubectl apply: a field changed on the server is set back; one only the server has stays", "[patch]") {
  const Json applied = web_deployment();
  Json live = live_from(applied);
  live["spec"]["replicas"] = 5;              // e.g. kubectl scale
  live["spec"]["minReadySeconds"] = 10;      // never in the configuration
  const Json p = patch::create_three_way_merge_patch(applied, with_last_applied(applied), live, deployment_strategy());
  CHECK(p == J(R"({"spec":{"replicas":2}})"));
}

TEST_CASE("kubectl apply: switching the deployment strategy uses $retainKeys", "[patch]") {
  Json applied = web_deployment();
  applied["spec"]["strategy"] = J(R"({"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}})");
  Json config = applied;
  config["spec"]["strategy"] = J(R"({"type":"Recreate"})");
  Json live = live_from(applied);
  live["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] = "25%";
  const Json p = patch::create_three_way_merge_patch(applied, with_last_applied(config), live, deployment_strategy());
  CHECK(p["spec"] == J(R"({"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}})"));
  CHECK(patch::strategic_merge(live, p, deployment_strategy())["spec"]["strategy"] == J(R"({"type":"Recreate"})"));
}

TEST_CASE("client-side patches report Go's error text", "[patch]") {
  const Json a = J(R"({"spec":{"containers":[{"name":"app"}]}})");
  const Json b = J(R"({"spec":{"containers":[{"image":"x"}]}})");
  const ApiError e = api_error([&] { patch::create_two_way_merge_patch(a, b, patch::builtin_strategy("v1", "Pod")); });
  CHECK(e.message() == "map: map[image:x] does not contain declared merge key: name");
  CHECK(api_error([] { patch::create_three_way_merge_patch(J("[]"), J("{}"), J("{}"), {}); }).message() ==
        "invalid JSON document");
}

// ---- 7. builtin_strategy ----------------------------------------------------------------------------

TEST_CASE("builtin_strategy: patch metadata of the built-in kinds", "[patch]") {
  auto key = [](const patch::Strategy& s, const char* path) -> std::string {
    const auto m = s(path);
    if (!m) return "-";
    std::string out = m->merge_key;
    if (m->primitive_merge) out += "(set)";
    if (m->retain_keys) out += "(retainKeys)";
    return out;
  };
  const patch::Strategy pod = patch::builtin_strategy("v1", "Pod");
  CHECK(key(pod, "spec.containers") == "name");
  CHECK(key(pod, "spec.initContainers") == "name");
  CHECK(key(pod, "spec.ephemeralContainers.env") == "name");
  CHECK(key(pod, "spec.containers.ports") == "containerPort");
  CHECK(key(pod, "spec.containers.volumeMounts") == "mountPath");
  CHECK(key(pod, "spec.initContainers.volumeDevices") == "devicePath");
  CHECK(key(pod, "spec.containers.resizePolicy") == "-");
  CHECK(key(pod, "spec.containers.envFrom") == "-");
  CHECK(key(pod, "spec.volumes") == "name(retainKeys)");
  CHECK(key(pod, "spec.imagePullSecrets") == "name");
  CHECK(key(pod, "spec.hostAliases") == "ip");
  CHECK(key(pod, "spec.topologySpreadConstraints") == "topologyKey");
  CHECK(key(pod, "spec.tolerations") == "-");
  CHECK(key(pod, "metadata.finalizers") == "(set)");
  CHECK(key(pod, "metadata.ownerReferences") == "uid");
  CHECK(key(pod, "status.conditions") == "type");
  CHECK(key(pod, "status.podIPs") == "ip");
  CHECK(key(pod, "status.containerStatuses") == "-");

  const patch::Strategy deploy = patch::builtin_strategy("apps/v1", "Deployment");
  CHECK(key(deploy, "spec.template.spec.containers") == "name");
  CHECK(key(deploy, "spec.template.spec.containers.env") == "name");
  CHECK(key(deploy, "spec.template.metadata.finalizers") == "(set)");
  CHECK(key(deploy, "spec.strategy") == "(retainKeys)");
  CHECK(key(deploy, "status.conditions") == "type");
  CHECK(key(deploy, "spec.containers") == "-");

  for (const char* kind : {"ReplicaSet", "DaemonSet", "StatefulSet"})
    CHECK(key(patch::builtin_strategy("apps/v1", kind), "spec.template.spec.volumes") == "name(retainKeys)");
  CHECK(key(patch::builtin_strategy("apps/v1", "StatefulSet"), "spec.volumeClaimTemplates.status.conditions") ==
        "type");
  CHECK(key(patch::builtin_strategy("batch/v1", "Job"), "spec.template.spec.containers.ports") == "containerPort");
  const patch::Strategy cronjob = patch::builtin_strategy("batch/v1", "CronJob");
  CHECK(key(cronjob, "spec.jobTemplate.spec.template.spec.containers") == "name");
  CHECK(key(cronjob, "spec.jobTemplate.spec.template.spec.initContainers.env") == "name");
  CHECK(key(patch::builtin_strategy("v1", "ReplicationController"), "spec.template.spec.containers") == "name");
  CHECK(key(patch::builtin_strategy("v1", "PodTemplate"), "template.spec.containers") == "name");

  const patch::Strategy node = patch::builtin_strategy("v1", "Node");
  CHECK(key(node, "spec.taints") == "-");
  CHECK(key(node, "spec.podCIDRs") == "(set)");
  CHECK(key(node, "status.addresses") == "type");
  CHECK(key(node, "status.conditions") == "type");
  CHECK(key(patch::builtin_strategy("v1", "Service"), "spec.ports") == "port");
  CHECK(key(patch::builtin_strategy("v1", "ServiceAccount"), "secrets") == "name");
  CHECK(key(patch::builtin_strategy("v1", "ServiceAccount"), "imagePullSecrets") == "-");
  CHECK(key(patch::builtin_strategy("autoscaling/v2", "HorizontalPodAutoscaler"), "status.conditions") == "type");
  CHECK(key(patch::builtin_strategy("policy/v1", "PodDisruptionBudget"), "status.conditions") == "type");

  // Other kinds have ObjectMeta's entries only; a kind is looked up in its group.
  const patch::Strategy cm = patch::builtin_strategy("v1", "ConfigMap");
  CHECK(key(cm, "metadata.finalizers") == "(set)");
  CHECK(key(cm, "data") == "-");
  CHECK(key(patch::builtin_strategy("v1", "Deployment"), "spec.template.spec.containers") == "-");
  CHECK(key(patch::builtin_strategy("networking.k8s.io/v1", "Ingress"), "spec.rules") == "-");
}
