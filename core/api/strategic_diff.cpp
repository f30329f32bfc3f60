// Strategic merge patch, the client half: the patches kubectl computes
// (CreateTwoWayMergePatch for `set image` / `edit`, CreateThreeWayMergePatch for
// client-side `apply`), following apimachinery's pkg/util/strategicpatch (v1.32).
//
// Sections:
//   1. diff (diffMaps and friends)
//   2. entry points
#include <algorithm>
#include <vector>

#include "core/api/strategic_merge_internal.h"

namespace kt::api::patch::smp {
namespace {

// ---- 1. diff ---------------------------------------------------------------------------------------------

struct DiffOptions {
  bool set_element_order = false;  // emit $setElementOrder lists
  bool ignore_changes_and_additions = false;
  bool ignore_deletions = false;
  bool build_retain_keys = false;  // emit $retainKeys at this level
};

Json diff_maps(const Json& original, const Json& modified, const std::string& path, const Ctx& ctx,
               DiffOptions opts);

void replace_patch_field_if_not_equal(const std::string& key, const Json& original, const Json& modified, Json& patch,
                                      const DiffOptions& opts) {
  if (opts.ignore_changes_and_additions) return;
  if (go_equal(original, modified)) return;
  patch[key] = modified;
}

// sortMergeListsByNameArray (non-recursive): maps by the %v of their merge key.
Json sort_merge_list_by_name(const Json& s, const std::string& merge_key) {
  if (s.empty()) return s;
  if (slice_element_type({&s}) != GoType::Map) return sort_scalars(deduplicate_scalars(s));
  std::vector<Json> v(s.begin(), s.end());
  auto key_text = [&](const Json& m) {
    auto it = m.find(merge_key);
    return it == m.end() ? std::string("<nil>") : go_v(*it);
  };
  std::stable_sort(v.begin(), v.end(), [&](const Json& a, const Json& b) { return key_text(a) < key_text(b); });
  return Json(v);
}

// getMapAndMergeKeyValueByIndex.
const Json& merge_key_value(const Json& m, const std::string& merge_key) {
  if (!m.is_object()) fail(err_bad_arg_type(GoType::Map, m));
  auto it = m.find(merge_key);
  if (it == m.end()) fail(err_no_merge_key(m, merge_key));
  return *it;
}

// diffListsOfMaps: both lists sorted by merge key text and walked together.
std::pair<Json, Json> diff_lists_of_maps(const Json& original, const Json& modified, const std::string& path,
                                         const std::string& merge_key, const Ctx& ctx, const DiffOptions& opts) {
  Json patch = Json::array(), deletions = Json::array();
  const Json o = sort_merge_list_by_name(original, merge_key);
  const Json m = sort_merge_list_by_name(modified, merge_key);
  std::size_t oi = 0, mi = 0;
  while (oi < o.size() || mi < m.size()) {
    const bool o_in = oi < o.size(), m_in = mi < m.size();
    std::string o_key, m_key;
    if (o_in) o_key = go_v(merge_key_value(o[oi], merge_key));
    if (m_in) m_key = go_v(merge_key_value(m[mi], merge_key));
    if (o_in && m_in && o_key == m_key) {
      Json d = diff_maps(o[oi], m[mi], path, ctx, opts);
      if (!d.empty()) {
        d[merge_key] = m[mi][merge_key];
        patch.push_back(std::move(d));
      }
      ++oi;
      ++mi;
    } else if (!o_in || (m_in && o_key > m_key)) {
      if (!opts.ignore_changes_and_additions) patch.push_back(m[mi]);
      ++mi;
    } else {
      if (!opts.ignore_deletions) {
        Json directive = Json::object();  // CreateDeleteDirective
        directive[merge_key] = o[oi][merge_key];
        directive[kDirectiveMarker] = kDeleteDirective;
        deletions.push_back(std::move(directive));
      }
      ++oi;
    }
  }
  return {patch, deletions};
}

// diffListsOfScalars: (added, deleted) by a walk over both lists sorted by %v text.
std::pair<Json, Json> diff_lists_of_scalars(const Json& original_sorted, const Json& modified,
                                            const DiffOptions& opts) {
  const Json m = sort_scalars(modified);
  const Json& o = original_sorted;
  Json added = Json::array(), deleted = Json::array();
  std::size_t oi = 0, mi = 0;
  while (oi < o.size() || mi < m.size()) {
    const bool o_in = oi < o.size(), m_in = mi < m.size();
    const std::string os = o_in ? go_v(o[oi]) : "", ms = m_in ? go_v(m[mi]) : "";
    if (o_in && m_in && os == ms) {
      ++oi;
      ++mi;
    } else if (!o_in || (m_in && os > ms)) {
      if (!opts.ignore_changes_and_additions) added.push_back(m[mi]);
      ++mi;
    } else {
      if (!opts.ignore_deletions) deleted.push_back(o[oi]);
      ++oi;
    }
  }
  return {added, deduplicate_scalars(deleted)};
}

bool is_order_same(const Json& original, const Json& modified, const std::string& merge_key) {
  if (original.size() != modified.size()) return false;
  for (std::size_t i = 0; i < modified.size(); ++i)
    if (!merge_key_value_equal(original[i], modified[i], merge_key)) return false;
  return true;
}

struct ListDiff {
  Json patch = Json::array();      // the list's value in the patch
  Json deletions = Json::array();  // $deleteFromPrimitiveList/<list>
  Json order = Json::array();      // $setElementOrder/<list>
};

// diffLists, for a list with patch strategy merge.
ListDiff diff_lists(const Json& original, const Json& modified, const std::string& path, const std::string& merge_key,
                    const Ctx& ctx, const DiffOptions& opts) {
  ListDiff r;
  if (original.empty()) {
    if (!modified.empty() && !opts.ignore_changes_and_additions) r.patch = modified;
    return r;
  }
  const GoType kind = slice_element_type({&original, &modified});
  if (kind == GoType::Map) {
    auto [patch, deletions] = diff_lists_of_maps(original, modified, path, merge_key, ctx, opts);
    r.patch = normalize_slice_order(patch, modified, merge_key, kind);
    const bool order_same = is_order_same(original, modified, merge_key);
    for (auto& d : deletions) r.patch.push_back(std::move(d));
    if (opts.set_element_order &&
        ((!opts.ignore_changes_and_additions && (!r.patch.empty() || !order_same)) ||
         (!opts.ignore_deletions && !r.patch.empty()))) {
      for (const Json& v : modified) {
        Json item = Json::object();
        auto mk = v.find(merge_key);
        item[merge_key] = mk == v.end() ? Json(nullptr) : *mk;
        r.order.push_back(std::move(item));
      }
    }
    return r;
  }
  // Go sorts `original` in place here, so the "did it change" test below compares the
  // sorted original with the modified list: an unsorted but unchanged list still
  // gets a $setElementOrder.
  const Json original_sorted = sort_scalars(original);
  auto [added, deleted] = diff_lists_of_scalars(original_sorted, modified, opts);
  r.patch = normalize_slice_order(added, modified, merge_key, kind);
  r.deletions = deleted;
  if (opts.set_element_order && ((!opts.ignore_deletions && !deleted.empty()) ||
                                 (!opts.ignore_changes_and_additions && !go_equal(original_sorted, modified))))
    r.order = modified;
  return r;
}

void handle_map_diff(const std::string& key, const Json& original, const Json& modified, Json& patch,
                     const std::string& path, const Ctx& ctx, DiffOptions opts) {
  const std::string field_path = child_path(path, key);
  const auto meta = ctx.lookup(field_path);
  opts.build_retain_keys = meta && meta->retain_keys;
  Json d = diff_maps(original, modified, field_path, ctx, opts);
  if (!d.empty()) patch[key] = std::move(d);
}

void handle_slice_diff(const std::string& key, const Json& original, const Json& modified, Json& patch,
                       const std::string& path, const Ctx& ctx, DiffOptions opts) {
  const std::string field_path = child_path(path, key);
  const auto meta = ctx.lookup(field_path);
  if (!is_merge_list(meta)) {
    replace_patch_field_if_not_equal(key, original, modified, patch, opts);
    return;
  }
  opts.build_retain_keys = meta->retain_keys;
  ListDiff d = diff_lists(original, modified, field_path, meta->merge_key, ctx, opts);
  if (!d.patch.empty()) patch[key] = std::move(d.patch);
  if (!d.deletions.empty()) patch[kDeleteFromPrimitiveListPrefix + "/" + key] = std::move(d.deletions);
  if (!d.order.empty()) patch[kSetElementOrderPrefix + "/" + key] = std::move(d.order);
}

// diffMaps: the patch from `original` to `modified` at field path `path`.
Json diff_maps(const Json& original, const Json& modified, const std::string& path, const Ctx& ctx,
               DiffOptions opts) {
  Json patch = Json::object();
  Json retain_keys = Json::array();
  for (auto it = modified.begin(); it != modified.end(); ++it) {
    const std::string& key = it.key();
    const Json& mv = *it;
    if (opts.build_retain_keys && !mv.is_null()) retain_keys.push_back(key);
    auto ot = original.find(key);
    if (ot == original.end()) {
      if (!opts.ignore_changes_and_additions) patch[key] = mv;
      continue;
    }
    if (key == kDirectiveMarker) {  // handleDirectiveMarker
      if (!ot->is_string() || !mv.is_string()) fail("invalid value for special key: " + kDirectiveMarker);
      if (*ot != mv) patch[key] = mv;
      continue;
    }
    if (go_type(*ot) != go_type(mv)) {
      if (!opts.ignore_changes_and_additions) patch[key] = mv;
      continue;
    }
    switch (go_type(mv)) {
      case GoType::Map: handle_map_diff(key, *ot, mv, patch, path, ctx, opts); break;
      case GoType::Slice: handle_slice_diff(key, *ot, mv, patch, path, ctx, opts); break;
      default: replace_patch_field_if_not_equal(key, *ot, mv, patch, opts);
    }
  }
  // updatePatchIfMissing: null for what `modified` dropped.
  if (!opts.ignore_deletions)
    for (auto it = original.begin(); it != original.end(); ++it)
      if (!modified.contains(it.key())) patch[it.key()] = nullptr;
  // $retainKeys when the patch says something or `original` has a field to clear.
  if (!retain_keys.empty()) {
    bool has_additional = false;
    for (auto it = original.begin(); it != original.end(); ++it)
      if (!it->is_null() && !modified.contains(it.key())) has_additional = true;
    if (!patch.empty() || has_additional) patch[kRetainKeysDirective] = sort_scalars(retain_keys);
  }
  return patch;
}

// A document argument of the client-side functions: JSON null counts as {}.
Json document(const Json& v) {
  if (v.is_null()) return Json::object();
  if (!v.is_object()) fail("invalid JSON document");
  return v;
}

}  // namespace
}  // namespace kt::api::patch::smp

// ---- 2. entry points ------------------------------------------------------------------------------------------

namespace kt::api::patch {

using smp::DiffOptions;

Json create_two_way_merge_patch(const Json& original, const Json& modified, const Strategy& strategy) {
  const smp::Ctx ctx{strategy};
  try {
    DiffOptions opts;
    opts.set_element_order = true;
    return smp::diff_maps(smp::document(original), smp::document(modified), "", ctx, opts);
  } catch (const smp::SmpError& e) {
    throw smp::client_error(e);
  }
}

Json create_three_way_merge_patch(const Json& original, const Json& modified, const Json& current,
                                  const Strategy& strategy) {
  const smp::Ctx ctx{strategy};
  try {
    const Json o = smp::document(original), m = smp::document(modified), c = smp::document(current);
    // The changes from live to new, without deletions ...
    DiffOptions delta_opts;
    delta_opts.set_element_order = true;
    delta_opts.ignore_deletions = true;
    Json delta = smp::diff_maps(c, m, "", ctx, delta_opts);
    // ... and the deletions from last-applied to new, without changes ...
    DiffOptions deletions_opts;
    deletions_opts.set_element_order = true;
    deletions_opts.ignore_changes_and_additions = true;
    Json deletions = smp::diff_maps(o, m, "", ctx, deletions_opts);
    // ... merged, keeping every directive for the server.
    return smp::merge_map(std::move(deletions), std::move(delta), "", ctx, smp::MergeOptions{false, false, false});
  } catch (const smp::SmpError& e) {
    throw smp::client_error(e);
  }
}

}  // namespace kt::api::patch
